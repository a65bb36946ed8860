import { startApiProcess, withClient, type ApiProcess } from '@cadenza/server/testing';
import { Client, DEMO_PASSWORD, demo, signedIn } from './support/client.js';

let api: ApiProcess;
beforeAll(async () => {
  api = await startApiProcess({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '3' });
}, 60_000);
afterAll(() => api?.stop());

describe('sign-in', () => {
  it('signs in case-insensitively and returns who, where and what', async () => {
    const client = new Client(api.url);
    const session = await client.login('Teacher1@Demo.Cadenza.School');
    expect(session.me).toMatchObject({ email: demo('teacher1'), roles: ['teacher'], school: { name: 'Cadenza Demo School', timeZone: 'Europe/London' } });
    expect(client.refreshCookie).toBeTruthy();
    const me = await client.get('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.name).toBe(session.me.name);
  });

  it('gives the same answer for a wrong email and a wrong password', async () => {
    const client = new Client(api.url);
    const wrongPassword = await client.post('/api/v1/auth/login', { email: demo('teacher2'), password: 'not-the-password' });
    const wrongEmail = await client.post('/api/v1/auth/login', { email: 'nobody@demo.cadenza.school', password: 'not-the-password' });
    expect(wrongPassword.status).toBe(401);
    expect(wrongEmail.status).toBe(401);
    const strip = (b: Record<string, unknown>) => ({ ...b, instance: undefined });
    expect(strip(wrongEmail.body)).toEqual(strip(wrongPassword.body));
    expect(wrongPassword.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });

  it('throttles an account after repeated failures from one address with a clear 429, even for the right password', async () => {
    const client = new Client(api.url);
    for (let i = 0; i < 3; i++) {
      expect((await client.post('/api/v1/auth/login', { email: demo('student7'), password: 'wrong-password' })).status).toBe(401);
    }
    const refused = await client.post('/api/v1/auth/login', { email: demo('student7'), password: DEMO_PASSWORD });
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('IDENTITY.TOO_MANY_ATTEMPTS');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('rejects malformed input naming the field, and unknown fields', async () => {
    const reply = await new Client(api.url).post('/api/v1/auth/login', { email: 'not-an-email', password: 'x', remember: true });
    expect(reply.status).toBe(400);
    expect(reply.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'remember']);
    const garbage = await new Client(api.url).post('/api/v1/auth/login', '{"email":');
    expect(garbage.status).toBe(400);
    expect(garbage.body.code).toBe('HTTP.MALFORMED_BODY');
  });
});

describe('sessions', () => {
  it('rotates the refresh token and revokes the family when an old one is replayed', async () => {
    const client = await signedIn(api.url, demo('teacher3'));
    const first = client.refreshCookie;
    const refreshed = await client.refresh();
    expect(refreshed.status).toBe(200);
    expect(client.refreshCookie).not.toBe(first);
    const current = client.refreshCookie;
    // Past the few seconds' grace a replaced token has (two tabs refreshing at once).
    await withClient(api.db.url, (db) => db.query(`update refresh_tokens set replaced_at = replaced_at - interval '1 minute' where replaced_at is not null`));

    const thief = new Client(api.url);
    thief.refreshCookie = first;
    const replay = await thief.refresh();
    expect(replay.status).toBe(401);

    client.refreshCookie = current;
    expect((await client.refresh()).status).toBe(401);
  });

  it('two refreshes of one token at the same moment both get the same new token, and the session goes on', async () => {
    const client = await signedIn(api.url, demo('teacher6'));
    const tabs = [0, 1, 2].map(() => Object.assign(new Client(api.url), { refreshCookie: client.refreshCookie }));
    const replies = await Promise.all(tabs.map((tab) => tab.refresh()));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(new Set(tabs.map((tab) => tab.refreshCookie)).size).toBe(1);
    expect(tabs[0].refreshCookie).not.toBe(client.refreshCookie);
    const me = Object.assign(new Client(api.url), { token: replies[2].body.accessToken });
    expect((await me.get('/api/v1/me')).status).toBe(200);
    expect((await tabs[1].refresh()).status).toBe(200);
  });

  it('refuses refresh and logout without the CSRF header', async () => {
    const client = await signedIn(api.url, demo('teacher4'));
    expect((await client.post('/api/v1/auth/refresh')).status).toBe(403);
    expect((await client.post('/api/v1/auth/logout')).status).toBe(403);
    const crossSite = await client.post('/api/v1/auth/refresh', undefined, { 'x-cadenza-csrf': '1', origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    expect((await client.refresh()).status).toBe(200);
  });

  it('signing out ends the session', async () => {
    const client = await signedIn(api.url, demo('teacher5'));
    const cookie = client.refreshCookie;
    expect((await client.logout()).status).toBe(204);
    const again = new Client(api.url);
    again.refreshCookie = cookie;
    expect((await again.refresh()).status).toBe(401);
  });

  it('refuses requests without a valid bearer token', async () => {
    const client = new Client(api.url);
    expect((await client.get('/api/v1/me')).status).toBe(401);
    client.token = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.';
    expect((await client.get('/api/v1/me')).status).toBe(401);
  });
});
