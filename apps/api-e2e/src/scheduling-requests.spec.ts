import { startApiProcess, withClient, type ApiProcess } from '@cadenza/server/testing';
import { demo, signedIn, type Client } from './support/client.js';
import { directory, expectProblem, fieldsOf, openHours, plus, schedulingRows, wallClock, YEAR } from './support/scheduling.js';

/**
 * The rules of lesson requests: one open request per lesson, kind and student (held by PostgreSQL when several
 * arrive at once), lessons read with their open requests, counter-proposals checked when sent, and a series
 * request approved with its clashing dates skipped or moved.
 */
const FROM = `${YEAR}-03-01T00:00:00Z`;
const TO = `${YEAR}-04-30T00:00:00Z`;
type Lesson = { id: string; start: string; end: string; openRequests?: { id: string; kind: string }[] };

let api: ApiProcess;
/** The demo school's people by name, signed in; the admin; everyone's id by email. */
const as: Record<string, Client> = {};
let admin: Client;
let idOf: (email: string) => string;

beforeAll(async () => {
  api = await startApiProcess();
  admin = await signedIn(api.url, demo('admin'));
  idOf = await directory(admin);
  const who = ['teacher1', 'teacher2', 'student1', 'parent1', 'parent2', 'parent5'];
  const clients = await Promise.all(who.map((w) => signedIn(api.url, demo(w))));
  who.forEach((w, i) => (as[w] = clients[i]));
  await openHours(admin, [1, 2, 3].map((n) => idOf(demo(`teacher${n}`))));
  expect((await admin.post('/api/v1/terms', { name: `Spring ${YEAR}`, startDate: `${YEAR}-03-01`, endDate: `${YEAR}-04-30` })).status).toBe(201);
}, 240_000);
afterAll(() => api?.stop());

