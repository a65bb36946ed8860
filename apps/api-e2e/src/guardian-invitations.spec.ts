import { acceptMailedInvitation, apiSuite, demo } from './support/client.js';
import { expectProblem, fieldsOf } from './support/scheduling.js';

const suite = apiSuite();

interface FamilyView {
  id: string;
  guardians: { userId: string; name: string; signsIn: boolean }[];
  children: { userId: string; name: string; signsIn: boolean }[];
}

describe('a new guardian invited into a family', () => {
  it('records and links them, mails the invitation; once accepted they sign in and see the family’s children', async () => {
    const family = (await suite.admin.post('/api/v1/families', { name: 'Okafor family' })).body as FamilyView;
    const young = (await suite.admin.post('/api/v1/students', { name: 'Ada Okafor', dateOfBirth: '2019-06-01' })).body as { id: string };
    const older = (await suite.admin.post('/api/v1/students', { name: 'Ben Okafor', dateOfBirth: '2012-02-03' })).body as { id: string };
    for (const child of [young, older]) expect((await suite.admin.post(`/api/v1/families/${family.id}/children`, { childId: child.id })).status).toBe(201);
    // The older child signs in on their own; the younger has no sign-in.
    expect((await suite.admin.post(`/api/v1/students/${older.id}/invitation`, { email: 'ben.okafor@example.org' })).status).toBe(201);
    await acceptMailedInvitation(suite.api, 'ben.okafor@example.org', 'ben-long-password');

    const invited = await suite.admin.post(`/api/v1/families/${family.id}/guardian-invitations`, { name: 'Grace Okafor', email: 'Grace.Okafor@Example.org' });
    expect(invited.status).toBe(201);
    const grace = (invited.body as FamilyView).guardians.find((g) => g.name === 'Grace Okafor');
    expect(grace).toMatchObject({ signsIn: false });
    expect((await suite.admin.get(`/api/v1/users/${grace!.userId}`)).body).toMatchObject({ email: 'grace.okafor@example.org', roles: ['parent'], minor: false });
    const trail = await suite.admin.get(`/api/v1/audit-events?action=identity.family.guardian_added&entityId=${family.id}`);
    expect(trail.body.items).toHaveLength(1);

    const parent = await acceptMailedInvitation(suite.api, 'grace.okafor@example.org', 'grace-long-password');
    expect((await parent.get('/api/v1/me')).body).toMatchObject({ id: grace!.userId, roles: ['parent'] });
    const theirs = (await parent.get('/api/v1/families')).body as FamilyView[];
    expect(theirs.map((f) => f.id)).toEqual([family.id]);
    expect(theirs[0].children.map((c) => [c.name, c.signsIn]).sort()).toEqual([
      ['Ada Okafor', false],
      ['Ben Okafor', true],
    ]);
    expect(((await parent.get('/api/v1/students')).body as { id: string }[]).map((s) => s.id).sort()).toEqual([young.id, older.id].sort());
    expect((await parent.get(`/api/v1/students/${young.id}`)).status).toBe(200);
    expect((await suite.admin.get(`/api/v1/families/${family.id}`)).body.guardians).toEqual([expect.objectContaining({ userId: grace!.userId, signsIn: true })]);
  }, 120_000);

  it('refuses a taken email or a bad one, naming the field, and an unknown family; nothing is added', async () => {
    const family = (await suite.admin.post('/api/v1/families', { name: 'Refused family' })).body as FamilyView;
    const taken = await suite.admin.post(`/api/v1/families/${family.id}/guardian-invitations`, { name: 'Someone', email: demo('parent1') });
    expectProblem(taken, 409, 'IDENTITY.EMAIL_TAKEN');
    expect(fieldsOf(taken)).toEqual(['email']);
    expect(fieldsOf(await suite.admin.post(`/api/v1/families/${family.id}/guardian-invitations`, { name: 'Someone', email: 'not an email' }))).toEqual(['email']);
    expect(fieldsOf(await suite.admin.post(`/api/v1/families/${family.id}/guardian-invitations`, { email: 'named@example.org' }))).toEqual(['name']);
    expectProblem(await suite.admin.post('/api/v1/families/00000000-0000-4000-8000-000000000000/guardian-invitations', { name: 'Someone', email: 'nobody.here@example.org' }), 404);
    expect((await suite.admin.get(`/api/v1/families/${family.id}`)).body.guardians).toEqual([]);
    expect(((await suite.admin.get('/api/v1/users?status=all')).body as { email: string }[]).some((u) => u.email === 'nobody.here@example.org')).toBe(false);
  }, 60_000);
});
