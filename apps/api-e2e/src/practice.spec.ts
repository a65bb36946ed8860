import { startApiProcess, withClient, type ApiProcess } from '@cadenza/server/testing';
import { demo, signedIn, type Client } from './support/client.js';
import { daysAgo, followed, teachersOf } from './support/practice.js';

let api: ApiProcess;
beforeAll(async () => {
  api = await startApiProcess();
}, 60_000);
afterAll(() => api?.stop());

const practiceRows = () =>
  withClient(api.db.url, async (db) => {
    const { rows } = await db.query<Record<string, string>>(`select (select count(*) from practice_logs) as logs, (select coalesce(sum(minutes), 0) from practice_days) as minutes,
      (select count(*) from practice_assignments) as assignments, (select count(*) from audit_events where action like 'practice.%') as audit`);
    return Object.fromEntries(Object.entries(rows[0]!).map(([k, v]) => [k, Number(v)]));
  });

const fieldsOf = (body: unknown) => ((body as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);

describe('practice: a student logs, the teacher sees and comments', () => {
  let student: Client, studentId: string, teacher: Client, stranger: Client;
  beforeAll(async () => {
    student = await signedIn(api.url, demo('student1'));
    [{ studentId }] = await followed(student);
    ({ teacher, stranger } = await teachersOf(api.url, studentId));
  }, 60_000);

  it('sets an assignment, the student logs against it, the teacher reads the log and comments, the student reads the comment', async () => {
    const dueOn = daysAgo(-7);
    const set = await teacher.post(`/api/v1/practice/students/${studentId}/assignments`, { title: 'Scales in G', description: 'Two octaves', dueOn, pieces: ['Minuet in G'], links: ['https://example.org/g'] });
    expect(set.status).toBe(201);
    expect((await student.get(`/api/v1/practice/students/${studentId}/assignments`)).body).toEqual(expect.arrayContaining([expect.objectContaining({ id: set.body.id, title: 'Scales in G', done: false })]));
    const logged = await student.post(`/api/v1/practice/students/${studentId}/logs`, { practisedOn: daysAgo(1), minutes: 35, note: 'Left hand slow', assignmentId: set.body.id });
    expect(logged.status).toBe(201);
    const seen = await teacher.get(`/api/v1/practice/students/${studentId}/logs?from=${daysAgo(3)}&to=${daysAgo(0)}`);
    expect(seen.body.viewer).toEqual({ canLog: false, canTeach: true });
    expect(seen.body.logs).toEqual(expect.arrayContaining([expect.objectContaining({ id: logged.body.id, minutes: 35, assignmentId: set.body.id })]));
    expect((await teacher.post(`/api/v1/practice/logs/${logged.body.id}/comments`, { body: 'Try it at 60 first.' })).status).toBe(201);
    const mine = await student.get(`/api/v1/practice/students/${studentId}/logs?from=${daysAgo(3)}&to=${daysAgo(0)}`);
    expect(mine.body.logs.find((l: { id: string }) => l.id === logged.body.id).comments.map((c: { body: string }) => c.body)).toEqual(['Try it at 60 first.']);
    expect((await teacher.patch(`/api/v1/practice/assignments/${set.body.id}`, { done: true })).body.done).toBe(true);
    const progress = await student.get(`/api/v1/practice/students/${studentId}/progress`);
    expect(progress.body.viewer).toEqual({ canLog: true, canTeach: false });
    expect(progress.body.practiceWeeks).toHaveLength(12);
    expect(progress.body.assignments.done).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it('refuses bad input with 400 naming the field, writing nothing', async () => {
    const before = await practiceRows();
    const refusals: [Client, string, unknown, string][] = [
      [student, `/api/v1/practice/students/${studentId}/logs`, { practisedOn: daysAgo(2), minutes: 0 }, 'minutes'],
      [student, `/api/v1/practice/students/${studentId}/logs`, { practisedOn: daysAgo(2), minutes: 1441 }, 'minutes'],
      [student, `/api/v1/practice/students/${studentId}/logs`, { practisedOn: daysAgo(2), minutes: -5 }, 'minutes'],
      [student, `/api/v1/practice/students/${studentId}/logs`, { practisedOn: daysAgo(-2), minutes: 10 }, 'practisedOn'],
      [student, `/api/v1/practice/students/${studentId}/logs`, { practisedOn: 'yesterday', minutes: 10 }, 'practisedOn'],
      [teacher, `/api/v1/practice/students/${studentId}/assignments`, { title: 'Late', dueOn: daysAgo(2) }, 'dueOn'],
      [teacher, `/api/v1/practice/students/${studentId}/assignments`, { title: '', dueOn: daysAgo(-2) }, 'title'],
      [teacher, `/api/v1/practice/students/${studentId}/assignments`, { title: 'Links', dueOn: daysAgo(-2), links: ['javascript:alert(1)'] }, 'links.0'],
    ];
    for (const [client, path, body, field] of refusals) {
      const reply = await client.post(path, body);
      expect({ path, body, status: reply.status, fields: fieldsOf(reply.body) }).toEqual({ path, body, status: 400, fields: [field] });
    }
    expect(await practiceRows()).toEqual(before);
  });

  it('holds a day to 1440 minutes with racing logs: every log either lands or is refused naming minutes, and the total stays within', async () => {
    const day = daysAgo(200);
    const replies = await Promise.all(Array.from({ length: 4 }, () => student.post(`/api/v1/practice/students/${studentId}/logs`, { practisedOn: day, minutes: 500 })));
    expect(replies.map((r) => r.status).sort()).toEqual([201, 201, 400, 400]);
    expect(replies.filter((r) => r.status === 400).every((r) => fieldsOf(r.body).join() === 'minutes')).toBe(true);
    const history = await student.get(`/api/v1/practice/students/${studentId}/logs?from=${day}&to=${day}`);
    expect(history.body.logs.map((l: { minutes: number }) => l.minutes)).toEqual([500, 500]);
  }, 60_000);

  it('keeps another teacher, another student and another family out (404), and families out of the teachers’ routes (403)', async () => {
    const other = await signedIn(api.url, demo('student2'));
    const parent = await signedIn(api.url, demo('parent2'));
    const children = (await followed(parent)).map((c) => c.studentId);
    expect(children).not.toContain(studentId);
    const log = (await student.post(`/api/v1/practice/students/${studentId}/logs`, { practisedOn: daysAgo(5), minutes: 5 })).body as { id: string };
    const assignment = ((await student.get(`/api/v1/practice/students/${studentId}/assignments`)).body as { id: string }[])[0]!;
    const reads = ['assignments', 'logs', 'progress'].map((what) => ['GET', `/api/v1/practice/students/${studentId}/${what}`] as [string, string, unknown?]);
    for (const who of [other, parent, stranger]) {
      for (const [method, path] of reads) expect({ path, status: (await who.call(method, path)).status }).toEqual({ path, status: 404 });
    }
    for (const who of [other, parent]) expect((await who.post(`/api/v1/practice/students/${studentId}/logs`, { practisedOn: daysAgo(1), minutes: 5 })).status).toBe(404);
    const teaching: [string, string, unknown][] = [
      ['POST', `/api/v1/practice/students/${studentId}/assignments`, { title: 'Mine', dueOn: daysAgo(-3) }],
      ['PATCH', `/api/v1/practice/assignments/${assignment.id}`, { done: false }],
      ['POST', `/api/v1/practice/logs/${log.id}/comments`, { body: 'Hello' }],
      ['POST', `/api/v1/practice/students/${studentId}/targets`, { description: 'Grade 3', dueOn: daysAgo(-30) }],
    ];
    for (const [method, path, body] of teaching) {
      expect({ path, status: (await stranger.call(method, path, body)).status }).toEqual({ path, status: 404 });
      for (const family of [student, parent]) expect({ path, status: (await family.call(method, path, body)).status }).toEqual({ path, status: 403 });
    }
  }, 60_000);
});

describe('practice: a view-only parent reads progress and cannot log', () => {
  it('shows a view-only parent their child’s progress without logging, refuses the log if forced (403) and writes nothing; a full-access parent of a minor logs', async () => {
    const viewOnly = await signedIn(api.url, demo('parent5'));
    const [child] = await followed(viewOnly);
    expect(child).toMatchObject({ canLog: false });
    const progress = await viewOnly.get(`/api/v1/practice/students/${child!.studentId}/progress`);
    expect(progress.status).toBe(200);
    expect(progress.body.viewer).toEqual({ canLog: false, canTeach: false });
    const before = await practiceRows();
    const forced = await viewOnly.post(`/api/v1/practice/students/${child!.studentId}/logs`, { practisedOn: daysAgo(1), minutes: 20 });
    expect({ status: forced.status, code: forced.body.code }).toEqual({ status: 403, code: 'PRACTICE.CANNOT_LOG' });
    expect(await practiceRows()).toEqual(before);
    for (const n of [1, 2, 3, 4]) {
      const parent = await signedIn(api.url, demo(`parent${n}`));
      const minor = (await followed(parent)).find((c) => c.canLog);
      if (!minor) continue;
      expect((await parent.post(`/api/v1/practice/students/${minor.studentId}/logs`, { practisedOn: daysAgo(1), minutes: 20, note: 'Practised with Mum' })).status).toBe(201);
      return;
    }
    throw new Error('no full-access parent of a minor among parent1–4');
  }, 60_000);
});

describe('progress: the admins’ scale and a teacher’s achievements', () => {
  it('lets admins set the scale, refuses teachers (403), and shows a recorded level as the current one', async () => {
    const admin = await signedIn(api.url, demo('admin'));
    const student = await signedIn(api.url, demo('student4'));
    const [{ studentId }] = await followed(student);
    const { teacher } = await teachersOf(api.url, studentId);
    const kept = ((await admin.get('/api/v1/practice/scale')).body as { name: string; levels: { id: string; name: string }[] });
    const levels = [...kept.levels, { name: 'Performance diploma' }];
    expect((await teacher.call('PUT', '/api/v1/practice/scale', { name: 'Mine', levels })).status).toBe(403);
    const saved = await admin.call('PUT', '/api/v1/practice/scale', { name: 'Grades and diplomas', levels: [...levels, { name: 'performance Diploma' }] });
    expect({ status: saved.status, fields: fieldsOf(saved.body) }).toEqual({ status: 400, fields: ['levels'] });
    const scale = (await admin.call('PUT', '/api/v1/practice/scale', { name: 'Grades and diplomas', levels })).body as { name: string; levels: { id: string; name: string }[] };
    expect(scale.levels.slice(0, -1)).toEqual(kept.levels);
    const diploma = scale.levels.at(-1)!;
    const recorded = await teacher.post(`/api/v1/practice/students/${studentId}/achievements`, { levelId: diploma.id, achievedOn: daysAgo(0), piece: 'Sonatina in C' });
    expect(recorded.status).toBe(201);
    expect((await teacher.post(`/api/v1/practice/students/${studentId}/achievements`, { levelId: diploma.id, achievedOn: daysAgo(-3) })).status).toBe(400);
    const progress = (await student.get(`/api/v1/practice/students/${studentId}/progress`)).body;
    expect(progress.currentLevel).toEqual(diploma);
    expect(progress.achievements.at(-1)).toMatchObject({ levelName: 'Performance diploma', piece: 'Sonatina in C' });
    const dropped = await admin.call('PUT', '/api/v1/practice/scale', { name: 'ABRSM grades', levels: scale.levels.filter((l) => l.id !== diploma.id) });
    expect({ status: dropped.status, code: dropped.body.code }).toEqual({ status: 409, code: 'PRACTICE.LEVEL_IN_USE' });
  }, 60_000);
});
