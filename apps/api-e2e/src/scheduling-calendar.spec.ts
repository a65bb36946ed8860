import { startApiProcess, type ApiProcess } from '@cadenza/server/testing';
import { randomUUID } from 'node:crypto';
import { demo, signedIn, type Client } from './support/client.js';
import { createSchool, directory, expectProblem, fieldsOf, plus, schedulingRows, wallClock, YEAR, type OtherSchool } from './support/scheduling.js';

/**
 * Series across daylight-saving changes in three zones, input the API must refuse without
 * writing anything, and schools that cannot reach each other's timetable.
 */
let api: ApiProcess;
let admin: Client;
let idOf: (email: string) => string;
let londonTerm: string;
let newYork: OtherSchool;
let dubai: OtherSchool;

const TERM = { startDate: `${YEAR}-03-01`, endDate: `${YEAR}-11-30` };

beforeAll(async () => {
  api = await startApiProcess();
  admin = await signedIn(api.url, demo('admin'));
  idOf = await directory(admin);
  const term = await admin.post('/api/v1/terms', { name: `Long term ${YEAR}`, ...TERM });
  expect(term.status).toBe(201);
  londonTerm = term.body.id;
  [newYork, dubai] = await Promise.all([
    createSchool(api, 'harbour', 'Harbour Music Academy', 'America/New_York'),
    createSchool(api, 'gulf', 'Gulf Conservatoire', 'Asia/Dubai'),
  ]);
}, 240_000);
afterAll(() => api?.stop());

/** The days of the year on which the zone's UTC offset changes (at noon UTC). */
function offsetChanges(timeZone: string): string[] {
  const offset = (d: Date) => new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'longOffset' }).formatToParts(d).find((p) => p.type === 'timeZoneName')?.value;
  const changes: string[] = [];
  for (let d = new Date(Date.UTC(YEAR, 0, 2, 12)); d.getUTCFullYear() === YEAR; d = new Date(d.getTime() + 86_400_000)) {
    if (offset(d) !== offset(new Date(d.getTime() - 86_400_000))) changes.push(d.toISOString().slice(0, 10));
  }
  return changes;
}

interface Booked {
  start: string;
  end: string;
  seriesId: string | null;
}

async function weeklyAtFour(school: Client, teacherId: string, studentId: string, termId: string, timeZone: string): Promise<Booked[]> {
  const created = await school.post('/api/v1/lesson-series', {
    teacherId,
    studentIds: [studentId],
    termId,
    rrule: 'FREQ=WEEKLY;BYDAY=TU',
    startTime: '16:00',
    durationMinutes: 60,
    firstDate: TERM.startDate,
  });
  expect(created.status).toBe(201);
  expect(created.body.series).toMatchObject({ timeZone, startTime: '16:00', untilDate: TERM.endDate });
  expect(created.body.skipped).toEqual([]);
  return created.body.lessons;
}

describe('weekly series keep their wall-clock time across daylight-saving changes', () => {
  it.each([
    ['Europe/London', 'the demo school', 2],
    ['America/New_York', 'a school made with the CLI', 2],
    ['Asia/Dubai', 'a school made with the CLI, without DST', 0],
  ])('%s (%s)', async (timeZone, _what, changeCount) => {
    const changes = offsetChanges(timeZone);
    expect(changes).toHaveLength(changeCount);
    let school: Client;
    let teacherId: string;
    let studentId: string;
    let termId: string;
    if (timeZone === 'Europe/London') {
      [school, teacherId, studentId, termId] = [admin, idOf(demo('teacher1')), idOf(demo('student1')), londonTerm];
    } else {
      const other = timeZone === 'Asia/Dubai' ? dubai : newYork;
      const term = await other.admin.post('/api/v1/terms', { name: `Term ${YEAR}`, ...TERM });
      expect(term.status).toBe(201);
      [school, teacherId, studentId, termId] = [other.admin, other.teacherId, other.studentId, term.body.id];
    }
    const lessons = await weeklyAtFour(school, teacherId, studentId, termId, timeZone);
    // Every Tuesday of the term, first to last.
    expect(lessons.length).toBeGreaterThanOrEqual(38);
    expect(lessons.every((l) => wallClock(l.start, timeZone).time === '16:00' && wallClock(l.end, timeZone).time === '17:00')).toBe(true);
    expect(new Set(lessons.map((l) => new Date(l.start).getUTCDay())).size).toBe(1);
    const utcHours = new Set(lessons.map((l) => new Date(l.start).getUTCHours()));
    expect(utcHours.size).toBe(changeCount === 0 ? 1 : 2);

    // As stored and listed again: a lesson on each side of every change, still at 16:00 local.
    for (const change of changes) {
      const around = await school.get(
        `/api/v1/lessons?teacherId=${teacherId}&from=${plus(`${change}T12:00:00Z`, -14 * 24 * 60)}&to=${plus(`${change}T12:00:00Z`, 14 * 24 * 60)}`,
      );
      expect(around.status).toBe(200);
      const before = around.body.filter((l: Booked) => l.start < `${change}T00:00:00Z`);
      const after = around.body.filter((l: Booked) => l.start > `${change}T23:59:59Z`);
      expect(before.length).toBeGreaterThan(0);
      expect(after.length).toBeGreaterThan(0);
      for (const l of [...before, ...after]) expect(wallClock(l.start, timeZone).time).toBe('16:00');
      expect(new Date(before[0].start).getUTCHours()).not.toBe(new Date(after[0].start).getUTCHours());
    }
  });
});

