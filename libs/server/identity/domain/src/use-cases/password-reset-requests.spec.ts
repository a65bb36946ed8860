import { MINUTE } from '@cadenza/shared/kernel';
import { FixedClock, ImmediateUnitOfWork, InMemoryRateLimiter, RecordingAuditTrail } from '@cadenza/shared/kernel/testing';
import { School } from '../model/school.js';
import { User } from '../model/user.js';
import { CountingSecrets, InMemoryPasswordResetRequests, InMemoryPasswordResets, InMemorySchools, InMemoryUsers, PlainLinks, RecordingIdentityMailer } from '../testing/in-memory.js';
import { RESET_REQUEST_LEASE_MS, RESET_REQUESTS, RequestPasswordReset, SendPasswordResets } from './password-reset.js';

function setup() {
  const clock = new FixedClock('2026-12-07T10:00:00Z');
  const users = new InMemoryUsers();
  const schools = new InMemorySchools();
  const requests = new InMemoryPasswordResetRequests();
  const resets = new InMemoryPasswordResets();
  const mailer = new RecordingIdentityMailer();
  const audit = new RecordingAuditTrail();
  const school = School.create({ name: 'Demo', timeZone: 'Europe/London', currency: 'GBP', locale: 'en-GB' }, clock.now());
  void schools.add(school);
  const user = User.create({ schoolId: school.id, email: 'ana@example.org', name: 'Ana', roles: ['parent'], timeZone: 'Europe/London', locale: 'en-GB' }, clock.now());
  void users.add(user);
  // A user lookup that is never made while asking is what keeps the answer the same for any email.
  const lookups: string[] = [];
  const watchedUsers = Object.assign(Object.create(users) as InMemoryUsers, {
    byEmailAcrossSchools: async (email: string) => {
      lookups.push(email);
      return users.byEmailAcrossSchools(email);
    },
  });
  return {
    clock,
    requests,
    resets,
    mailer,
    lookups,
    ask: new RequestPasswordReset(requests, new InMemoryRateLimiter(), clock),
    send: new SendPasswordResets(requests, watchedUsers, resets, new CountingSecrets(), mailer, new PlainLinks(), audit, new ImmediateUnitOfWork(), clock),
  };
}

describe('RequestPasswordReset', () => {
  it('only queues the request, the same for an email with an account and one without: no lookup, no mail', async () => {
    const { ask, requests, mailer, lookups } = setup();
    await ask.execute({ email: ' Ana@Example.org', ip: '10.0.0.1' });
    await ask.execute({ email: 'nobody@example.org', ip: '10.0.0.2' });
    expect(requests.rows.map((r) => r.email)).toEqual(['ana@example.org', 'nobody@example.org']);
    expect(lookups).toEqual([]);
    expect(mailer.sent).toEqual([]);
  });

  it('throttles per email, with or without an account, and per address, with 429 and how long to wait', async () => {
    const { ask, requests } = setup();
    for (let i = 0; i < RESET_REQUESTS.perEmail.burst; i++) await ask.execute({ email: 'ana@example.org', ip: `10.0.1.${i}` });
    await expect(ask.execute({ email: 'ana@example.org', ip: '10.0.1.99' })).rejects.toMatchObject({
      code: 'IDENTITY.TOO_MANY_RESET_REQUESTS',
      kind: 'rate_limited',
      details: { retryAfterSeconds: RESET_REQUESTS.perEmail.everyMs / 1000 },
    });
    for (let i = 0; i < RESET_REQUESTS.perAddress.burst; i++) await ask.execute({ email: `someone${i}@example.org`, ip: '10.0.2.1' });
    await expect(ask.execute({ email: 'another@example.org', ip: '10.0.2.1' })).rejects.toMatchObject({ kind: 'rate_limited' });
    expect(requests.rows).toHaveLength(RESET_REQUESTS.perEmail.burst + RESET_REQUESTS.perAddress.burst);
  });
});

describe('SendPasswordResets', () => {
  it('mails a link for an account, nothing for an unknown email, and empties the queue', async () => {
    const { ask, send, mailer, resets, requests } = setup();
    await ask.execute({ email: 'ana@example.org', ip: '10.0.0.1' });
    await ask.execute({ email: 'nobody@example.org', ip: '10.0.0.1' });
    expect(await send.execute(10)).toEqual({ claimed: 2, failed: [] });
    expect(mailer.sent).toEqual([{ kind: 'reset', to: 'ana@example.org', link: 'https://school.example/reset-password?token=token-1' }]);
    expect(resets.rows.size).toBe(1);
    expect(requests.rows).toEqual([]);
  });

  it('keeps a request whose mail failed and sends it once its lease has run out', async () => {
    const { ask, send, mailer, clock } = setup();
    await ask.execute({ email: 'ana@example.org', ip: '10.0.0.1' });
    mailer.failing = true;
    expect((await send.execute(10)).failed).toHaveLength(1);
    mailer.failing = false;
    expect(await send.execute(10)).toEqual({ claimed: 0, failed: [] });
    clock.advance(RESET_REQUEST_LEASE_MS + MINUTE);
    expect(await send.execute(10)).toEqual({ claimed: 1, failed: [] });
    expect(mailer.sent).toHaveLength(1);
  });
});
