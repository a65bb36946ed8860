import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { buildConfig, parseEnvironment } from '@cadenza/server/platform/config';
import { buildApiDocument, describedRoutes, type DescribedRoute } from '@cadenza/server/platform/http';
import { createTestDatabase, type TestDatabase } from '@cadenza/server/testing';
import { createHttpApp } from './http-app.js';

type Operation = {
  operationId: string;
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; schema?: unknown }[];
  requestBody?: { content: Record<string, { schema?: unknown }> };
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  'x-access'?: { roles?: string[]; public?: boolean };
};

/**
 * The API's description, built from the real application: every registered route is in it with
 * the shapes its pipes validate and its `@Endpoint` answers, the access its guard enforces, and
 * the whole passes Redocly's recommended OpenAPI lint rules.
 */
describe('the OpenAPI document', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let document: OpenAPIObject;
  let routes: DescribedRoute[];
  const operations = new Map<string, { path: string; method: string; operation: Operation }>();

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = buildConfig(parseEnvironment({ DATABASE_URL: db.url, SMTP_URL: 'smtp://127.0.0.1:2525', LOG_LEVEL: 'silent' }), 'x'.repeat(40));
    app = await createHttpApp(config, db.url, { logs: false });
    await app.init();
    document = buildApiDocument(app);
    routes = describedRoutes(app);
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item as Record<string, Operation>)) {
        operations.set(operation.operationId, { path, method, operation });
      }
    }
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('describes every registered route, with the request and answer shapes it validates and gives', () => {
    expect(routes.length).toBeGreaterThan(70);
    const missing: string[] = [];
    for (const route of routes) {
      const found = operations.get(route.operationId);
      if (!route.endpoint) missing.push(`${route.route}: no @Endpoint`);
      if (!found) {
        missing.push(`${route.route}: not in the document`);
        continue;
      }
      const { path, operation } = found;
      const success = Object.entries(operation.responses).filter(([status]) => status.startsWith('2'));
      if (success.length !== 1) missing.push(`${route.route}: ${success.length} success answers`);
      for (const [status, answer] of success) {
        const emptyByDesign = route.endpoint?.response === null;
        if (!emptyByDesign && !Object.values(answer.content ?? {}).every((c) => c.schema)) missing.push(`${route.route}: ${status} without a schema`);
        if (!emptyByDesign && !answer.content) missing.push(`${route.route}: ${status} without content`);
      }
      const pathNames = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const name of pathNames) {
        if (!operation.parameters?.some((p) => p.in === 'path' && p.name === name && p.schema)) missing.push(`${route.route}: path parameter ${name} undescribed`);
      }
      if (pathNames.length > 0 && !route.params) missing.push(`${route.route}: path not validated by a schema`);
      if (route.query && !operation.parameters?.some((p) => p.in === 'query')) missing.push(`${route.route}: query undescribed`);
      if ((route.body || route.endpoint?.body) && !Object.values(operation.requestBody?.content ?? {}).some((c) => c.schema)) {
        missing.push(`${route.route}: body undescribed`);
      }
      if (route.body || route.query || route.params) {
        if (!operation.responses['400']?.content?.['application/problem+json']) missing.push(`${route.route}: no 400 problem`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('documents the access each operation’s guard enforces, read from the same declaration', () => {
    const mismatches: string[] = [];
    for (const route of routes) {
      const found = operations.get(route.operationId);
      if (!found || !route.access) continue;
      const { operation } = found;
      if (route.access.kind === 'public') {
        if (operation['x-access']?.public !== true || (operation.security ?? []).length !== 0) mismatches.push(`${route.route}: not documented as public`);
      } else {
        if (JSON.stringify(operation['x-access']?.roles) !== JSON.stringify(route.access.roles)) mismatches.push(`${route.route}: documented roles differ`);
        if (!operation.security?.some((s) => 'bearer' in s)) mismatches.push(`${route.route}: no bearer security`);
        if (!operation.responses['401'] || !operation.responses['403']) mismatches.push(`${route.route}: no 401/403`);
      }
    }
    expect(mismatches).toEqual([]);
    const availability = operations.get('AvailabilityController_get')?.operation;
    expect(availability?.['x-access']?.roles).toEqual(['admin', 'teacher', 'accompanist']);
  });

  it('gives request bodies, query parameters and answers their zod-made schemas', () => {
    const book = operations.get('LessonsController_book')!.operation;
    const bookBody = book.requestBody!.content['application/json']!.schema as { properties: Record<string, unknown>; required: string[]; additionalProperties: boolean };
    expect(bookBody.required).toEqual(expect.arrayContaining(['teacherId', 'studentIds', 'start', 'end']));
    expect(bookBody.additionalProperties).toBe(false);
    expect(book.responses['201']!.content!['application/json']!.schema).toEqual({ $ref: '#/components/schemas/Lesson' });
    expect(Object.keys(book.responses)).toEqual(expect.arrayContaining(['400', '401', '403', '409']));
    const lessons = operations.get('LessonsController_list')!.operation;
    expect(lessons.parameters?.filter((p) => p.in === 'query').map((p) => p.name)).toEqual(expect.arrayContaining(['from', 'to', 'teacherId', 'includeCancelled']));
    const schemas = document.components!.schemas as Record<string, { properties?: Record<string, unknown> }>;
    expect(Object.keys(schemas['Lesson']!.properties!)).toEqual(expect.arrayContaining(['id', 'teacherId', 'studentIds', 'start', 'end', 'status', 'cancellation']));
    expect(schemas['ProblemDetails']).toBeDefined();
    // Answers carry examples: on the schemas of contracts, and on every problem.
    const withoutExample = Object.entries(schemas).filter(([name, schema]) => !('example' in schema) && !name.endsWith('Result') && !name.endsWith('Page'));
    expect(withoutExample.map(([name]) => name).sort()).toEqual(['DashboardCounters', 'Live', 'ProblemDetails', 'Ready', 'Session', 'ThreadDetail', 'ThreadDetailMessage', 'Transcript']);
  });

  it('passes the recommended OpenAPI lint rules with no error or warning', async () => {
    // Recommended, and every example checked against its schema.
    const config = await createConfig({ extends: ['recommended'], rules: { 'no-invalid-schema-examples': 'error', 'no-invalid-media-type-examples': 'error' } });
    const problems = await lintFromString({ source: JSON.stringify(document), absoluteRef: 'openapi.json', config });
    // The probes and metrics take no input and have nothing to refuse: no 4XX answer to document.
    const probes = ['/health/live/', '/health/ready/', '/metrics/'].map((path) => `#/paths/${path.slice(0, -1).replaceAll('/', '~1')}/get/responses`);
    const report = problems
      .filter((p) => !(p.ruleId === 'operation-4xx-response' && probes.includes(p.location[0]?.pointer ?? '')))
      .map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? ''}`);
    expect(report).toEqual([]);
  });
});
