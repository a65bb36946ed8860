import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pinoHttp } from 'pino-http';
import { loggerParams } from './logging.js';

/** A real HTTP server behind the app's request logging, its log lines kept. */
async function loggedServer(handle: (request: IncomingMessage & { user?: unknown }, response: ServerResponse) => void) {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const text of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(text));
      done();
    },
  });
  const params = loggerParams({ level: 'info' } as Parameters<typeof loggerParams>[0], stream);
  const log = pinoHttp(params.pinoHttp as Parameters<typeof pinoHttp>[0]);
  const server: Server = createServer((request, response) => log(request, response, () => handle(request, response)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { lines, url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('request logs', () => {
  it('log each request once with its id, method, path, status, time and caller, and nothing personal', async () => {
    const server = await loggedServer((request, response) => {
      request.user = { userId: 'user-1', schoolId: 'school-1', email: 'someone@example.test' };
      response.statusCode = 201;
      response.end('{"name":"A secret name"}');
    });
    try {
      const response = await fetch(`${server.url}/api/v1/lessons?token=abc`, {
        method: 'POST',
        headers: { 'x-request-id': 'req-12345678', authorization: 'Bearer very-secret', cookie: 'refresh=also-secret' },
        body: '{"password":"hunter2"}',
      });
      await response.text();
      await settled();
      expect(server.lines).toHaveLength(1);
      const [line] = server.lines;
      expect(line).toMatchObject({
        level: 30,
        msg: 'request completed',
        req: { id: 'req-12345678', method: 'POST', path: '/api/v1/lessons' },
        res: { status: 201 },
        userId: 'user-1',
        schoolId: 'school-1',
      });
      expect(typeof line['responseTime']).toBe('number');
      const text = JSON.stringify(line);
      for (const secret of ['very-secret', 'also-secret', 'hunter2', 'A secret name', 'token=abc', 'someone@example.test']) {
        expect(text).not.toContain(secret);
      }
    } finally {
      await server.close();
    }
  });

  it('log an anonymous request without a caller, and a failed one as an error with its caller', async () => {
    const server = await loggedServer((request, response) => {
      if (request.url === '/fails') {
        request.user = { userId: 'user-2', schoolId: 'school-2' };
        response.statusCode = 500;
      }
      response.end();
    });
    try {
      await (await fetch(`${server.url}/health/ready`)).text();
      await (await fetch(`${server.url}/fails`)).text();
      await settled();
      expect(server.lines).toHaveLength(2);
      const [anonymous, failed] = server.lines;
      expect(anonymous).toMatchObject({ level: 30, req: { path: '/health/ready' }, res: { status: 200 } });
      expect(anonymous).not.toHaveProperty('userId');
      expect(anonymous).not.toHaveProperty('schoolId');
      expect(failed).toMatchObject({ level: 50, req: { path: '/fails' }, res: { status: 500 }, userId: 'user-2', schoolId: 'school-2' });
      expect(typeof (failed['req'] as { id: unknown }).id).toBe('string');
    } finally {
      await server.close();
    }
  });

  it('do not log liveness probes or metrics scrapes', async () => {
    const server = await loggedServer((_request, response) => response.end());
    try {
      await (await fetch(`${server.url}/health/live`)).text();
      await (await fetch(`${server.url}/metrics`)).text();
      await settled();
      expect(server.lines).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