async function book(teacher: string, students: string[], start: string, minutes = 45): Promise<Lesson> {
  const reply = await admin.post('/api/v1/lessons', { teacherId: idOf(demo(teacher)), studentIds: students.map((s) => idOf(demo(s))), start, end: plus(start, minutes) });
  if (reply.status !== 201) throw new Error(`book ${teacher} ${start}: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

const listed = async (client: Client, lessonId: string) => ((await client.get(`/api/v1/lessons?from=${FROM}&to=${TO}`)).body as Lesson[]).find((l) => l.id === lessonId);

describe('one open request per lesson, kind and student', () => {
  it('refuses a second with a 409 that links to the first; lessons read "request pending" until it is answered', async () => {
    const lesson = await book('teacher1', ['student1'], `${YEAR}-03-10T16:00:00Z`);
    // Read once so the calendar keeps its answer: a request must change it all the same.
    expect((await listed(admin, lesson.id))?.openRequests).toEqual([]);
    const first = await as['parent1'].post('/api/v1/lesson-requests', { kind: 'reschedule', lessonId: lesson.id, start: `${YEAR}-03-11T16:00:00Z`, end: `${YEAR}-03-11T16:45:00Z` });
    expect(first.status).toBe(201);

    const before = await schedulingRows(api.db.url);
    const second = await as['student1'].post('/api/v1/lesson-requests', { kind: 'reschedule', lessonId: lesson.id, start: `${YEAR}-03-12T16:00:00Z`, end: `${YEAR}-03-12T16:45:00Z` });
    expectProblem(second, 409, 'SCHEDULING.REQUEST_EXISTS');
    expect(second.body).toMatchObject({ requestId: first.body.id, href: `/api/v1/lesson-requests/${first.body.id}` });
    expect((await as['student1'].get(second.body.href)).body).toMatchObject({ id: first.body.id, status: 'pending' });
    expect(await schedulingRows(api.db.url)).toEqual(before);

    const pending = [{ id: first.body.id, kind: 'reschedule' }];
    expect((await listed(admin, lesson.id))?.openRequests).toEqual(pending);
    expect((await listed(as['teacher1'], lesson.id))?.openRequests).toEqual(pending);
    expect((await listed(as['parent1'], lesson.id))?.openRequests).toEqual(pending);
    expect((await as['parent1'].get(`/api/v1/lessons/${lesson.id}`)).body.lesson.openRequests).toEqual(pending);

    // Another kind is another request; once the first is declined the lesson shows only that one.
    const cancel = await as['parent1'].post('/api/v1/lesson-requests', { kind: 'cancellation', lessonId: lesson.id });
    expect(cancel.status).toBe(201);
    expect((await as['teacher1'].post(`/api/v1/lesson-requests/${first.body.id}/decline`, { reason: 'Room taken' })).status).toBe(200);
    expect((await listed(admin, lesson.id))?.openRequests).toEqual([{ id: cancel.body.id, kind: 'cancellation' }]);
    expect((await as['parent1'].post('/api/v1/lesson-requests', { kind: 'reschedule', lessonId: lesson.id, start: `${YEAR}-03-12T16:00:00Z`, end: `${YEAR}-03-12T16:45:00Z` })).status).toBe(201);
  });

  it('keeps one of several sent at the same moment, by two people of the family, and refuses the others naming it', async () => {
    const lesson = await book('teacher1', ['student1'], `${YEAR}-03-17T16:00:00Z`);
    const replies = await Promise.all(
      [as['parent1'], as['student1'], as['parent1'], as['student1']].map((client) => client.post('/api/v1/lesson-requests', { kind: 'cancellation', lessonId: lesson.id, message: 'Exam week' })),
    );
    const kept = replies.filter((r) => r.status === 201);
    expect(kept).toHaveLength(1);
    for (const refused of replies.filter((r) => r.status !== 201)) {
      expectProblem(refused, 409, 'SCHEDULING.REQUEST_EXISTS');
      expect(refused.body).toMatchObject({ requestId: kept[0].body.id });
    }
    const rows = await withClient(api.db.url, async (db) => (await db.query(`select id, status from lesson_requests where lesson_id = $1`, [lesson.id])).rows);
    expect(rows).toEqual([{ id: kept[0].body.id, status: 'pending' }]);
  });
});

describe('counter-proposals', () => {
  it('a time that clashes is refused when sent, with the clash and free times; the request stays pending', async () => {
    const lesson = await book('teacher1', ['student1'], `${YEAR}-03-24T16:00:00Z`);
    const busy = await book('teacher1', ['student3'], `${YEAR}-03-25T16:00:00Z`);
    const asked = await as['student1'].post('/api/v1/lesson-requests', { kind: 'reschedule', lessonId: lesson.id, start: `${YEAR}-03-26T09:00:00Z`, end: `${YEAR}-03-26T09:45:00Z` });
    const before = await schedulingRows(api.db.url);
    const refused = await as['teacher1'].post(`/api/v1/lesson-requests/${asked.body.id}/counter`, { start: `${YEAR}-03-25T16:15:00Z`, end: `${YEAR}-03-25T17:00:00Z` });
    expectProblem(refused, 409, 'SCHEDULING.CONFLICT');
    expect(refused.body.conflicts).toEqual([expect.objectContaining({ kind: 'teacher', id: busy.id })]);
    expect(refused.body.suggestions.length).toBeGreaterThan(0);
    expect(await schedulingRows(api.db.url)).toEqual(before);
    expect((await as['parent1'].get(`/api/v1/lesson-requests/${asked.body.id}`)).body).toMatchObject({ status: 'pending', counter: null });
    // Bad input names the field, and changes nothing.
    const bad = await as['teacher1'].post(`/api/v1/lesson-requests/${asked.body.id}/counter`, { start: 'soon', end: `${YEAR}-03-25T17:00:00Z` });
    expectProblem(bad, 400, 'VALIDATION.INVALID');
    expect(fieldsOf(bad)).toEqual(['start']);
  });

  it('a family accepting a time that overlaps the lesson’s own slot is never refused for it', async () => {
    const lesson = await book('teacher1', ['student1'], `${YEAR}-03-31T16:00:00Z`);
    const asked = await as['student1'].post('/api/v1/lesson-requests', { kind: 'reschedule', lessonId: lesson.id, start: `${YEAR}-03-31T19:00:00Z`, end: `${YEAR}-03-31T19:45:00Z` });
    const counter = { start: `${YEAR}-03-31T16:30:00.000Z`, end: `${YEAR}-03-31T17:15:00.000Z` };
    expect((await as['teacher1'].post(`/api/v1/lesson-requests/${asked.body.id}/counter`, counter)).status).toBe(200);
    const accepted = await as['parent1'].post(`/api/v1/lesson-requests/${asked.body.id}/accept-counter`);
    expect(accepted.status).toBe(200);
    expect(await listed(admin, lesson.id)).toMatchObject({ ...counter, openRequests: [] });
  });
});

describe('approving a series request', () => {
  /** The instant a wall-clock time on a day has in the school's zone. */
  const instantOf = (date: string, time: string, timeZone: string) => {
    for (let hours = -14; hours <= 14; hours++) {
      const candidate = new Date(Date.parse(`${date}T${time}:00Z`) + hours * 3_600_000).toISOString();
      const wall = wallClock(candidate, timeZone);
      if (wall.date === date && wall.time === time) return candidate;
    }
    throw new Error(`no ${date} ${time} in ${timeZone}`);
  };

  it('lists the clashing date, takes the same choices as creating a series, and books it with the date moved', async () => {
    const day = new Date(`${YEAR}-04-01T12:00:00Z`);
    while (day.getUTCDay() !== 2) day.setUTCDate(day.getUTCDate() + 1);
    const first = day.toISOString().slice(0, 10);
    const second = new Date(day.getTime() + 7 * 86_400_000).toISOString().slice(0, 10);
    const timeZone = (await admin.get('/api/v1/school')).body.timeZone as string;
    const clash = await book('teacher2', ['student3'], instantOf(second, '16:00', timeZone));
    const termId = ((await admin.get('/api/v1/terms')).body as { id: string; name: string }[]).find((t) => t.name === `Spring ${YEAR}`)!.id;
    const asked = await as['parent1'].post('/api/v1/lesson-requests', {
      kind: 'new_series',
      studentId: idOf(demo('student2')),
      teacherId: idOf(demo('teacher2')),
      termId,
      rrule: 'FREQ=WEEKLY;BYDAY=TU',
      startTime: '16:00',
      durationMinutes: 45,
      firstDate: first,
    });
    expect(asked.status).toBe(201);

    const before = await schedulingRows(api.db.url);
    const refused = await as['teacher2'].post(`/api/v1/lesson-requests/${asked.body.id}/approve`, {});
    expectProblem(refused, 409, 'SCHEDULING.SERIES_CONFLICT');
    expect(refused.body.occurrences).toEqual([expect.objectContaining({ date: second, conflicts: [expect.objectContaining({ id: clash.id })] })]);
    // Bad choices name their field and change nothing.
    for (const [body, field] of [
      [{ resolutions: [{ date: second, action: 'jump' }] }, 'resolutions.0.action'],
      [{ resolutions: [{ date: 'next week', action: 'skip' }] }, 'resolutions.0.date'],
      [{ resolutions: [], extra: true }, 'extra'],
    ] as const) {
      const bad = await as['teacher2'].post(`/api/v1/lesson-requests/${asked.body.id}/approve`, body);
      expectProblem(bad, 400, 'VALIDATION.INVALID');
      expect(fieldsOf(bad)).toEqual([field]);
    }
    // Only its teacher or an admin decides it: the family and another teacher are refused, another family does not find it.
    const skip = { resolutions: [{ date: second, action: 'skip' }] };
    expectProblem(await as['parent1'].post(`/api/v1/lesson-requests/${asked.body.id}/approve`, skip), 403);
    expectProblem(await as['parent5'].post(`/api/v1/lesson-requests/${asked.body.id}/approve`, skip), 403);
    expectProblem(await as['teacher1'].post(`/api/v1/lesson-requests/${asked.body.id}/approve`, skip), 403);
    expectProblem(await as['parent2'].get(`/api/v1/lesson-requests/${asked.body.id}`), 404);
    expect(await schedulingRows(api.db.url)).toEqual(before);

    const moveTo = plus(clash.end, 15);
    const approved = await as['teacher2'].post(`/api/v1/lesson-requests/${asked.body.id}/approve`, { resolutions: [{ date: second, action: 'move', start: moveTo, end: plus(moveTo, 45) }] });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
    const series = ((await admin.get(`/api/v1/lessons?from=${FROM}&to=${TO}&studentId=${idOf(demo('student2'))}`)).body as (Lesson & { seriesId: string | null })[]).filter((l) => l.seriesId);
    expect(series.map((l) => l.start)).toContain(moveTo);
    expect(series.map((l) => wallClock(l.start, timeZone).date)).toContain(second);
    // Every Tuesday from the first to the end of the term, none skipped.
    const weeks = Math.floor((Date.parse(`${YEAR}-04-30T12:00:00Z`) - day.getTime()) / (7 * 86_400_000)) + 1;
    expect(series).toHaveLength(weeks);
  });
});
