import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { buildConfig, parseEnvironment } from '@cadenza/server/platform/config';
import { createTestDatabase, type TestDatabase } from '@cadenza/server/testing';
import { createHttpApp } from './http-app.js';

/** The headers the api sends, for a deployment on plain http and one behind https. */
describe('security headers', () => {
  let db: TestDatabase;
  const apps: INestApplication[] = [];

  async function appAt(publicUrl: string): Promise<INestApplication> {
    const env = parseEnvironment({ DATABASE_URL: db.url, SMTP_URL: 'smtp://127.0.0.1:2525', LOG_LEVEL: 'silent', PUBLIC_URL: publicUrl });
    const app = await createHttpApp(buildConfig(env, 'x'.repeat(40)), db.url, { logs: false });
    await app.init();
    apps.push(app);
    return app;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    await db?.drop();
  });

  it('sends HSTS only when the public URL is https', async () => {
    const plain = await request((await appAt('http://cadenza.test:3000')).getHttpServer()).get('/health/live');
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    const secure = await request((await appAt('https://cadenza.test')).getHttpServer()).get('/health/live');
    expect(secure.headers['strict-transport-security']).toMatch(/^max-age=\d{7,}; includeSubDomains$/);
  });

  it("lets pages open WebSockets to the app's own origin only", async () => {
    const plain = await request((await appAt('http://cadenza.test:3000')).getHttpServer()).get('/health/live');
    const plainSources = connectSources(plain.headers['content-security-policy']);
    expect(plainSources).toEqual(["'self'", 'ws://cadenza.test:3000']);
    const secure = await request((await appAt('https://cadenza.test')).getHttpServer()).get('/health/live');
    expect(connectSources(secure.headers['content-security-policy'])).toEqual(["'self'", 'wss://cadenza.test']);
  });

  it('tells clients not to store API answers', async () => {
    const server = (await appAt('http://cadenza.test:3000')).getHttpServer();
    const refused = await request(server).get('/api/v1/me').set('authorization', 'Bearer not-a-token');
    expect(refused.status).toBe(401);
    expect(refused.headers['cache-control']).toBe('no-store');
    const login = await request(server).post('/api/v1/auth/login').send({ email: 'nobody@cadenza.test', password: 'wrong password' });
    expect(login.headers['cache-control']).toBe('no-store');
  });
});

function connectSources(policy: string | undefined): string[] {
  const directive = (policy ?? '').split(';').map((d) => d.trim()).find((d) => d.startsWith('connect-src '));
  return directive ? directive.split(/\s+/).slice(1) : [];
}
