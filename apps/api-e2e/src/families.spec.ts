import { startApiProcess, type ApiProcess } from '@cadenza/server/testing';
import { Client, demo, signedIn } from './support/client.js';
import { expectProblem, fieldsOf } from './support/scheduling.js';

let api: ApiProcess;
let admin: Client;
let idOf: (email: string) => string;
beforeAll(async () => {
  api = await startApiProcess();
  admin = await signedIn(api.url, demo('admin'));
  const users = (await admin.get('/api/v1/users?status=all')).body as { id: string; email: string }[];
  idOf = (email) => {
    const found = users.find((u) => u.email === email);
    if (!found) throw new Error(`no user ${email}`);
    return found.id;
  };
}, 120_000);
afterAll(() => api?.stop());

interface FamilyView {
  id: string;
  name: string;
  payerId: string | null;
  guardians: { userId: string; name: string }[];
  children: { userId: string; minor: boolean; access: { guardianId: string; level: string }[] }[];
}
const levelOf = (family: FamilyView, guardianId: string, childId: string) => family.children.find((c) => c.userId === childId)?.access.find((a) => a.guardianId === guardianId)?.level ?? null;

describe('families, kept by admins', () => {
  // First, while the demo's families are as seeded.
  it('the demo school shows every case: shared surnames, two guardians with a payer, a child without a sign-in and one who left', async () => {
    const families = (await admin.get('/api/v1/families')).body as (FamilyView & { guardians: { userId: string; name: string; signsIn: boolean }[]; children: { userId: string; name: string; signsIn: boolean; archived: boolean }[] })[];
    const surname = (name: string) => name.split(' ').slice(1).join(' ');
    for (const family of families) expect(surname(family.guardians[0]!.name)).toBe(surname(family.children[0]!.name));
    const showcase = families.find((f) => f.guardians.some((g) => g.userId === idOf(demo('parent26'))))!;
    expect(showcase.guardians.map((g) => g.userId)).toEqual([idOf(demo('parent8')), idOf(demo('parent26'))]);
    expect(showcase.payerId).toBe(idOf(demo('parent26')));
    expect(showcase.children.find((c) => c.userId === idOf(demo('student41')))).toMatchObject({ signsIn: false, archived: false, minor: true });
    expect(showcase.children.find((c) => c.userId === idOf(demo('student42')))).toMatchObject({ signsIn: true, archived: true });
    const listed = (await admin.get('/api/v1/students')).body as { id: string }[];
    expect(listed.map((s) => s.id)).toContain(idOf(demo('student41')));
    expect(listed.map((s) => s.id)).not.toContain(idOf(demo('student42')));
    // The second guardian sees the family's children, the young one too.
    const second = await signedIn(api.url, demo('parent26'));
    expect(((await second.get('/api/v1/students')).body as { id: string }[]).map((s) => s.id)).toEqual(expect.arrayContaining([idOf(demo('student41'))]));
  });

  it('creates a family, adds two children and a guardian with access per child, marks the payer, and the guardian sees both children', async () => {
    const [sam, ali, guardian] = [idOf(demo('student21')), idOf(demo('student22')), idOf(demo('parent21'))];
    const created = await admin.post('/api/v1/families', { name: '  The Rivers ' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'The Rivers', guardians: [], children: [], payerId: null });
    const id = created.body.id as string;
    expect((await admin.post(`/api/v1/families/${id}/children`, { childId: sam })).status).toBe(201);
    expect((await admin.post(`/api/v1/families/${id}/children`, { childId: ali })).status).toBe(201);
    const linked = await admin.post(`/api/v1/families/${id}/guardians`, { userId: guardian, level: 'full', access: [{ childId: ali, level: 'view' }] });
    expect(linked.status).toBe(201);
    expect([levelOf(linked.body, guardian, sam), levelOf(linked.body, guardian, ali)]).toEqual(['full', 'view']);
    const paid = await admin.patch(`/api/v1/families/${id}`, { payerId: guardian, name: 'Rivers family' });
    expect(paid.body).toMatchObject({ name: 'Rivers family', payerId: guardian });

    const parent = await signedIn(api.url, demo('parent21'));
    const theirs = (await parent.get('/api/v1/families')).body as FamilyView[];
    expect(theirs.map((f) => f.id)).toContain(id);
    const read = await parent.get(`/api/v1/families/${id}`);
    expect(read.status).toBe(200);
    expect(read.body.children.map((c: { userId: string }) => c.userId).sort()).toEqual([sam, ali].sort());
    const students = (await parent.get('/api/v1/students')).body as { id: string }[];
    expect(students.map((s) => s.id)).toEqual(expect.arrayContaining([sam, ali]));
    // A view-only guardian reads the child but cannot change them.
    expect((await parent.patch(`/api/v1/students/${ali}`, { name: 'Changed' })).status).toBe(403);

    const trail = (await admin.get(`/api/v1/audit-events?entityType=family&entityId=${id}`)).body.items as { action: string }[];
    expect(trail.map((e) => e.action).sort()).toEqual(['identity.family.child_added', 'identity.family.child_added', 'identity.family.created', 'identity.family.guardian_added', 'identity.family.updated']);
    // Another family's parent does not find it.
    expect((await (await signedIn(api.url, demo('parent1'))).get(`/api/v1/families/${id}`)).status).toBe(404);
  }, 60_000);

  it('refuses a guardian linked twice, a child added twice and bad input, naming the field; nothing changes', async () => {
    const [child, guardian] = [idOf(demo('student23')), idOf(demo('parent22'))];
    const id = (await admin.post('/api/v1/families', { name: 'The Lakes' })).body.id as string;
    await admin.post(`/api/v1/families/${id}/children`, { childId: child });
    await admin.post(`/api/v1/families/${id}/guardians`, { userId: guardian });
    const before = (await admin.get(`/api/v1/families/${id}`)).body;
    const twice = await admin.post(`/api/v1/families/${id}/guardians`, { userId: guardian, level: 'view' });
    expectProblem(twice, 409, 'IDENTITY.ALREADY_GUARDIAN');
    expect(fieldsOf(twice)).toEqual(['userId']);
    expectProblem(await admin.post(`/api/v1/families/${id}/children`, { childId: child }), 409, 'IDENTITY.ALREADY_IN_FAMILY');
    const cases: [string, string, unknown, string][] = [
      ['POST', '/api/v1/families', { name: ' ' }, 'name'],
      ['POST', '/api/v1/families', { name: 'x'.repeat(121) }, 'name'],
      ['PATCH', `/api/v1/families/${id}`, { payerId: 'someone' }, 'payerId'],
      ['PATCH', `/api/v1/families/${id}`, { payerId: child }, 'payerId'],
      ['POST', `/api/v1/families/${id}/guardians`, { userId: guardian, level: 'admin' }, 'level'],
      ['POST', `/api/v1/families/${id}/guardians`, { userId: '00000000-0000-4000-8000-000000000000' }, 'userId'],
      ['POST', `/api/v1/families/${id}/guardians`, { userId: idOf(demo('parent23')), access: [{ childId: idOf(demo('student24')), level: 'view' }] }, 'access.0.childId'],
      ['POST', `/api/v1/families/${id}/children`, { childId: guardian }, 'childId'],
      ['POST', `/api/v1/families/${id}/children`, { childId: idOf(demo('student24')), extra: 1 }, 'extra'],
      ['PATCH', `/api/v1/families/${id}/guardians/${guardian}`, { access: [] }, 'access'],
      ['POST', `/api/v1/families/${id}/children/${child}/move`, { toFamilyId: id }, 'toFamilyId'],
    ];
    for (const [method, path, body, field] of cases) {
      const reply = await admin.call(method, path, body);
      expect({ method, path, body, status: reply.status, fields: fieldsOf(reply) }).toEqual({ method, path, body, status: 400, fields: [field] });
    }
    expect((await admin.get(`/api/v1/families/${id}`)).body).toEqual(before);
  }, 60_000);

  it('never removes the last full-access guardian of a minor; changes access, removes a guardian, and moves a child', async () => {
    const [minor, mum, dad] = [idOf(demo('student25')), idOf(demo('parent24')), idOf(demo('teacher3'))];
    await admin.patch(`/api/v1/students/${minor}`, { dateOfBirth: '2015-06-01' });
    const id = (await admin.post('/api/v1/families', { name: 'The Hills' })).body.id as string;
    await admin.post(`/api/v1/families/${id}/children`, { childId: minor });
    await admin.post(`/api/v1/families/${id}/guardians`, { userId: mum, level: 'full' });
    // A teacher of the school can be a guardian too.
    const withTeacher = await admin.post(`/api/v1/families/${id}/guardians`, { userId: dad, level: 'view' });
    expect(levelOf(withTeacher.body, dad, minor)).toBe('view');
    expect((await admin.get(`/api/v1/users/${dad}`)).body.roles).toEqual(expect.arrayContaining(['teacher', 'parent']));

    expectProblem(await admin.delete(`/api/v1/families/${id}/guardians/${mum}`), 409, 'IDENTITY.LAST_FULL_GUARDIAN');
    expectProblem(await admin.patch(`/api/v1/families/${id}/guardians/${mum}`, { access: [{ childId: minor, level: 'view' }] }), 409, 'IDENTITY.LAST_FULL_GUARDIAN');
    expect(levelOf((await admin.get(`/api/v1/families/${id}`)).body, mum, minor)).toBe('full');

    expect((await admin.patch(`/api/v1/families/${id}/guardians/${dad}`, { access: [{ childId: minor, level: 'full' }] })).status).toBe(200);
    const removed = await admin.delete(`/api/v1/families/${id}/guardians/${mum}`);
    expect(removed.status).toBe(200);
    expect(removed.body.guardians.map((g: { userId: string }) => g.userId)).toEqual([dad]);

    const other = (await admin.post('/api/v1/families', { name: 'The Dales' })).body.id as string;
    await admin.post(`/api/v1/families/${other}/guardians`, { userId: mum });
    const moved = await admin.post(`/api/v1/families/${id}/children/${minor}/move`, { toFamilyId: other });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ id: other, children: [{ userId: minor, access: [{ guardianId: mum, level: 'full' }] }] });
    expect((await admin.get(`/api/v1/families/${id}`)).body.children).toEqual([]);
  }, 60_000);

  it('two admins changing one family at once both keep their change: the second waits for the first and reads it', async () => {
    const [child, first, second] = [idOf(demo('student26')), idOf(demo('parent25')), idOf(demo('parent26'))];
    await admin.patch(`/api/v1/students/${child}`, { dateOfBirth: '1990-04-02' });
    const id = (await admin.post('/api/v1/families', { name: 'The Fords' })).body.id as string;
    await admin.post(`/api/v1/families/${id}/children`, { childId: child });
    await admin.post(`/api/v1/families/${id}/guardians`, { userId: first, level: 'view' });
    await admin.post(`/api/v1/families/${id}/guardians`, { userId: second, level: 'view' });
    const other = await signedIn(api.url, demo('admin'));
    const levels = ['full', 'view', 'none'] as const;
    for (let round = 0; round < 9; round++) {
      const [a, b] = [levels[round % 3], levels[Math.floor(round / 3)]];
      const answers = await Promise.all([
        admin.patch(`/api/v1/families/${id}/guardians/${first}`, { access: [{ childId: child, level: a }] }),
        other.patch(`/api/v1/families/${id}/guardians/${second}`, { access: [{ childId: child, level: b }] }),
        other.patch(`/api/v1/families/${id}`, { name: `The Fords ${round}` }),
      ]);
      expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
      const family = (await admin.get(`/api/v1/families/${id}`)).body as FamilyView;
      expect([levelOf(family, first, child) ?? 'none', levelOf(family, second, child) ?? 'none', family.name]).toEqual([a, b, `The Fords ${round}`]);
    }
  }, 120_000);

});
