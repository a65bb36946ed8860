import type { ApiProcess } from '@cadenza/server/testing';
import { Client, demo, signedIn, startedWithAdmin } from './support/client.js';
import { expectProblem, fieldsOf } from './support/scheduling.js';

let api: ApiProcess;
let admin: Client;
startedWithAdmin((started, signedInAdmin) => {
  [api, admin] = [started, signedInAdmin];
});

interface Person {
  id: string;
  email: string;
  roles: string[];
}

async function person(by: Client, email: string): Promise<Person> {
  const found = ((await by.get('/api/v1/users?status=all')).body as Person[]).find((u) => u.email === email);
  if (!found) throw new Error(`no user ${email}`);
  return found;
}

const admins = async (by: Client) => ((await by.get('/api/v1/users?role=admin')).body as Person[]).map((u) => u.email);

describe('roles given and taken away by admins', () => {
  it('makes a teacher an admin: their sessions end, they sign in with the role, and the change is audited', async () => {
    const teacher = await signedIn(api.url, demo('teacher2'));
    const before = await person(admin, demo('teacher2'));
    expect((await teacher.get('/api/v1/users')).status).toBe(403);
    const changed = await admin.put(`/api/v1/users/${before.id}/roles`, { roles: ['teacher', 'admin'] });
    expect(changed.status).toBe(200);
    expect([...changed.body.roles].sort()).toEqual(['admin', 'teacher']);
    expect((await teacher.get('/api/v1/me')).status).toBe(401);
    const again = await signedIn(api.url, demo('teacher2'));
    expect((await again.get('/api/v1/users')).status).toBe(200);
    const trail = await admin.get(`/api/v1/audit-events?action=identity.user.roles_changed&entityId=${before.id}`);
    expect(trail.body.items[0]).toMatchObject({ before: { roles: before.roles }, after: { roles: changed.body.roles } });
    // Taken away again, they are a teacher only.
    expect((await admin.put(`/api/v1/users/${before.id}/roles`, { roles: ['teacher'] })).body.roles).toEqual(['teacher']);
    expect((await (await signedIn(api.url, demo('teacher2'))).get('/api/v1/users')).status).toBe(403);
  }, 60_000);

  it('refuses one’s own admin role, a role it does not give, and the parent role of a guardian, naming roles; nothing changes', async () => {
    const me = await person(admin, demo('admin'));
    const own = await admin.put(`/api/v1/users/${me.id}/roles`, { roles: ['teacher'] });
    expectProblem(own, 409, 'IDENTITY.CANNOT_REMOVE_OWN_ADMIN');
    expect(fieldsOf(own)).toEqual(['roles']);
    const parent = await person(admin, demo('parent1'));
    expect(fieldsOf(await admin.put(`/api/v1/users/${parent.id}/roles`, { roles: ['student'] }))).toEqual(['roles.0']);
    expect([...new Set(fieldsOf(await admin.put(`/api/v1/users/${parent.id}/roles`, { roles: 'admin' })))]).toEqual(['roles']);
    expect(fieldsOf(await admin.put(`/api/v1/users/${parent.id}/roles`, { roles: ['teacher'], extra: true }))).toContain('extra');
    const guardian = await admin.put(`/api/v1/users/${parent.id}/roles`, { roles: ['teacher'] });
    expectProblem(guardian, 409, 'IDENTITY.STILL_GUARDIAN');
    expect(fieldsOf(guardian)).toEqual(['roles']);
    const accompanist = await person(admin, demo('accompanist'));
    expectProblem(await admin.put(`/api/v1/users/${accompanist.id}/roles`, { roles: [] }), 400, 'IDENTITY.ROLE_REQUIRED');
    expect((await person(admin, demo('accompanist'))).roles).toEqual(accompanist.roles);
    const student = await person(admin, demo('student1'));
    expect((await person(admin, demo('parent1'))).roles).toEqual(parent.roles);
    expect((await person(admin, demo('admin'))).roles).toEqual(me.roles);
    expectProblem(await admin.put('/api/v1/users/00000000-0000-4000-8000-000000000000/roles', { roles: ['teacher'] }), 404);
    // A student's role stays theirs: giving them the accompanist role keeps them a student.
    expect([...(await admin.put(`/api/v1/users/${student.id}/roles`, { roles: ['accompanist'] })).body.roles].sort()).toEqual(['accompanist', 'student']);
    expect((await admin.put(`/api/v1/users/${student.id}/roles`, { roles: [] })).body.roles).toEqual(['student']);
  }, 60_000);

  it('two admins taking each other’s admin role at once leave exactly one admin, round after round', async () => {
    const alex = await person(admin, demo('admin'));
    const tom = await person(admin, demo('teacher1'));
    let survivor = admin;
    for (let round = 0; round < 4; round++) {
      // Whoever is the admin now makes the other one an admin again; both then sign in afresh.
      const other = (await admins(survivor)).includes(demo('admin')) ? tom : alex;
      expect((await survivor.put(`/api/v1/users/${other.id}/roles`, { roles: ['teacher', 'admin'] })).status).toBe(200);
      const first = await signedIn(api.url, demo('admin'));
      const second = await signedIn(api.url, demo('teacher1'));
      expect((await admins(first)).sort()).toEqual([demo('admin'), demo('teacher1')]);

      const [a, b] = await Promise.all([
        first.put(`/api/v1/users/${tom.id}/roles`, { roles: ['teacher'] }),
        second.put(`/api/v1/users/${alex.id}/roles`, { roles: ['teacher'] }),
      ]);
      const statuses = [a.status, b.status];
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      // The later request finds the school with one admin left (409), or its caller's session ended already (401).
      const loser = a.status === 200 ? b : a;
      expect([401, 409]).toContain(loser.status);
      if (loser.status === 409) expect(loser.body.code).toBe('IDENTITY.LAST_ADMIN');

      survivor = a.status === 200 ? first : second;
      const left = await admins(survivor);
      expect(left).toEqual([a.status === 200 ? demo('admin') : demo('teacher1')]);
    }
  }, 240_000);
});
