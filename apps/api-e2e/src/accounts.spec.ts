import { linkIn, startApiProcess, withClient, type ApiProcess } from '@cadenza/server/testing';
import { Client, demo, signedIn } from './support/client.js';

let api: ApiProcess;
beforeAll(async () => {
  api = await startApiProcess();
}, 60_000);
afterAll(() => api?.stop());

const tokenOf = (link: string) => new URL(link).searchParams.get('token') ?? '';

describe('invitations', () => {
  it('an admin invites, the invitee sets a password from the mailed link and signs in', async () => {
    const admin = await signedIn(api.url, demo('admin'));
    const created = await admin.post('/api/v1/invitations', { email: 'New.Teacher@Example.org', name: 'Nia Teacher', roles: ['teacher'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'new.teacher@example.org', roles: ['teacher'], acceptedAt: null });
    const mail = await api.mail.waitFor('new.teacher@example.org');
    const link = linkIn(mail, '/console/accept-invitation');
    const accepted = await new Client(api.url).post('/api/v1/invitations/accept', { token: tokenOf(link), password: 'a-good-long-password' });
    expect(accepted.status).toBe(201);
    const teacher = await signedIn(api.url, 'new.teacher@example.org', 'a-good-long-password');
    expect((await teacher.get('/api/v1/me')).body).toMatchObject({ name: 'Nia Teacher', roles: ['teacher'] });

    const reused = await new Client(api.url).post('/api/v1/invitations/accept', { token: tokenOf(link), password: 'another-long-password' });
    expect(reused.status).toBe(410);
    const events = await admin.get('/api/v1/audit-events?action=identity.invitation.accepted');
    expect(events.body.items).toHaveLength(1);
  });

  it('an expired invitation is gone', async () => {
    const admin = await signedIn(api.url, demo('admin'));
    await admin.post('/api/v1/invitations', { email: 'late@example.org', name: 'Late Comer', roles: ['parent'] });
    const link = linkIn(await api.mail.waitFor('late@example.org'), '/accept-invitation');
    await withClient(api.db.url, (db) => db.query(`update invitations set expires_at = now() - interval '1 minute' where email = 'late@example.org'`));
    const reply = await new Client(api.url).post('/api/v1/invitations/accept', { token: tokenOf(link), password: 'a-good-long-password' });
    expect(reply.status).toBe(410);
    expect(reply.body.code).toBe('IDENTITY.INVITATION_EXPIRED');
  });

  it('refuses a duplicate email with 409 and writes nothing', async () => {
    const admin = await signedIn(api.url, demo('admin'));
    const before = (await admin.get('/api/v1/invitations')).body.length;
    const reply = await admin.post('/api/v1/invitations', { email: demo('TEACHER2'), name: 'Someone', roles: ['teacher'] });
    expect(reply.status).toBe(409);
    expect(reply.body.errors[0].field).toBe('email');
    expect((await admin.get('/api/v1/invitations')).body.length).toBe(before);
  });

  it('validates roles and fields, and only admins may invite', async () => {
    const admin = await signedIn(api.url, demo('admin'));
    const bad = await admin.post('/api/v1/invitations', { email: 'x@example.org', name: 'X', roles: ['janitor'] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toMatch(/^roles/);
    for (const who of ['teacher1', 'student1', 'parent1', 'accompanist']) {
      const other = await signedIn(api.url, demo(who));
      expect((await other.post('/api/v1/invitations', { email: 'y@example.org', name: 'Y', roles: ['teacher'] })).status).toBe(403);
    }
  });

  it('a weak password is refused and the invitation stays usable', async () => {
    const admin = await signedIn(api.url, demo('admin'));
    await admin.post('/api/v1/invitations', { email: 'weak@example.org', name: 'Weak', roles: ['student'] });
    const token = tokenOf(linkIn(await api.mail.waitFor('weak@example.org'), '/accept-invitation'));
    const weak = await new Client(api.url).post('/api/v1/invitations/accept', { token, password: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.errors[0].field).toBe('password');
    expect((await new Client(api.url).post('/api/v1/invitations/accept', { token, password: 'now-long-enough' })).status).toBe(201);
  });
});

describe('password reset', () => {
  it('mails a link that sets a new password once and ends existing sessions', async () => {
    const old = await signedIn(api.url, demo('parent2'));
    const anon = new Client(api.url);
    expect((await anon.post('/api/v1/auth/password-reset', { email: demo('parent2') })).status).toBe(202);
    expect((await anon.post('/api/v1/auth/password-reset', { email: 'nobody@example.org' })).status).toBe(202);
    const token = tokenOf(linkIn(await api.mail.waitFor(demo('parent2'), (m) => /Reset/.test(m.subject)), '/reset-password'));
    expect((await anon.post('/api/v1/auth/password-reset/confirm', { token, password: 'brand-new-password' })).status).toBe(204);
    expect((await anon.post('/api/v1/auth/password-reset/confirm', { token, password: 'another-new-password' })).status).toBe(410);
    expect((await old.refresh()).status).toBe(401);
    await signedIn(api.url, demo('parent2'), 'brand-new-password');
  });

  it('a successful reset ends every other reset link of the account', async () => {
    const anon = new Client(api.url);
    const isReset = (m: { subject: string }) => /Reset/.test(m.subject);
    expect((await anon.post('/api/v1/auth/password-reset', { email: demo('parent3') })).status).toBe(202);
    const first = await api.mail.waitFor(demo('parent3'), isReset);
    expect((await anon.post('/api/v1/auth/password-reset', { email: demo('parent3') })).status).toBe(202);
    const second = await api.mail.waitFor(demo('parent3'), (m) => isReset(m) && m !== first);
    expect((await anon.post('/api/v1/auth/password-reset/confirm', { token: tokenOf(linkIn(second, '/reset-password')), password: 'brand-new-password' })).status).toBe(204);
    const older = await anon.post('/api/v1/auth/password-reset/confirm', { token: tokenOf(linkIn(first, '/reset-password')), password: 'attackers-password' });
    expect(older.status).toBe(410);
    expect(older.body.code).toBe('IDENTITY.RESET_EXPIRED');
    await signedIn(api.url, demo('parent3'), 'brand-new-password');
  });
});
