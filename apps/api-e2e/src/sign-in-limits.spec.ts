import { linkIn, startApiProcess, type ApiProcess } from '@cadenza/server/testing';
import { Client, DEMO_PASSWORD, demo } from './support/client.js';

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

describe('failures sent by someone else', () => {
  it('never lock the owner out at an address they signed in from, and a reset email lets them in from a new one', async () => {
    const owner = (address: string, password = DEMO_PASSWORD) => attempt(demo('teacher5'), address, password);
    expect((await owner('203.0.113.10')).status).toBe(200);
    const guesses = [];
    for (let i = 0; i < 6; i++) guesses.push((await attempt(demo('teacher5'), '198.51.100.200')).status);
    expect(guesses).toEqual([401, 401, 401, 401, 401, 429]);
    // Anywhere new shares the account's turns: the bound on guesses holds.
    expect((await attempt(demo('teacher5'), '198.51.100.201')).status).toBe(429);
    // The owner where they signed in before is not held up.
    expect((await owner('203.0.113.10')).status).toBe(200);
    // From a new address the owner is slowed too (429 with Retry-After), until a reset.
    const slowed = await owner('203.0.113.11');
    expect(slowed.status).toBe(429);
    expect(Number(slowed.headers.get('retry-after'))).toBeGreaterThan(0);
    const anon = new Client(api.url);
    expect((await anon.post('/api/v1/auth/password-reset', { email: demo('teacher5') }, { 'x-forwarded-for': '203.0.113.11' })).status).toBe(202);
    const link = linkIn(await api.mail.waitFor(demo('teacher5'), (m) => /Reset/.test(m.subject), 15_000), '/reset-password');
    const token = new URL(link).searchParams.get('token');
    expect((await anon.post('/api/v1/auth/password-reset/confirm', { token, password: 'a-brand-new-password' }, { 'x-forwarded-for': '203.0.113.11' })).status).toBe(204);
    expect((await owner('203.0.113.11', 'a-brand-new-password')).status).toBe(200);
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

describe('password-reset requests', () => {
  const ask = (email: string, address: string) => new Client(api.url).post('/api/v1/auth/password-reset', { email }, { 'x-forwarded-for': address });
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

  it('answers as fast for an email with an account as for one without (the mail is sent afterwards)', async () => {
    const timings = { account: [] as number[], none: [] as number[] };
    for (let i = 0; i < 12; i++) {
      for (const kind of i % 2 === 0 ? (['account', 'none'] as const) : (['none', 'account'] as const)) {
        const email = kind === 'account' ? demo(`parent${i + 10}`) : `nobody-${i}@example.org`;
        const started = performance.now();
        expect((await ask(email, `198.18.${i}.${kind === 'account' ? 1 : 2}`)).status).toBe(202);
        timings[kind].push(performance.now() - started);
      }
    }
    // Before, the answer waited for the mail: 115-150 ms with an account against 5-11 ms without.
    expect(Math.abs(median(timings.account) - median(timings.none))).toBeLessThan(50);
    await api.mail.waitFor(demo('parent21'), (m) => /Reset/.test(m.subject), 15_000);
  });

  it('sends at most 3 mails to one inbox however often it is asked, and answers 429 with Retry-After past them', async () => {
    const replies = await Promise.all(Array.from({ length: 20 }, (_, i) => ask(demo('parent5'), `198.19.0.${i + 1}`)));
    expect(statuses(replies)).toEqual([...Array(3).fill(202), ...Array(17).fill(429)]);
    const refused = replies.find((r) => r.status === 429);
    expect(refused?.body).toMatchObject({ code: 'IDENTITY.TOO_MANY_RESET_REQUESTS' });
    expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThan(0);
    const toParent5 = () => api.mail.messages.filter((m) => m.to.includes(demo('parent5')));
    const deadline = Date.now() + 15_000;
    while (toParent5().length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1_000));
    expect(toParent5()).toHaveLength(3);
  });

  it('refuses an address past its turns, whatever the emails', async () => {
    const replies = await Promise.all(Array.from({ length: 12 }, (_, i) => ask(`someone-${i}@example.org`, '198.19.1.1')));
    expect(statuses(replies)).toEqual([...Array(10).fill(202), ...Array(2).fill(429)]);
  });
});
