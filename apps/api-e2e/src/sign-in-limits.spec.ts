import { startApiProcess, type ApiProcess } from '@cadenza/server/testing';
import { Client, demo } from './support/client.js';

/**
 * Sign-in limits against attempts sent together: each attempt takes its turn before the
 * password is hashed, so however many arrive at once, at most the limit are ever checked.
 * Addresses come from X-Forwarded-For (the api trusts its proxy here).
 */
let api: ApiProcess;
beforeAll(async () => {
  api = await startApiProcess({ TRUST_PROXY: 'true', LOGIN_MAX_FAILURES_PER_ACCOUNT: '5', LOGIN_MAX_FAILURES_PER_IP: '8' });
}, 240_000);
afterAll(() => api?.stop());

const attempt = (email: string, address: string, password = 'wrong-password') =>
  new Client(api.url).post('/api/v1/auth/login', { email, password }, { 'x-forwarded-for': address });

const statuses = (replies: { status: number }[]) => replies.map((r) => r.status).sort();

describe('sign-in attempts sent together', () => {
  it('checks at most the account limit of 20 wrong passwords for one email sent at once', async () => {
    const replies = await Promise.all(Array.from({ length: 20 }, (_, i) => attempt(demo('student9'), `198.51.100.${i + 1}`)));
    expect(statuses(replies)).toEqual([...Array(5).fill(401), ...Array(15).fill(429)]);
    for (const refused of replies.filter((r) => r.status === 429)) {
      expect(refused.body).toMatchObject({ code: 'IDENTITY.TOO_MANY_ATTEMPTS' });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });

  it('checks at most the address limit of 20 attempts on different accounts from one address sent at once', async () => {
    const replies = await Promise.all(Array.from({ length: 20 }, (_, i) => attempt(demo(`student${i + 11}`), '203.0.113.7')));
    expect(statuses(replies)).toEqual([...Array(8).fill(401), ...Array(12).fill(429)]);
  });
});

describe('links from mail (reset-confirm and invitation-accept)', () => {
  it('refuses an address past its turns with made-up tokens, across both endpoints, with 429 and Retry-After', async () => {
    const send = (i: number) =>
      new Client(api.url).post(i % 2 === 0 ? '/api/v1/auth/password-reset/confirm' : '/api/v1/invitations/accept', { token: `made-up-token-of-the-right-length-${i}`, password: 'a-good-long-password' }, { 'x-forwarded-for': '192.0.2.44' });
    const replies = await Promise.all(Array.from({ length: 24 }, (_, i) => send(i)));
    expect(statuses(replies)).toEqual([...Array(20).fill(404), ...Array(4).fill(429)]);
    const refused = replies.find((r) => r.status === 429);
    expect(refused?.body).toMatchObject({ code: 'IDENTITY.TOO_MANY_LINK_ATTEMPTS' });
    expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another address is not held up.
    expect((await new Client(api.url).post('/api/v1/auth/password-reset/confirm', { token: 'made-up-token-of-the-right-length', password: 'a-good-long-password' }, { 'x-forwarded-for': '192.0.2.45' })).status).toBe(404);
  });
});
