import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { buildConfig, parseEnvironment } from '@cadenza/server/platform/config';
import { ACCESS_METADATA, type AccessRule } from '@cadenza/server/platform/http';
import { createTestDatabase, type TestDatabase } from '@cadenza/server/testing';
import { createHttpApp } from './http-app.js';

/**
 * Every route handler registered in the api declares who may call it. This walks
 * the real application's controllers, so a new route without `@Access` or
 * `@Public` fails here (and the guard would refuse it to everybody).
 */
describe('access declarations', () => {
  let db: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = buildConfig(parseEnvironment({ DATABASE_URL: db.url, SMTP_URL: 'smtp://127.0.0.1:2525', LOG_LEVEL: 'silent' }), 'x'.repeat(40));
    app = await createHttpApp(config, db.url, { logs: false });
    await app.init();
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('finds a rule on every handler of every controller', () => {
    const scanner = new MetadataScanner();
    const routes: { route: string; rule: AccessRule | undefined }[] = [];
    const controllers = [...app.get(ModulesContainer).values()].flatMap((module) => [...module.controllers.values()]);
    for (const wrapper of controllers) {
      const type = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!type) continue;
      for (const name of scanner.getAllMethodNames(type.prototype)) {
        const handler = (type.prototype as Record<string, unknown>)[name] as object;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (path === undefined) continue;
        const rule = (Reflect.getMetadata(ACCESS_METADATA, handler) ?? Reflect.getMetadata(ACCESS_METADATA, type)) as AccessRule | undefined;
        routes.push({ route: `${Reflect.getMetadata(METHOD_METADATA, handler)} ${Reflect.getMetadata(PATH_METADATA, type)}/${path} (${type.name}.${name})`, rule });
      }
    }
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.filter((r) => !r.rule).map((r) => r.route)).toEqual([]);
    const publicRoutes = routes.filter((r) => r.rule?.kind === 'public');
    expect(publicRoutes.every((r) => r.rule?.kind === 'public' && r.rule.why.length > 10)).toBe(true);
  });
});