describe('bad input is refused and writes nothing', () => {
  const lesson = (changes: Record<string, unknown> = {}) => ({
    teacherId: idOf(demo('teacher2')),
    studentIds: [idOf(demo('student2'))],
    start: `${YEAR}-06-07T15:00:00Z`,
    end: `${YEAR}-06-07T15:45:00Z`,
    ...changes,
  });
  const series = (changes: Record<string, unknown> = {}) => ({
    teacherId: idOf(demo('teacher2')),
    studentIds: [idOf(demo('student2'))],
    termId: londonTerm,
    rrule: 'FREQ=WEEKLY;BYDAY=WE',
    startTime: '15:00',
    durationMinutes: 45,
    firstDate: `${YEAR}-06-01`,
    ...changes,
  });

  /** Every refusal: a problem of the given status (and code and field), and no row written. */
  async function refused(cases: [string, string, unknown, number, string | null, string | null][]) {
    const before = await schedulingRows(api.db.url);
    for (const [method, path, body, status, code, field] of cases) {
      const reply = await admin.call(method, path, body);
      const label = `${method} ${path} ${JSON.stringify(body)?.slice(0, 120)}`;
      expect({ label, status: reply.status }).toEqual({ label, status });
      expectProblem(reply, status, code ?? undefined);
      if (field) expect({ label, fields: fieldsOf(reply) }).toEqual({ label, fields: expect.arrayContaining([field]) });
    }
    expect(await schedulingRows(api.db.url)).toEqual(before);
  }

  it('spans: end before start, zero length, a day or more, not an instant', async () => {
    await refused([
      ['POST', '/api/v1/lessons', lesson({ end: `${YEAR}-06-07T14:00:00Z` }), 400, 'SCHEDULING.END_BEFORE_START', 'end'],
      ['POST', '/api/v1/lessons', lesson({ end: `${YEAR}-06-07T15:00:00Z` }), 400, 'SCHEDULING.END_BEFORE_START', 'end'],
      ['POST', '/api/v1/lessons', lesson({ end: `${YEAR}-06-08T15:00:00Z` }), 400, 'SCHEDULING.INVALID_DURATION', 'end'],
      ['POST', '/api/v1/lessons', lesson({ end: `${YEAR}-06-09T10:00:00Z` }), 400, 'SCHEDULING.INVALID_DURATION', 'end'],
      ['POST', '/api/v1/lessons', lesson({ start: 'next Tuesday' }), 400, 'VALIDATION.INVALID', 'start'],
      ['POST', '/api/v1/lessons', lesson({ start: `${YEAR}-06-07T15:00:00` }), 400, 'VALIDATION.INVALID', 'start'],
      ['POST', '/api/v1/lessons', lesson({ studentIds: [] }), 400, 'VALIDATION.INVALID', 'studentIds'],
      ['POST', '/api/v1/lesson-series', series({ durationMinutes: 0 }), 400, 'VALIDATION.INVALID', 'durationMinutes'],
      ['POST', '/api/v1/lesson-series', series({ durationMinutes: 24 * 60 }), 400, 'VALIDATION.INVALID', 'durationMinutes'],
      ['POST', '/api/v1/lesson-series', series({ startTime: '24:00' }), 400, 'VALIDATION.INVALID', 'startTime'],
      ['POST', '/api/v1/terms', { name: 'Backwards', startDate: `${YEAR + 1}-05-01`, endDate: `${YEAR + 1}-04-01` }, 400, null, null],
    ]);
  });

  it('unknown teacher, student, room, lesson type and term ids are not found, naming the field', async () => {
    await refused([
      ['POST', '/api/v1/lessons', lesson({ teacherId: randomUUID() }), 404, 'SCHEDULING.PERSON_NOT_FOUND', 'teacherId'],
      ['POST', '/api/v1/lessons', lesson({ studentIds: [idOf(demo('student2')), randomUUID()] }), 404, 'SCHEDULING.PERSON_NOT_FOUND', 'studentIds.1'],
      ['POST', '/api/v1/lessons', lesson({ roomId: randomUUID() }), 404, 'SCHEDULING.ROOM_NOT_FOUND', null],
      ['POST', '/api/v1/lessons', lesson({ lessonTypeId: randomUUID() }), 404, 'SCHEDULING.LESSON_TYPE_NOT_FOUND', null],
      ['POST', '/api/v1/lessons', lesson({ accompanistId: randomUUID() }), 404, 'SCHEDULING.PERSON_NOT_FOUND', 'accompanistId'],
      ['POST', '/api/v1/lesson-series', series({ termId: randomUUID() }), 404, 'SCHEDULING.TERM_NOT_FOUND', null],
      // Someone who exists, in the wrong role.
      ['POST', '/api/v1/lessons', lesson({ teacherId: idOf(demo('student3')) }), 400, 'SCHEDULING.WRONG_ROLE', 'teacherId'],
      ['POST', '/api/v1/lessons', lesson({ studentIds: [idOf(demo('parent3'))] }), 400, 'SCHEDULING.WRONG_ROLE', 'studentIds.0'],
      ['POST', '/api/v1/lessons', lesson({ studentIds: [idOf(demo('student2')), idOf(demo('student2'))] }), 400, 'SCHEDULING.INVALID_STUDENTS', 'studentIds'],
      ['POST', '/api/v1/lessons', lesson({ teacherId: 'teacher-2' }), 400, 'VALIDATION.INVALID', 'teacherId'],
      ['POST', '/api/v1/lessons/' + randomUUID() + '/cancel', { reason: 'Nobody' }, 404, 'SCHEDULING.LESSON_NOT_FOUND', null],
      ['POST', '/api/v1/lessons/' + randomUUID() + '/move', { start: `${YEAR}-06-07T15:00:00Z`, end: `${YEAR}-06-07T15:30:00Z` }, 404, 'SCHEDULING.LESSON_NOT_FOUND', null],
      ['POST', '/api/v1/lesson-requests/' + randomUUID() + '/approve', undefined, 404, 'SCHEDULING.REQUEST_NOT_FOUND', null],
      ['POST', '/api/v1/makeup-credits/' + randomUUID() + '/book', { start: `${YEAR}-06-07T15:00:00Z`, end: `${YEAR}-06-07T15:30:00Z` }, 404, 'SCHEDULING.CREDIT_NOT_FOUND', null],
    ]);
  });

  it('recurrence rules: unbounded counts, sub-daily frequencies, garbage and too many lessons', async () => {
    await refused([
      ['POST', '/api/v1/lesson-series', series({ rrule: 'FREQ=WEEKLY;COUNT=500' }), 400, 'SCHEDULING.INVALID_RRULE', 'rrule'],
      ['POST', '/api/v1/lesson-series', series({ rrule: 'FREQ=HOURLY' }), 400, 'SCHEDULING.INVALID_RRULE', 'rrule'],
      ['POST', '/api/v1/lesson-series', series({ rrule: 'FREQ=MINUTELY;COUNT=5' }), 400, 'SCHEDULING.INVALID_RRULE', 'rrule'],
      ['POST', '/api/v1/lesson-series', series({ rrule: 'every tuesday please' }), 400, 'SCHEDULING.INVALID_RRULE', 'rrule'],
      ['POST', '/api/v1/lesson-series', series({ rrule: 'FREQ=FORTNIGHTLY' }), 400, 'SCHEDULING.INVALID_RRULE', 'rrule'],
      ['POST', '/api/v1/lesson-series', series({ rrule: 'FREQ=WEEKLY;BYHOUR=9' }), 400, 'SCHEDULING.INVALID_RRULE', 'rrule'],
      ['POST', '/api/v1/lesson-series', series({ rrule: 'FREQ=WEEKLY;BYDAY=XX' }), 400, 'SCHEDULING.INVALID_RRULE', 'rrule'],
      ['POST', '/api/v1/lesson-series', series({ rrule: 'FREQ=WEEKLY;DTSTART=20280101T000000Z' }), 400, 'SCHEDULING.INVALID_RRULE', 'rrule'],
      ['POST', '/api/v1/lesson-series', series({ rrule: 'FREQ=WEEKLY;INTERVAL=0' }), 400, 'SCHEDULING.INVALID_RRULE', 'rrule'],
      ['POST', '/api/v1/lesson-series', series({ rrule: 'FREQ' }), 400, 'VALIDATION.INVALID', 'rrule'],
      // Daily from June to the end of November: far more than a series may hold.
      ['POST', '/api/v1/lesson-series', series({ rrule: 'FREQ=DAILY' }), 400, 'SCHEDULING.INVALID_RRULE', 'rrule'],
      ['POST', '/api/v1/lesson-series', series({ firstDate: `${YEAR}-12-06` }), 400, 'SCHEDULING.OUTSIDE_TERM', 'firstDate'],
      ['POST', '/api/v1/lesson-series', series({ firstDate: `${YEAR}-02-31` }), 400, 'VALIDATION.INVALID', 'firstDate'],
      ['POST', '/api/v1/lesson-series', series({ rrule: 'FREQ=WEEKLY;BYDAY=WE;UNTIL=20000101T000000Z' }), 400, 'SCHEDULING.EMPTY_SERIES', 'rrule'],
    ]);
  });

  it('a rule with no bound, or a bound beyond the term, stops at the end of the term', async () => {
    for (const rrule of ['FREQ=WEEKLY;BYDAY=TH', 'FREQ=WEEKLY;BYDAY=FR;UNTIL=20991231T000000Z']) {
      const reply = await admin.post('/api/v1/lesson-series', series({ rrule, firstDate: `${YEAR}-11-01`, teacherId: idOf(demo('teacher3')), studentIds: [idOf(demo('student5'))] }));
      expect({ rrule, status: reply.status }).toEqual({ rrule, status: 201 });
      const dates = (reply.body.lessons as Booked[]).map((l) => wallClock(l.start, 'Europe/London').date);
      expect(dates.length).toBeGreaterThanOrEqual(4);
      expect(dates.length).toBeLessThanOrEqual(5);
      expect(dates.every((d) => d >= `${YEAR}-11-01` && d <= TERM.endDate)).toBe(true);
      expect(reply.body.series.untilDate).toBe(TERM.endDate);
    }
  });

  it('unknown fields in bodies are refused by name', async () => {
    await refused([
      ['POST', '/api/v1/lessons', lesson({ colour: 'red' }), 400, 'VALIDATION.INVALID', 'colour'],
      ['POST', '/api/v1/lessons', lesson({ override: { reason: 'Because', approvedBy: 'me' } }), 400, 'VALIDATION.INVALID', 'override.approvedBy'],
      ['POST', '/api/v1/lessons', lesson({ status: 'cancelled' }), 400, 'VALIDATION.INVALID', 'status'],
      ['POST', '/api/v1/lesson-series', series({ dtstart: `${YEAR}-06-01` }), 400, 'VALIDATION.INVALID', 'dtstart'],
      ['POST', '/api/v1/lesson-series', series({ resolutions: [{ date: `${YEAR}-06-07`, action: 'skip', why: 'x' }] }), 400, 'VALIDATION.INVALID', 'resolutions.0.why'],
      ['POST', '/api/v1/rooms', { name: 'Attic', capacity: 2, floor: 3 }, 400, 'VALIDATION.INVALID', 'floor'],
      ['POST', '/api/v1/terms', { name: 'Extra', startDate: `${YEAR + 1}-01-01`, endDate: `${YEAR + 1}-02-01`, schoolId: randomUUID() }, 400, 'VALIDATION.INVALID', 'schoolId'],
      ['PATCH', '/api/v1/scheduling/policy', { cancellationNoticeHours: 12, refunds: true }, 400, 'VALIDATION.INVALID', 'refunds'],
      ['POST', '/api/v1/lessons', 'not json at all', 400, null, null],
    ]);
  });

  it('malformed ids in paths and queries are a 400 naming the parameter', async () => {
    const slot = { start: `${YEAR}-06-07T15:00:00Z`, end: `${YEAR}-06-07T15:30:00Z` };
    await refused([
      ['POST', '/api/v1/lessons/not-a-uuid/cancel', { reason: 'x' }, 400, 'VALIDATION.INVALID', 'id'],
      ['POST', '/api/v1/lessons/123/move', slot, 400, 'VALIDATION.INVALID', 'id'],
      ['POST', "/api/v1/lessons/1'%20or%20'1'='1/cancel", { reason: 'x' }, 400, 'VALIDATION.INVALID', 'id'],
      ['POST', '/api/v1/lesson-requests/abc/approve', undefined, 400, 'VALIDATION.INVALID', 'id'],
      ['POST', '/api/v1/lesson-requests/abc/decline', { reason: 'No' }, 400, 'VALIDATION.INVALID', 'id'],
      ['POST', '/api/v1/makeup-credits/xyz/book', slot, 400, 'VALIDATION.INVALID', 'id'],
      ['PATCH', '/api/v1/rooms/room-1', { name: 'Renamed' }, 400, 'VALIDATION.INVALID', 'id'],
      ['PUT', '/api/v1/availability/teacher1', { windows: [] }, 400, 'VALIDATION.INVALID', 'personId'],
      ['GET', '/api/v1/availability/teacher1', undefined, 400, 'VALIDATION.INVALID', 'personId'],
      ['GET', `/api/v1/lessons?from=${YEAR}-06-01T00:00:00Z&to=${YEAR}-06-08T00:00:00Z&teacherId=abc`, undefined, 400, 'VALIDATION.INVALID', 'teacherId'],
      ['GET', `/api/v1/lessons?from=${YEAR}-06-01T00:00:00Z&to=${YEAR}-12-01T00:00:00Z`, undefined, 400, 'SCHEDULING.RANGE_TOO_LONG', 'to'],
      ['GET', `/api/v1/makeup-credits?studentId=s1`, undefined, 400, 'VALIDATION.INVALID', 'studentId'],
    ]);
  });
});

