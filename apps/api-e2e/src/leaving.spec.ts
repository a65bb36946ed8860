import type { ApiProcess } from '@cadenza/server/testing';
import { Client, demo, signedIn, startedWithAdmin } from './support/client.js';
import { expectProblem, fieldsOf } from './support/scheduling.js';

let api: ApiProcess;
let admin: Client;
startedWithAdmin((started, signedInAdmin) => {
  [api, admin] = [started, signedInAdmin];
});

async function idOf(email: string): Promise<string> {
  const users = (await admin.get('/api/v1/users?status=all')).body as { id: string; email: string }[];
  const found = users.find((u) => u.email === email);
  if (!found) throw new Error(`no user ${email}`);
  return found.id;
}

describe('leaving and returning', () => {
  it('archives a student: their lessons to come listed first and cancelled with it, sessions ended at once, out of lists, back after a restore', async () => {
    const studentId = await idOf(demo('student7'));
    const student = await signedIn(api.url, demo('student7'));
    expect((await student.get('/api/v1/me')).status).toBe(200);

    const preview = await admin.get(`/api/v1/users/${studentId}/archive-preview`);
    expect(preview.status).toBe(200);
    expect(preview.body.person).toMatchObject({ id: studentId, archived: false });
    const upcoming = preview.body.lessons as { id: string; start: string; role: string }[];
    expect(upcoming.length).toBeGreaterThan(0);
    expect(upcoming.every((l) => l.role === 'student' && new Date(l.start).getTime() > Date.now() - 60_000)).toBe(true);

    const archived = await admin.post(`/api/v1/users/${studentId}/archive`, { cancelFutureLessons: true, reason: 'Moved away' });
    expect(archived.status).toBe(200);
    expect(archived.body).toMatchObject({ id: studentId, archived: true });
    expect(archived.body.leftSchoolOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // The student's access token is refused from the next request, their refresh too, and signing in again.
    expect((await student.get('/api/v1/me')).status).toBe(401);
    expect((await student.refresh()).status).toBe(401);
    expectProblem(await new Client(api.url).post('/api/v1/auth/login', { email: demo('student7'), password: 'cadenza-demo' }), 403, 'IDENTITY.ACCOUNT_ARCHIVED');
    // A wrong password still answers as any wrong password does.
    expect((await new Client(api.url).post('/api/v1/auth/login', { email: demo('student7'), password: 'not-the-password' })).status).toBe(401);

    // Their lessons to come are cancelled, and none is left to preview.
    expect((await admin.get(`/api/v1/users/${studentId}/archive-preview`)).body.lessons).toEqual([]);
    const last = upcoming[upcoming.length - 1]!;
    const range = `from=${encodeURIComponent(upcoming[0]!.start)}&to=${encodeURIComponent(new Date(new Date(last.start).getTime() + 86_400_000).toISOString())}`;
    const theirs = (await admin.get(`/api/v1/lessons?${range}&studentId=${studentId}&includeCancelled=true`)).body as { id: string; status: string }[];
    expect(theirs.filter((l) => upcoming.some((u) => u.id === l.id)).map((l) => l.status)).toEqual(upcoming.map(() => 'cancelled'));

    // Out of the lists and pickers; the admin can still ask for them; their history stays.
    expect(((await admin.get('/api/v1/students')).body as { id: string }[]).some((s) => s.id === studentId)).toBe(false);
    expect(((await admin.get('/api/v1/students?status=archived')).body as { id: string }[]).map((s) => s.id)).toContain(studentId);
    expect(((await admin.get('/api/v1/users')).body as { id: string }[]).some((s) => s.id === studentId)).toBe(false);
    expect((await admin.get(`/api/v1/students/${studentId}`)).status).toBe(200);
    const trail = await admin.get(`/api/v1/audit-events?action=identity.person.archived&entityId=${studentId}`);
    expect(trail.body.items[0]).toMatchObject({ before: { leftSchoolOn: null }, after: { cancelledLessonIds: upcoming.map((l) => l.id) } });

    const restored = await admin.post(`/api/v1/users/${studentId}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ archived: false, leftSchoolOn: null });
    expect((await (await signedIn(api.url, demo('student7'))).get('/api/v1/me')).status).toBe(200);
    expect(((await admin.get('/api/v1/students')).body as { id: string }[]).some((s) => s.id === studentId)).toBe(true);
    expect((await admin.get(`/api/v1/audit-events?action=identity.person.restored&entityId=${studentId}`)).body.items).toHaveLength(1);
  }, 120_000);

  it('archives a teacher out of the teachers everyone sees, and keeps their lessons when not asked to cancel them', async () => {
    const teacherId = await idOf(demo('teacher2'));
    const before = (await admin.get(`/api/v1/users/${teacherId}/archive-preview`)).body.lessons as { id: string }[];
    expect((await admin.post(`/api/v1/users/${teacherId}/archive`, {})).status).toBe(200);
    const parent = await signedIn(api.url, demo('parent1'));
    expect(((await parent.get('/api/v1/teachers')).body as { id: string }[]).some((t) => t.id === teacherId)).toBe(false);
    expect(((await admin.get(`/api/v1/users/${teacherId}/archive-preview`)).body.lessons as { id: string }[]).map((l) => l.id)).toEqual(before.map((l) => l.id));
    // Nobody books them any more, nor offers them to start a conversation with.
    const studentId = await idOf(demo('student3'));
    const start = new Date(Date.now() + 30 * 86_400_000);
    start.setUTCHours(16, 0, 0, 0);
    const lesson = { teacherId, studentIds: [studentId], start: start.toISOString(), end: new Date(start.getTime() + 45 * 60_000).toISOString(), override: { reason: 'Leaving test' } };
    const refused = await admin.post('/api/v1/lessons', lesson);
    expectProblem(refused, 400, 'SCHEDULING.PERSON_ARCHIVED');
    expect(fieldsOf(refused)).toEqual(['teacherId']);
    const contacts = (await admin.get('/api/v1/threads/contacts')).body as { id: string }[];
    expect(contacts.some((c) => c.id === teacherId)).toBe(false);
    // Nor a student who left, as one of a group.
    const otherStudentId = await idOf(demo('student4'));
    const guardian = await signedIn(api.url, demo('parent2'));
    const guardianContacts = async () => ((await guardian.get('/api/v1/threads/contacts')).body as { id: string }[]).map((c) => c.id);
    expect(await guardianContacts()).toContain(otherStudentId);
    expect(contacts.length).toBeGreaterThan(0);
    expect((await admin.post(`/api/v1/users/${otherStudentId}/archive`, {})).status).toBe(200);
    const withStudent = await admin.post('/api/v1/lessons', { ...lesson, teacherId: await idOf(demo('teacher1')), studentIds: [studentId, otherStudentId] });
    expectProblem(withStudent, 400, 'SCHEDULING.PERSON_ARCHIVED');
    expect(fieldsOf(withStudent)).toEqual(['studentIds.1']);
    expect(await guardianContacts()).not.toContain(otherStudentId);
    expect((await admin.post(`/api/v1/users/${otherStudentId}/restore`)).status).toBe(200);
    expect((await admin.post(`/api/v1/users/${teacherId}/restore`)).status).toBe(200);
  }, 90_000);

  it('refuses to archive oneself, twice, or with a bad day, naming the field; restoring someone at the school is a conflict; nothing changes', async () => {
    const me = (await admin.get('/api/v1/me')).body as { id: string };
    expectProblem(await admin.post(`/api/v1/users/${me.id}/archive`, {}), 409, 'IDENTITY.CANNOT_ARCHIVE_SELF');
    const studentId = await idOf(demo('student8'));
    for (const [body, field] of [
      [{ leftOn: 'yesterday' }, 'leftOn'],
      [{ leftOn: '2999-01-01' }, 'leftOn'],
      [{ cancelFutureLessons: 'yes' }, 'cancelFutureLessons'],
      [{ reason: 'x'.repeat(501) }, 'reason'],
      [{ surprise: true }, 'surprise'],
    ] as const) {
      const reply = await admin.post(`/api/v1/users/${studentId}/archive`, body);
      expectProblem(reply, 400);
      expect({ body, fields: fieldsOf(reply) }).toEqual({ body, fields: [field] });
    }
    expectProblem(await admin.post(`/api/v1/users/${studentId}/restore`), 409, 'IDENTITY.NOT_ARCHIVED');
    expect((await admin.get(`/api/v1/users/${studentId}`)).body).toMatchObject({ archived: false, leftSchoolOn: null });
    expect((await admin.post(`/api/v1/users/${studentId}/archive`, { leftOn: '2026-01-31' })).body).toMatchObject({ archived: true, leftSchoolOn: '2026-01-31' });
    expectProblem(await admin.post(`/api/v1/users/${studentId}/archive`, {}), 409, 'IDENTITY.ALREADY_ARCHIVED');
    expectProblem(await admin.post('/api/v1/users/00000000-0000-4000-8000-000000000000/archive', {}), 404);
  }, 60_000);
});
