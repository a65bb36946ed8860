import { execFile } from 'node:child_process';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { freePort, startApiProcess, waitFor, type ApiProcess } from '@cadenza/server/testing';
import { Client, demo, signedIn } from './support/client.js';

const root = resolve(import.meta.dirname, '../../..');
const run = promisify(execFile);

/** A TCP relay in front of PostgreSQL that the test can cut and restore. */
class CuttableRelay {
  private server: Server | null = null;
  private sockets = new Set<Socket>();
  constructor(
    readonly port: number,
    private readonly target: number,
  ) {}
  async open(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.target, '127.0.0.1');
      this.sockets.add(client).add(upstream);
      client.pipe(upstream).pipe(client);
      const drop = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
    });
    this.server = server;
    await new Promise<void>((r) => server.listen(this.port, '127.0.0.1', () => r()));
  }
  async cut(): Promise<void> {
    this.sockets.forEach((s) => s.destroy());
    this.sockets.clear();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
    this.server = null;
  }
}

describe('platform', () => {
  let api: ApiProcess;
  beforeAll(async () => {
    api = await startApiProcess();
  }, 60_000);
  afterAll(() => api?.stop());

  it('serves health, metrics and the OpenAPI document', async () => {
    const client = new Client(api.url);
    expect((await client.get('/health/live')).body).toEqual({ status: 'ok' });
    expect((await client.get('/health/ready')).body).toMatchObject({ status: 'ready', checks: { database: { ok: true } } });
    await signedIn(api.url, demo('admin'));
    const metrics = await client.get('/metrics');
    expect(metrics.body).toMatch(/cadenza_http_request_duration_seconds_bucket\{.*route="\/api\/v1\/auth\/login"/);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect((await client.get('/api/docs-json')).body.info.title).toBe('Cadenza API');
  });

  it('serves Swagger UI where requests can be tried with a bearer token', async () => {
    const client = new Client(api.url);
    const page = await client.get('/api/docs');
    expect(page.status).toBe(200);
    expect(String(page.body)).toMatch(/<script src="[^"]*swagger-ui-init\.js">/);
    const init = String((await client.get('/api/docs/swagger-ui-init.js')).body);
    expect(init).toMatch(/"persistAuthorization":\s*true/);
    expect(init).toMatch(/"tryItOutEnabled":\s*true/);
    const doc = (await client.get('/api/docs-json')).body as { components: { securitySchemes: Record<string, { scheme?: string }> }; paths: Record<string, Record<string, { security?: unknown[] }>> };
    expect(doc.components.securitySchemes['bearer']).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.paths['/api/v1/me']?.['get']?.security).toEqual([{ bearer: [] }]);
  }, 30_000);

  it('answers unknown routes with problem details and sets security headers', async () => {
    const reply = await new Client(api.url).get('/api/v1/no-such-thing');
    expect(reply.status).toBe(404);
    expect(reply.headers.get('content-type')).toMatch(/problem\+json/);
    expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
    expect(reply.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    // Images may come from blob: URLs (the inbox's previews, fetched with the token); scripts may not.
    expect(reply.headers.get('content-security-policy')).toMatch(/img-src 'self' data: blob:/);
    expect(reply.headers.get('content-security-policy')).toMatch(/script-src 'self';/);
  });

  it('tells clients not to store signed-in answers, and sends no HSTS over plain http', async () => {
    const admin = await signedIn(api.url, demo('admin'));
    const me = await admin.get('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.headers.get('cache-control')).toBe('no-store');
    expect(me.headers.get('strict-transport-security')).toBeNull();
    expect(me.headers.get('content-security-policy')).not.toMatch(/connect-src[^;]*\bwss?:(\s|;|$)/);
  });

  it('echoes a request id it was given', async () => {
    const reply = await new Client(api.url).call('GET', '/health/ready', undefined, { 'x-request-id': 'req-12345678' });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('x-request-id')).toBe('req-12345678');
    const fresh = await new Client(api.url).get('/health/ready');
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('start-up', () => {
  it('stops with a message naming a malformed variable', async () => {
    const failed = await run(process.execPath, [resolve(root, 'dist/server/apps/api/src/main.js')], {
      env: { PATH: process.env['PATH'] ?? '', PORT: 'eighty', DATABASE_URL: 'mysql://nope' },
      cwd: root,
    }).catch((e: { code: number; stderr: string }) => e);
    expect((failed as { code: number }).code).toBe(1);
    expect((failed as { stderr: string }).stderr).toMatch(/PORT/);
    expect((failed as { stderr: string }).stderr).toMatch(/DATABASE_URL/);
  });

  it('starts while PostgreSQL is unreachable, reports not-ready, and recovers without a restart', async () => {
    const relay = new CuttableRelay(await freePort(), 5432);
    // No demo seed (it needs the database at start); an operator creates the school through the CLI instead.
    const api = await startApiProcess({ CADENZA_DEMO: '0' }, { databasePort: relay.port, waitFor: 'live' });
    const created = await api.cli('create', '--name', 'Outage School', '--time-zone', 'Europe/Dublin', '--currency', 'EUR', '--locale', 'en-IE', '--admin-email', 'owner@outage.example', '--admin-name', 'Owner', '--admin-password', 'outage-password');
    expect(created.code).toBe(0);
    const readiness = async () => {
      const reply = await fetch(`${api.url}/health/ready`);
      return { status: reply.status, body: (await reply.json()) as { checks: { database: { ok: boolean } } } };
    };
    try {
      const down = await readiness();
      expect(down.status).toBe(503);
      expect(down.body.checks.database.ok).toBe(false);
      expect((await new Client(api.url).post('/api/v1/auth/login', { email: 'owner@outage.example', password: 'outage-password' })).status).toBe(503);
      await relay.open();
      await waitFor(async () => (await readiness()).status === 200, 120_000);
      await signedIn(api.url, 'owner@outage.example', 'outage-password');
      // And it rides out a second outage.
      await relay.cut();
      await waitFor(async () => (await readiness()).status === 503, 20_000);
      await relay.open();
      await waitFor(async () => (await readiness()).status === 200, 120_000);
    } finally {
      await api.stop();
      await relay.cut();
    }
  }, 120_000);
});
