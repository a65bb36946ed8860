import { startApiProcess, withClient, type ApiProcess } from '@cadenza/server/testing';
import { demo, signedIn, type Client } from './support/client.js';
import { directory, expectProblem, openHours, plus, schedulingRows, YEAR } from './support/scheduling.js';

/**
 * Who may do what with lessons; the request flow (reschedule, approve, decline, counter);
 * and the cancellation policy with its makeup credits.
 */
let api: ApiProcess;
let admin: Client;
let idOf: (email: string) => string;
const as: Record<string, Client> = {};
const FROM = `${YEAR}-03-01T00:00:00Z`;
const TO = `${YEAR}-04-30T00:00:00Z`;

interface Lesson {
  id: string;
  teacherId: string;
  studentIds: string[];
  start: string;
  end: string;
  status: string;
  cancellation: { late: boolean; creditGranted: boolean } | null;
}

beforeAll(async () => {
  api = await startApiProcess();
  admin = await signedIn(api.url, demo('admin'));
  idOf = await directory(admin);
  const who = ['teacher1', 'teacher2', 'teacher4', 'accompanist', 'student1', 'parent1', 'parent2', 'parent5'];
  const clients = await Promise.all(who.map((w) => signedIn(api.url, demo(w))));
  who.forEach((w, i) => (as[w] = clients[i]));
  await openHours(admin, [1, 2, 3, 4, 5, 6].map((n) => idOf(demo(`teacher${n}`))));
  expect((await admin.post('/api/v1/terms', { name: `Spring ${YEAR}`, startDate: `${YEAR}-01-04`, endDate: `${YEAR}-07-30` })).status).toBe(201);
  expect((await admin.patch('/api/v1/scheduling/policy', { cancellationNoticeHours: 24, makeupCreditDays: 30 })).status).toBe(200);
}, 60_000);
afterAll(() => api?.stop());

