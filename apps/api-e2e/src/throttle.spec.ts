import { startApiProcess, type ApiProcess } from '@cadenza/server/testing';
import { Client, DEMO_PASSWORD, demo } from './support/client.js';

let api: ApiProcess;
beforeAll(async () => {
  api = await startApiProcess({ LOGIN_MAX_FAILURES_PER_IP: '4', LOGIN_MAX_FAILURES_PER_ACCOUNT: '100' });
}, 60_000);
afterAll(() => api?.stop());

describe('sign-in throttling per address', () => {
  it('refuses every account from an address that failed too often, with the same clear 429', async () => {
    const client = new Client(api.url);
    for (const who of ['teacher1', 'teacher2', 'student1', 'parent1']) {
      expect((await client.post('/api/v1/auth/login', { email: demo(who), password: 'wrong-password' })).status).toBe(401);
    }
    const refused = await client.post('/api/v1/auth/login', { email: demo('admin'), password: DEMO_PASSWORD });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/problem\+json/);
    expect(refused.body).toMatchObject({ code: 'IDENTITY.TOO_MANY_ATTEMPTS', detail: expect.stringMatching(/Too many failed sign-ins/) });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
