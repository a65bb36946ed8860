import { startApiProcess, type ApiProcess } from '@cadenza/server/testing';
import { Client, DEMO_PASSWORD, demo, signedIn } from './support/client.js';

let api: ApiProcess;
beforeAll(async () => {
  api = await startApiProcess();
}, 60_000);
afterAll(() => api?.stop());

describe('PATCH /me: one’s own name, time zone and locale', () => {
  it.each(['admin', 'teacher1', 'accompanist', 'student1', 'parent1'])('lets %s change their own and nobody else’s', async (who) => {
    const client = await signedIn(api.url, demo(who));
    const others = ((await (await signedIn(api.url, demo('admin'))).get('/api/v1/users')).body as { id: string; email: string; name: string }[]).filter((u) => u.email !== demo(who));
    const changed = await client.patch('/api/v1/me', { name: `${who} Renamed`, timeZone: 'America/New_York', locale: 'en-US' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: `${who} Renamed`, timeZone: 'America/New_York', locale: 'en-US' });
    expect((await client.get('/api/v1/me')).body).toMatchObject({ name: `${who} Renamed`, timeZone: 'America/New_York' });
    // Naming someone else is not a thing this route takes: refused, and nobody changes.
    const aimed = await client.patch('/api/v1/me', { id: others[0]!.id, name: 'Hijacked' });
    expect(aimed.status).toBe(400);
    const after = (await (await signedIn(api.url, demo('admin'))).get('/api/v1/users')).body as { id: string; name: string }[];
    expect(after.filter((u) => others.some((o) => o.id === u.id)).map((u) => u.name)).toEqual(others.map((o) => o.name));
  }, 60_000);

  it.each([
    [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
    [{ locale: 'not a locale' }, 'locale'],
    [{ name: '' }, 'name'],
  ])('refuses %j with a problem naming %s, and changes nothing', async (body, field) => {
    const client = await signedIn(api.url, demo('teacher2'));
    const before = (await client.get('/api/v1/me')).body;
    const reply = await client.patch('/api/v1/me', { name: 'Should Not Stick', ...body });
    expect(reply.status).toBe(400);
    expect(reply.headers.get('content-type')).toContain('application/problem+json');
    expect(reply.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    expect((await client.get('/api/v1/me')).body).toEqual(before);
  });

  it('is refused without signing in', async () => {
    expect((await new Client(api.url).patch('/api/v1/me', { name: 'Nobody' })).status).toBe(401);
  });
});

describe('POST /me/password', () => {
  it('changes the password with the current one, ends the other sessions and keeps this one, and is audited', async () => {
    const laptop = await signedIn(api.url, demo('parent2'));
    const phone = await signedIn(api.url, demo('parent2'));
    const someoneElse = await signedIn(api.url, demo('parent1'));
    const reply = await laptop.post('/api/v1/me/password', { currentPassword: DEMO_PASSWORD, newPassword: 'a-brand-new-password' });
    expect(reply.status).toBe(204);

    expect((await laptop.get('/api/v1/me')).status).toBe(200);
    expect((await laptop.refresh()).status).toBe(200);
    expect((await phone.get('/api/v1/me')).status).toBe(401);
    expect((await phone.refresh()).status).toBe(401);
    expect((await someoneElse.get('/api/v1/me')).status).toBe(200);
    expect((await someoneElse.refresh()).status).toBe(200);

    expect((await new Client(api.url).post('/api/v1/auth/login', { email: demo('parent2'), password: DEMO_PASSWORD })).status).toBe(401);
    await signedIn(api.url, demo('parent2'), 'a-brand-new-password');
    const admin = await signedIn(api.url, demo('admin'));
    const trail = (await admin.get('/api/v1/audit-events?action=identity.password.changed')).body.items;
    expect(trail).toHaveLength(1);
    expect(JSON.stringify(trail)).not.toContain('a-brand-new-password');
  }, 60_000);

  it('refuses a wrong current password with a problem naming it, and changes nothing', async () => {
    const client = await signedIn(api.url, demo('teacher1'));
    const other = await signedIn(api.url, demo('teacher1'));
    const reply = await client.post('/api/v1/me/password', { currentPassword: 'not-my-password', newPassword: 'a-brand-new-password' });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ code: 'IDENTITY.WRONG_CURRENT_PASSWORD', errors: [{ field: 'currentPassword' }] });
    expect((await other.refresh()).status).toBe(200);
    await signedIn(api.url, demo('teacher1'));
    expect((await new Client(api.url).post('/api/v1/auth/login', { email: demo('teacher1'), password: 'a-brand-new-password' })).status).toBe(401);
  }, 60_000);

  it('refuses a weak new password and a missing current one, naming each field', async () => {
    const client = await signedIn(api.url, demo('student1'));
    const weak = await client.post('/api/v1/me/password', { currentPassword: DEMO_PASSWORD, newPassword: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.errors.map((e: { field: string }) => e.field)).toEqual(['newPassword']);
    const missing = await client.post('/api/v1/me/password', { newPassword: 'long-enough-password' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(['currentPassword']);
    await signedIn(api.url, demo('student1'));
  });

  it('changes only one’s own: another person’s current password does not change theirs', async () => {
    const parent = await signedIn(api.url, demo('parent1'));
    // The admin's password is the demo one too: it is checked against the caller's own account, and the admin's stays.
    const reply = await parent.post('/api/v1/me/password', { currentPassword: DEMO_PASSWORD, newPassword: 'parent-one-new-password' });
    expect(reply.status).toBe(204);
    await signedIn(api.url, demo('admin'));
    await signedIn(api.url, demo('parent1'), 'parent-one-new-password');
    expect((await new Client(api.url).post('/api/v1/me/password', { currentPassword: DEMO_PASSWORD, newPassword: 'anonymous-password' })).status).toBe(401);
  }, 60_000);

  it('throttles guesses of the current password per account with 429 and Retry-After', async () => {
    const client = await signedIn(api.url, demo('accompanist'));
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 7; i++) {
      const reply = await client.post('/api/v1/me/password', { currentPassword: `guess-${i}`, newPassword: 'a-brand-new-password' });
      statuses.push(reply.status);
      if (reply.status === 429) retryAfter = reply.headers.get('retry-after');
    }
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // The turns are the account's, not the session's: another session of it is refused too.
    const again = await signedIn(api.url, demo('accompanist'));
    expect((await again.post('/api/v1/me/password', { currentPassword: DEMO_PASSWORD, newPassword: 'a-brand-new-password' })).status).toBe(429);
  }, 60_000);
});