describe('schools cannot reach each other’s timetable', () => {
  it('an admin of another school cannot book with this school’s people, room or term', async () => {
    const room = await admin.post('/api/v1/rooms', { name: 'Demo-only studio', capacity: 2 });
    expect(room.status).toBe(201);
    const mine = { teacherId: newYork.teacherId, studentIds: [newYork.studentId], start: `${YEAR}-06-07T15:00:00Z`, end: `${YEAR}-06-07T15:45:00Z` };
    const before = await schedulingRows(api.db.url);
    const probes: [string, Record<string, unknown>, string, string | null][] = [
      ['/api/v1/lessons', { ...mine, teacherId: idOf(demo('teacher1')) }, 'SCHEDULING.PERSON_NOT_FOUND', 'teacherId'],
      ['/api/v1/lessons', { ...mine, studentIds: [idOf(demo('student1'))] }, 'SCHEDULING.PERSON_NOT_FOUND', 'studentIds.0'],
      ['/api/v1/lessons', { ...mine, accompanistId: idOf(demo('accompanist')) }, 'SCHEDULING.PERSON_NOT_FOUND', 'accompanistId'],
      ['/api/v1/lessons', { ...mine, roomId: room.body.id }, 'SCHEDULING.ROOM_NOT_FOUND', null],
      [
        '/api/v1/lesson-series',
        { teacherId: newYork.teacherId, studentIds: [newYork.studentId], termId: londonTerm, rrule: 'FREQ=WEEKLY', startTime: '10:00', durationMinutes: 30, firstDate: `${YEAR}-06-01` },
        'SCHEDULING.TERM_NOT_FOUND',
        null,
      ],
    ];
    for (const [path, body, code, field] of probes) {
      const reply = await newYork.admin.post(path, body);
      expectProblem(reply, 404, code);
      if (field) expect(fieldsOf(reply)).toEqual([field]);
    }
    expect(await schedulingRows(api.db.url)).toEqual(before);
  });

  it('lists show each school only its own rooms, terms and lessons; ids of the other are not found', async () => {
    const room = await newYork.admin.post('/api/v1/rooms', { name: 'Harbour hall', capacity: 30 });
    expect(room.status).toBe(201);
    const from = `${YEAR}-05-01T00:00:00Z`;
    const to = `${YEAR}-07-01T00:00:00Z`;
    const theirs = await newYork.admin.get(`/api/v1/lessons?from=${from}&to=${to}`);
    expect(theirs.status).toBe(200);
    expect(theirs.body.length).toBeGreaterThan(0);
    expect(theirs.body.every((l: { teacherId: string }) => l.teacherId === newYork.teacherId)).toBe(true);

    const ours = await admin.get(`/api/v1/lessons?from=${from}&to=${to}`);
    const ourIds = new Set(ours.body.map((l: { id: string }) => l.id));
    expect(theirs.body.filter((l: { id: string }) => ourIds.has(l.id))).toEqual([]);
    expect(ours.body.filter((l: { teacherId: string }) => [newYork.teacherId, dubai.teacherId].includes(l.teacherId))).toEqual([]);
    expect((await admin.get('/api/v1/rooms')).body.map((r: { name: string }) => r.name)).not.toContain('Harbour hall');
    expect((await newYork.admin.get('/api/v1/rooms')).body.map((r: { name: string }) => r.name)).toEqual(['Harbour hall']);
    // Families read the rooms too (their lessons say where), their own school's only.
    const parentRooms = await (await signedIn(api.url, demo('parent1'))).get('/api/v1/rooms');
    expect(parentRooms.status).toBe(200);
    expect(parentRooms.body.map((r: { id: string }) => r.id).sort()).toEqual((await admin.get('/api/v1/rooms')).body.map((r: { id: string }) => r.id).sort());
    const theirTerms = (await newYork.admin.get('/api/v1/terms')).body as { id: string }[];
    expect(theirTerms).toHaveLength(1);
    expect((await admin.get('/api/v1/terms')).body.map((t: { id: string }) => t.id)).not.toContain(theirTerms[0].id);
    expect((await admin.get(`/api/v1/lessons?from=${from}&to=${to}&teacherId=${newYork.teacherId}`)).body).toEqual([]);

    const before = await schedulingRows(api.db.url);
    const lessonId = theirs.body[0].id;
    for (const [method, path, body] of [
      ['POST', `/api/v1/lessons/${lessonId}/cancel`, { reason: 'Not yours' }],
      ['POST', `/api/v1/lessons/${lessonId}/move`, { start: `${YEAR}-06-20T10:00:00Z`, end: `${YEAR}-06-20T11:00:00Z` }],
      ['PATCH', `/api/v1/rooms/${room.body.id}`, { name: 'Taken over' }],
      ['PUT', `/api/v1/availability/${newYork.teacherId}`, { windows: [] }],
    ] as const) {
      const reply = await admin.call(method, path, body);
      expect({ route: `${method} ${path}`, status: reply.status }).toEqual({ route: `${method} ${path}`, status: 404 });
    }
    expect(await schedulingRows(api.db.url)).toEqual(before);
    expect((await newYork.admin.get('/api/v1/rooms')).body[0].name).toBe('Harbour hall');

    // Reading another school's teacher's hours answers as for anyone unknown: nothing set (not a 404, but nothing leaks).
    const hours = { windows: [{ weekday: 2, startTime: '09:00', endTime: '12:00' }], bufferMinutes: 10 };
    expect((await newYork.admin.call('PUT', `/api/v1/availability/${newYork.teacherId}`, hours)).status).toBe(200);
    const peek = await admin.get(`/api/v1/availability/${newYork.teacherId}`);
    expect(peek.body).toMatchObject({ windows: [], exceptions: [], bufferMinutes: 0 });
    expect((await newYork.admin.get(`/api/v1/availability/${newYork.teacherId}`)).body).toMatchObject(hours);
  });
});