/** Books as the admin; fails the test unless it is booked. */
async function book(teacher: string, students: string[], start: string, minutes = 45): Promise<Lesson> {
  const reply = await admin.post('/api/v1/lessons', { teacherId: idOf(demo(teacher)), studentIds: students.map((s) => idOf(demo(s))), start, end: plus(start, minutes) });
  if (reply.status !== 201) throw new Error(`book ${teacher} ${start}: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

/**
 * Books a lesson starting about two hours from now, inside the demo school's live timetable:
 * the admin overrides soft conflicts (outside the term, hours), and later slots are tried when
 * someone is already busy.
 */
async function bookSoon(teacher: string, student: string): Promise<Lesson> {
  const first = Math.ceil((Date.now() + 2 * 3_600_000) / 300_000) * 300_000;
  for (let i = 0; i < 12; i++) {
    const start = new Date(first + i * 35 * 60_000).toISOString();
    const reply = await admin.post('/api/v1/lessons', {
      teacherId: idOf(demo(teacher)),
      studentIds: [idOf(demo(student))],
      start,
      end: plus(start, 30),
      override: { reason: 'Short-notice test lesson' },
    });
    if (reply.status === 201) return reply.body;
    expect(reply.status).toBe(409);
  }
  throw new Error('no free slot soon');
}

const lessonsOf = async (client: Client, from = FROM, to = TO) => {
  const reply = await client.get(`/api/v1/lessons?from=${from}&to=${to}&includeCancelled=true`);
  expect(reply.status).toBe(200);
  return reply.body as Lesson[];
};

describe('the demo school', () => {
  it('gives every student weekly lessons (two weeks hold one of each, a cancelled one aside), each as long as its lesson type', async () => {
    const now = Date.now();
    const lessons = (await admin.get(`/api/v1/lessons?from=${new Date(now).toISOString()}&to=${new Date(now + 14 * 86_400_000).toISOString()}`)).body as (Lesson & { lessonTypeId: string | null })[];
    const types = new Map(((await admin.get('/api/v1/lesson-types')).body as { id: string; durationMinutes: number }[]).map((t) => [t.id, t.durationMinutes]));
    const students = (await admin.get('/api/v1/students')).body as { id: string }[];
    const taught = new Set(lessons.flatMap((l) => l.studentIds));
    expect(students.filter((s) => !taught.has(s.id))).toEqual([]);
    const mismatched = lessons.filter((l) => !l.lessonTypeId || (Date.parse(l.end) - Date.parse(l.start)) / 60_000 !== types.get(l.lessonTypeId));
    expect(mismatched).toEqual([]);
  });
});

describe('access', () => {
  let mine: Lesson;
  let sibling: Lesson;
  let otherFamily: Lesson;
  let viewOnly: Lesson;
  beforeAll(async () => {
    mine = await book('teacher1', ['student1'], `${YEAR}-03-06T16:00:00Z`);
    sibling = await book('teacher1', ['student2'], `${YEAR}-03-06T17:00:00Z`);
    otherFamily = await book('teacher2', ['student3'], `${YEAR}-03-06T16:00:00Z`);
    viewOnly = await book('teacher2', ['student9'], `${YEAR}-03-07T16:00:00Z`);
  });

  it('students, parents and accompanists cannot book lessons or series', async () => {
    const before = await schedulingRows(api.db.url);
    const lesson = { teacherId: idOf(demo('teacher1')), studentIds: [idOf(demo('student1'))], start: `${YEAR}-03-13T16:00:00Z`, end: `${YEAR}-03-13T16:45:00Z` };
    const term = (await admin.get('/api/v1/terms')).body.find((t: { name: string }) => t.name === `Spring ${YEAR}`);
    const series = { ...lesson, start: undefined, end: undefined, termId: term.id, rrule: 'FREQ=WEEKLY', startTime: '16:00', durationMinutes: 45, firstDate: `${YEAR}-03-13` };
    for (const who of ['student1', 'parent1', 'accompanist']) {
      expectProblem(await as[who].post('/api/v1/lessons', lesson), 403);
      expectProblem(await as[who].post('/api/v1/lesson-series', series), 403);
      expectProblem(await as[who].post(`/api/v1/lessons/${mine.id}/move`, { start: `${YEAR}-03-13T16:00:00Z`, end: `${YEAR}-03-13T16:45:00Z` }), 403);
    }
    expect(await schedulingRows(api.db.url)).toEqual(before);
  });

  it('a teacher books their own lessons, not another teacher’s', async () => {
    const body = (teacher: string) => ({ teacherId: idOf(demo(teacher)), studentIds: [idOf(demo('student7'))], start: `${YEAR}-03-14T16:00:00Z`, end: `${YEAR}-03-14T16:30:00Z` });
    const before = await schedulingRows(api.db.url);
    expectProblem(await as['teacher1'].post('/api/v1/lessons', body('teacher2')), 403, 'SCHEDULING.FORBIDDEN');
    expectProblem(await as['teacher1'].post(`/api/v1/lessons/${otherFamily.id}/move`, { start: `${YEAR}-03-14T10:00:00Z`, end: `${YEAR}-03-14T10:45:00Z` }), 403);
    expect(await schedulingRows(api.db.url)).toEqual(before);
    const own = await as['teacher1'].post('/api/v1/lessons', body('teacher1'));
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({ teacherId: idOf(demo('teacher1')), status: 'scheduled' });
  });

  it('each person sees only the lessons they are part of, parents their children’s', async () => {
    const ids = async (who: string) => (await lessonsOf(as[who])).map((l) => l.id);
    expect((await ids('parent1')).sort()).toEqual([mine.id, sibling.id].sort());
    expect(await ids('parent2')).toEqual([otherFamily.id]);
    expect(await ids('parent5')).toEqual([viewOnly.id]);
    expect(await ids('student1')).toEqual([mine.id]);
    expect(await ids('teacher2')).toEqual(expect.arrayContaining([otherFamily.id, viewOnly.id]));
    expect(await ids('teacher2')).not.toContain(mine.id);
    // Asking for someone else's child by id gives nothing, not their lessons.
    expect((await as['parent2'].get(`/api/v1/lessons?from=${FROM}&to=${TO}&studentId=${idOf(demo('student1'))}`)).body).toEqual([]);
  });

  it('another family cannot act on the lesson; a view-only guardian cannot ask for changes', async () => {
    const before = await schedulingRows(api.db.url);
    const slot = { start: `${YEAR}-03-20T16:00:00Z`, end: `${YEAR}-03-20T16:45:00Z` };
    // parent2 is not student1's guardian: to them the lesson is not there (404, not a 403 that
    // would confirm it exists), and nothing changes.
    expectProblem(await as['parent2'].post(`/api/v1/lessons/${mine.id}/cancel`, { reason: 'Not my child' }), 404);
    expectProblem(await as['parent2'].post('/api/v1/lesson-requests', { kind: 'reschedule', lessonId: mine.id, ...slot }), 404);
    expectProblem(await as['parent2'].post('/api/v1/lesson-requests', { kind: 'cancellation', lessonId: mine.id }), 404);
    expectProblem(await as['parent2'].get(`/api/v1/makeup-credits?studentId=${idOf(demo('student1'))}`), 403);
    // parent5 sees student9's lesson but only has view access.
    expectProblem(await as['parent5'].post('/api/v1/lesson-requests', { kind: 'reschedule', lessonId: viewOnly.id, ...slot }), 403);
    expectProblem(await as['parent5'].post('/api/v1/lesson-requests', { kind: 'cancellation', lessonId: viewOnly.id }), 403);
    expectProblem(await as['parent5'].post(`/api/v1/lessons/${viewOnly.id}/cancel`, { reason: 'Cannot' }), 403);
    expectProblem(await as['parent5'].post('/api/v1/lesson-requests', { kind: 'new_lesson', studentId: idOf(demo('student9')), teacherId: idOf(demo('teacher2')), ...slot }), 403);
    expect(await schedulingRows(api.db.url)).toEqual(before);
    const still = (await lessonsOf(admin)).find((l) => l.id === mine.id);
    expect(still).toMatchObject({ status: 'scheduled', start: mine.start });
  });
});

describe('requests', () => {
  it('a parent asks to move a lesson; its teacher approves; the lesson moves, audited and published', async () => {
    const lesson = await book('teacher1', ['student1'], `${YEAR}-03-21T16:00:00Z`);
    const to = { start: `${YEAR}-03-22T16:00:00Z`, end: `${YEAR}-03-22T16:45:00Z` };
    const asked = await as['parent1'].post('/api/v1/lesson-requests', { kind: 'reschedule', lessonId: lesson.id, ...to, message: 'Swimming gala' });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({
      kind: 'reschedule',
      status: 'pending',
      requestedBy: idOf(demo('parent1')),
      studentId: idOf(demo('student1')),
      teacherId: idOf(demo('teacher1')),
      lessonId: lesson.id,
      lesson: { start: lesson.start, end: lesson.end, status: 'scheduled' },
      proposed: { start: new Date(to.start).toISOString(), end: new Date(to.end).toISOString() },
    });
    // The teacher's queue names who asked, though a teacher cannot list parents, and when the lesson is now.
    const queue = await as['teacher1'].get('/api/v1/lesson-requests?status=pending');
    expect(queue.body.find((r: { id: string }) => r.id === asked.body.id)).toMatchObject({ requesterName: 'Priya Patel', lesson: { start: lesson.start, end: lesson.end } });
    const requestId = asked.body.id;
    expect((await as['teacher1'].get('/api/v1/lesson-requests?status=pending')).body.map((r: { id: string }) => r.id)).toContain(requestId);

    // The requester cannot approve (approving is for staff), nor can a teacher it is not addressed to.
    expectProblem(await as['parent1'].post(`/api/v1/lesson-requests/${requestId}/approve`), 403);
    expectProblem(await as['teacher2'].post(`/api/v1/lesson-requests/${requestId}/approve`), 403, 'SCHEDULING.FORBIDDEN');
    const approved = await as['teacher1'].post(`/api/v1/lesson-requests/${requestId}/approve`);
    expect(approved.status).toBe(200);
    // Once approved, the lesson it concerns is at the new time.
    expect(approved.body).toMatchObject({ status: 'approved', decision: { by: idOf(demo('teacher1')) }, lesson: { start: new Date(to.start).toISOString() } });
    expectProblem(await as['teacher1'].post(`/api/v1/lesson-requests/${requestId}/approve`), 409, 'SCHEDULING.REQUEST_CLOSED');

    const seen = (await lessonsOf(as['parent1'])).find((l) => l.id === lesson.id);
    expect(seen).toMatchObject({ start: new Date(to.start).toISOString(), end: new Date(to.end).toISOString(), status: 'scheduled' });

    const requestTrail = (await admin.get(`/api/v1/audit-events?entityType=lesson_request&entityId=${requestId}`)).body.items as { action: string }[];
    expect(requestTrail.map((e) => e.action).sort()).toEqual(['scheduling.request.approved', 'scheduling.request.submitted']);
    const lessonTrail = (await admin.get(`/api/v1/audit-events?entityType=lesson&entityId=${lesson.id}`)).body.items as { action: string; actorId: string }[];
    expect(lessonTrail.map((e) => e.action).sort()).toEqual(['scheduling.lesson.booked', 'scheduling.lesson.moved']);
    expect(lessonTrail.every((e) => e.action.startsWith('scheduling.'))).toBe(true);
    expect(lessonTrail.find((e) => e.action === 'scheduling.lesson.moved')?.actorId).toBe(idOf(demo('teacher1')));

    const outbox = await withClient(api.db.url, async (db) =>
      (await db.query(`select type, payload from outbox_events where payload->'lesson'->>'lessonId' = $1 or payload->>'requestId' = $2 order by occurred_at`, [lesson.id, requestId])).rows,
    );
    expect(outbox.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['lesson.scheduled.v1', 'lesson_request.created.v1', 'lesson.moved.v1', 'lesson_request.approved.v1']));
    const moved = outbox.filter((e: { type: string }) => e.type === 'lesson.moved.v1');
    expect(moved).toHaveLength(1);
    expect(new Date(moved[0].payload.lesson.start).toISOString()).toBe(new Date(to.start).toISOString());
  });

  it('a teacher declines with a reason, and the lesson stays', async () => {
    const lesson = await book('teacher1', ['student2'], `${YEAR}-03-23T16:00:00Z`);
    const asked = await as['parent1'].post('/api/v1/lesson-requests', { kind: 'reschedule', lessonId: lesson.id, start: `${YEAR}-03-24T16:00:00Z`, end: `${YEAR}-03-24T16:45:00Z` });
    expect(asked.status).toBe(201);
    const noReason = await as['teacher1'].post(`/api/v1/lesson-requests/${asked.body.id}/decline`, {});
    expectProblem(noReason, 400);
    expect(noReason.body.errors[0].field).toBe('reason');
    expectProblem(await as['parent1'].post(`/api/v1/lesson-requests/${asked.body.id}/decline`, { reason: 'Changed my mind' }), 403);
    const declined = await as['teacher1'].post(`/api/v1/lesson-requests/${asked.body.id}/decline`, { reason: 'I am away that day' });
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({ status: 'declined', decision: { by: idOf(demo('teacher1')), reason: 'I am away that day' } });
    expectProblem(await as['teacher1'].post(`/api/v1/lesson-requests/${asked.body.id}/approve`), 409, 'SCHEDULING.REQUEST_CLOSED');
    expect((await lessonsOf(admin)).find((l) => l.id === lesson.id)).toMatchObject({ start: lesson.start, status: 'scheduled' });
  });

  it('a teacher counter-proposes; the family accepts it; the teacher cannot accept their own counter', async () => {
    const lesson = await book('teacher1', ['student2'], `${YEAR}-03-27T16:00:00Z`);
    const asked = await as['parent1'].post('/api/v1/lesson-requests', { kind: 'reschedule', lessonId: lesson.id, start: `${YEAR}-03-28T09:00:00Z`, end: `${YEAR}-03-28T09:45:00Z` });
    const requestId = asked.body.id;
    const counter = { start: `${YEAR}-03-28T17:00:00Z`, end: `${YEAR}-03-28T17:45:00Z` };
    const countered = await as['teacher1'].post(`/api/v1/lesson-requests/${requestId}/counter`, { ...counter, message: 'Afternoon instead?' });
    expect(countered.status).toBe(200);
    expect(countered.body).toMatchObject({ status: 'countered', counter: { start: new Date(counter.start).toISOString(), by: idOf(demo('teacher1')) } });

    expectProblem(await as['teacher1'].post(`/api/v1/lesson-requests/${requestId}/accept-counter`), 403, 'SCHEDULING.OWN_COUNTER');
    expectProblem(await as['parent2'].post(`/api/v1/lesson-requests/${requestId}/accept-counter`), 403);
    expect((await lessonsOf(admin)).find((l) => l.id === lesson.id)?.start).toBe(lesson.start);

    const accepted = await as['parent1'].post(`/api/v1/lesson-requests/${requestId}/accept-counter`);
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('approved');
    expect((await lessonsOf(as['parent1'])).find((l) => l.id === lesson.id)).toMatchObject({ start: new Date(counter.start).toISOString(), end: new Date(counter.end).toISOString() });
    expectProblem(await as['parent1'].post(`/api/v1/lesson-requests/${requestId}/accept-counter`), 409, 'SCHEDULING.REQUEST_CLOSED');
    const trail = (await admin.get(`/api/v1/audit-events?entityType=lesson_request&entityId=${requestId}`)).body.items as { action: string }[];
    expect(trail.map((e) => e.action).sort()).toEqual(['scheduling.request.counter_accepted', 'scheduling.request.countered', 'scheduling.request.submitted']);
  });
});

describe('cancellations and makeup credits', () => {
  const creditsOf = async (client: Client, query = '') => {
    const reply = await client.get(`/api/v1/makeup-credits${query}`);
    expect(reply.status).toBe(200);
    return reply.body as { id: string; studentId: string; originLessonId: string; status: string; usedOnLessonId: string | null }[];
  };

  it('the school cancelling grants every student a credit; the family cancelling in good time, one', async () => {
    const group = await book('teacher4', ['student1', 'student2'], `${YEAR}-04-03T16:00:00Z`);
    const cancelled = await admin.post(`/api/v1/lessons/${group.id}/cancel`, { reason: 'Teacher unwell' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.lessons[0]).toMatchObject({ status: 'cancelled', cancellation: { late: false, creditGranted: true } });
    expect(cancelled.body.credits.map((c: { studentId: string }) => c.studentId).sort()).toEqual([idOf(demo('student1')), idOf(demo('student2'))].sort());
    const s1 = `?studentId=${idOf(demo('student1'))}`;
    expect((await creditsOf(admin, s1)).filter((c) => c.originLessonId === group.id)).toMatchObject([{ status: 'available', usedOnLessonId: null }]);
    expect((await creditsOf(as['parent1'])).filter((c) => c.originLessonId === group.id)).toHaveLength(2);
    expect((await creditsOf(as['student1'])).filter((c) => c.originLessonId === group.id)).toHaveLength(1);
    expectProblem(await admin.post(`/api/v1/lessons/${group.id}/cancel`, { reason: 'Again' }), 409, 'SCHEDULING.LESSON_NOT_SCHEDULED');

    const early = await book('teacher4', ['student1'], `${YEAR}-04-04T16:00:00Z`);
    const byFamily = await as['parent1'].post(`/api/v1/lessons/${early.id}/cancel`, { reason: 'Holiday' });
    expect(byFamily.status).toBe(200);
    expect(byFamily.body.lessons[0].cancellation).toMatchObject({ late: false, creditGranted: true });
    expect(byFamily.body.credits).toHaveLength(1);

    // Staff may spend a credit while booking: the lesson carries it, and it is used.
    const credit = byFamily.body.credits[0];
    const makeup = await admin.post('/api/v1/lessons', {
      teacherId: idOf(demo('teacher4')),
      studentIds: [idOf(demo('student1'))],
      start: `${YEAR}-04-05T16:00:00Z`,
      end: `${YEAR}-04-05T16:45:00Z`,
      makeupCreditId: credit.id,
    });
    expect(makeup.status).toBe(201);
    expect((await creditsOf(admin, s1)).find((c) => c.id === credit.id)).toMatchObject({ status: 'used', usedOnLessonId: makeup.body.id });
  });

  it('a late cancellation by the family, asked for or done directly, grants none', async () => {
    const soon = await bookSoon('teacher6', 'student1');
    const asked = await as['parent1'].post('/api/v1/lesson-requests', { kind: 'cancellation', lessonId: soon.id, message: 'Ill' });
    expect(asked.status).toBe(201);
    expect(asked.body.policy).toEqual({ lateCancellation: true, creditWillBeGranted: false, noticeHours: 24 });
    const approved = await as['teacher4'].post(`/api/v1/lesson-requests/${asked.body.id}/approve`);
    expectProblem(approved, 403);
    expect((await admin.post(`/api/v1/lesson-requests/${asked.body.id}/approve`)).status).toBe(200);

    const other = await bookSoon('teacher6', 'student2');
    const direct = await as['parent1'].post(`/api/v1/lessons/${other.id}/cancel`, { reason: 'Stuck in traffic' });
    expect(direct.status).toBe(200);
    expect(direct.body.credits).toEqual([]);
    expect(direct.body.lessons[0].cancellation).toMatchObject({ late: true, creditGranted: false });

    const credits = await withClient(api.db.url, async (db) => (await db.query('select id from makeup_credits where origin_lesson_id = any($1::uuid[])', [[soon.id, other.id]])).rows);
    expect(credits).toEqual([]);
    const now = new Date(Date.now() - 3_600_000).toISOString();
    const later = new Date(Date.now() + 12 * 3_600_000).toISOString();
    const listed = (await lessonsOf(admin, now, later)).filter((l) => [soon.id, other.id].includes(l.id));
    expect(listed.map((l) => [l.status, l.cancellation?.late, l.cancellation?.creditGranted])).toEqual([
      ['cancelled', true, false],
      ['cancelled', true, false],
    ]);
  });

  it('a credit books one makeup lesson with the same teacher, once; racing spends win once', async () => {
    const origin = await book('teacher4', ['student1', 'student2'], `${YEAR}-04-10T16:00:00Z`);
    const { credits } = (await admin.post(`/api/v1/lessons/${origin.id}/cancel`, { reason: 'Room flooded' })).body as { credits: { id: string; studentId: string }[] };
    const [forStudent1, forStudent2] = [idOf(demo('student1')), idOf(demo('student2'))].map((s) => credits.find((c) => c.studentId === s)!);

    const before = await schedulingRows(api.db.url);
    expectProblem(await as['parent2'].post(`/api/v1/makeup-credits/${forStudent1.id}/book`, { start: `${YEAR}-04-17T16:00:00Z`, end: `${YEAR}-04-17T16:45:00Z` }), 403);
    expectProblem(await as['parent5'].post(`/api/v1/makeup-credits/${forStudent1.id}/book`, { start: `${YEAR}-04-17T16:00:00Z`, end: `${YEAR}-04-17T16:45:00Z` }), 403);
    expect(await schedulingRows(api.db.url)).toEqual(before);

    const made = await as['parent1'].post(`/api/v1/makeup-credits/${forStudent1.id}/book`, { start: `${YEAR}-04-17T16:00:00Z`, end: `${YEAR}-04-17T16:45:00Z` });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ teacherId: idOf(demo('teacher4')), studentIds: [idOf(demo('student1'))], status: 'scheduled' });
    const again = await as['parent1'].post(`/api/v1/makeup-credits/${forStudent1.id}/book`, { start: `${YEAR}-04-18T16:00:00Z`, end: `${YEAR}-04-18T16:45:00Z` });
    expectProblem(again, 409, 'SCHEDULING.CREDIT_UNAVAILABLE');
    expect((await creditsOf(as['parent1'])).find((c) => c.id === forStudent1.id)).toMatchObject({ status: 'used', usedOnLessonId: made.body.id });
    // Nor can it be spent through a booking.
    const viaBooking = await admin.post('/api/v1/lessons', {
      teacherId: idOf(demo('teacher4')),
      studentIds: [idOf(demo('student1'))],
      start: `${YEAR}-04-19T16:00:00Z`,
      end: `${YEAR}-04-19T16:45:00Z`,
      makeupCreditId: forStudent1.id,
    });
    expectProblem(viaBooking, 409, 'SCHEDULING.CREDIT_UNAVAILABLE');

    // Eight spends of one credit at once, each at its own free time: one lesson, one used credit.
    // The sessions are opened one after another: sign-ins at once would race the sign-in limit, not the credit.
    const racers: Awaited<ReturnType<typeof signedIn>>[] = [];
    for (let i = 0; i < 8; i++) racers.push(await signedIn(api.url, demo('parent1')));
    const replies = await Promise.all(
      racers.map((client, i) => {
        const start = `${YEAR}-04-2${i}T10:00:00Z`;
        return client.post(`/api/v1/makeup-credits/${forStudent2.id}/book`, { start, end: plus(start, 45) });
      }),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    for (const r of replies.filter((x) => x.status === 409)) expect(['SCHEDULING.CREDIT_UNAVAILABLE', 'SCHEDULING.CREDIT_USED']).toContain(r.body.code);
    const spent = await withClient(api.db.url, async (db) => (await db.query(`select count(*)::int as n from lessons where makeup_credit_id = $1`, [forStudent2.id])).rows[0].n);
    expect(spent).toBe(1);
  }, 20_000);
});
