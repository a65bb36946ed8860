import { io, type Socket } from 'socket.io-client';
import { REALTIME_EVENTS, REALTIME_PATH, type ClientToServerEvents, type RegisterChangedEvent, type ServerToClientEvents } from '@cadenza/shared/contracts';
import { startApiProcess, withClient, type ApiProcess } from '@cadenza/server/testing';
import { demo, signedIn, type Client } from './support/client.js';
import { attendanceRows, whenAttendanceKnows } from './support/attendance.js';
import { sleep, until } from './support/waiting.js';
import { createSchool, expectProblem, fieldsOf, writeClearingTheWay, type OtherSchool } from './support/scheduling.js';

/**
 * The register over REST on the demo school: lessons reach attendance through scheduling's events only; the lesson's
 * teacher marks it (two devices at once lose nothing), others are refused saying why and nothing is written, and the
 * marking window holds late changes for an admin with a reason.
 */
const MINUTE = 60_000;
const iso = (t: number) => new Date(t).toISOString();

let api: ApiProcess;
let admin: Client;
let teacher: Client;
let teacherPhone: Client;
let otherTeacher: Client;
let student: Client;
let parent: Client;
let other: OtherSchool;
let teacherId: string;
let studentIds: string[];
/** A group lesson running now: started five minutes ago, three students. */
let now: { id: string };

async function book(start: number, minutes: number, students: string[]): Promise<{ id: string }> {
  const reply = await writeClearingTheWay(admin, () =>
    admin.post('/api/v1/lessons', { teacherId, studentIds: students, start: iso(start), end: iso(start + minutes * MINUTE), override: { reason: 'Attendance test lesson' } }),
  );
  if (reply.status !== 201) throw new Error(`book: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

beforeAll(async () => {
  api = await startApiProcess();
  [admin, teacher, teacherPhone, otherTeacher, student, parent] = await Promise.all(
    ['admin', 'teacher1', 'teacher1', 'teacher2', 'student1', 'parent1'].map((who) => signedIn(api.url, demo(who))),
  );
  other = await createSchool(api, `att-${Math.random().toString(36).slice(2, 7)}`, 'Other Attendance School', 'Europe/Paris');
  teacherId = (await teacher.get('/api/v1/me')).body.id;
  const students = (await admin.get('/api/v1/students')).body as { id: string; email: string }[];
  studentIds = ['student20', 'student21', 'student22'].map((who) => students.find((s) => s.email === demo(who))!.id);
  now = await book(Date.now() - 5 * MINUTE, 45, studentIds);
  await whenAttendanceKnows(admin, now.id);
}, 240_000);
afterAll(() => api?.stop());

describe('the register', () => {
  it('lists the teacher’s lessons of today with their registers, not another teacher’s', async () => {
    const from = iso(Date.now() - 6 * 60 * MINUTE);
    const to = iso(Date.now() + 6 * 60 * MINUTE);
    const mine = await teacher.get(`/api/v1/attendance/lessons?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
    expect(mine.status).toBe(200);
    expect(mine.body.map((l: { lessonId: string }) => l.lessonId)).toContain(now.id);
    expect(mine.body.every((l: { teacherId: string; accompanistId: string | null }) => l.teacherId === teacherId || l.accompanistId === teacherId)).toBe(true);
    const theirs = await otherTeacher.get(`/api/v1/attendance/lessons?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
    expect(theirs.body.map((l: { lessonId: string }) => l.lessonId)).not.toContain(now.id);
    expectProblem(await teacher.get(`/api/v1/attendance/lessons?from=${encodeURIComponent(from)}&to=${encodeURIComponent(iso(Date.now() + 40 * 24 * 60 * MINUTE))}`), 400);
  });

  it('refuses bad input with 400 naming the field, and writes nothing', async () => {
    const before = await attendanceRows(api.db.url);
    const path = `/api/v1/attendance/lessons/${now.id}/marks`;
    const cases: [unknown, string][] = [
      [{ marks: [{ studentId: studentIds[0], status: 'sleeping' }] }, 'marks.0.status'],
      [{ marks: [{ studentId: studentIds[0], status: 'late', lateMinutes: -5 }] }, 'marks.0.lateMinutes'],
      [{ marks: [{ studentId: studentIds[0], status: 'late', lateMinutes: 25 * 60 }] }, 'marks.0.lateMinutes'],
      [{ marks: [{ studentId: studentIds[0], status: 'late' }] }, 'marks.0.lateMinutes'],
      [{ marks: [{ studentId: studentIds[0], status: 'present', lateMinutes: 3 }] }, 'marks.0.lateMinutes'],
      [{ marks: [] }, 'marks'],
      [{ marks: [{ studentId: 'nobody', status: 'present' }] }, 'marks.0.studentId'],
      [{ marks: [{ studentId: other.studentId, status: 'present' }] }, 'marks.0.studentId'],
    ];
    for (const [body, field] of cases) {
      const reply = await teacher.post(path, body);
      expectProblem(reply, 400);
      expect({ body, fields: fieldsOf(reply) }).toEqual({ body, fields: [field] });
    }
    expect(await attendanceRows(api.db.url)).toEqual(before);
  });

  it('refuses another teacher (403 saying why), families (403) and another school (404), writing nothing', async () => {
    const before = await attendanceRows(api.db.url);
    const mark = { marks: [{ studentId: studentIds[0], status: 'present' }] };
    expectProblem(await otherTeacher.post(`/api/v1/attendance/lessons/${now.id}/marks`, mark), 403, 'ATTENDANCE.NOT_YOUR_LESSON');
    expectProblem(await otherTeacher.post(`/api/v1/attendance/lessons/${now.id}/start`), 403, 'ATTENDANCE.NOT_YOUR_LESSON');
    expectProblem(await otherTeacher.get(`/api/v1/attendance/lessons/${now.id}`), 404);
    for (const family of [student, parent]) expectProblem(await family.post(`/api/v1/attendance/lessons/${now.id}/marks`, mark), 403);
    for (const [method, path] of [
      ['GET', `/api/v1/attendance/lessons/${now.id}`],
      ['GET', `/api/v1/attendance/lessons/${now.id}/history`],
      ['POST', `/api/v1/attendance/lessons/${now.id}/marks`],
      ['POST', `/api/v1/attendance/lessons/${now.id}/start`],
      ['POST', `/api/v1/attendance/lessons/${now.id}/end`],
    ]) {
      for (const stranger of [other.admin, other.teacher]) {
        const reply = await stranger.call(method!, path!, method === 'POST' && path!.endsWith('marks') ? mark : undefined);
        expect({ route: `${method} ${path}`, status: reply.status }).toEqual({ route: `${method} ${path}`, status: 404 });
      }
    }
    expect(await attendanceRows(api.db.url)).toEqual(before);
  });

  it('refuses a cancelled lesson and one not yet started, naming why, writing nothing', async () => {
    const later = await book(Date.now() + 3 * 60 * MINUTE, 30, [studentIds[0]!]);
    const cancelled = await book(Date.now() + 60 * MINUTE, 30, [studentIds[1]!]);
    expect((await admin.post(`/api/v1/lessons/${cancelled.id}/cancel`, { reason: 'Room flooded' })).status).toBe(200);
    await whenAttendanceKnows(admin, later.id);
    await whenAttendanceKnows(admin, cancelled.id, (r) => r.status === 200 && (r.body as { cancelled?: boolean }).cancelled === true);
    const before = await attendanceRows(api.db.url);
    expectProblem(await teacher.post(`/api/v1/attendance/lessons/${later.id}/marks`, { marks: [{ studentId: studentIds[0], status: 'present' }] }), 409, 'ATTENDANCE.NOT_STARTED');
    expectProblem(await teacher.post(`/api/v1/attendance/lessons/${later.id}/start`), 409, 'ATTENDANCE.NOT_STARTED');
    expectProblem(await teacher.post(`/api/v1/attendance/lessons/${cancelled.id}/marks`, { marks: [{ studentId: studentIds[1], status: 'present' }] }), 409, 'ATTENDANCE.LESSON_CANCELLED');
    expect(await attendanceRows(api.db.url)).toEqual(before);
  });

  it('two devices marking at once both land, each in the history; the register is complete and delivered once', async () => {
    const [a, b, c] = studentIds as [string, string, string];
    const [one, two] = await Promise.all([
      teacher.post(`/api/v1/attendance/lessons/${now.id}/marks`, { marks: [{ studentId: a, status: 'present' }] }),
      teacherPhone.post(`/api/v1/attendance/lessons/${now.id}/marks`, { marks: [{ studentId: b, status: 'late', lateMinutes: 4, note: 'Bus' }] }),
    ]);
    expect([one.status, two.status]).toEqual([200, 200]);
    // The same student from both at once: one change follows the other.
    const [three, four] = await Promise.all([
      teacher.post(`/api/v1/attendance/lessons/${now.id}/marks`, { marks: [{ studentId: c, status: 'absent_no_notice' }] }),
      teacherPhone.post(`/api/v1/attendance/lessons/${now.id}/marks`, { marks: [{ studentId: c, status: 'absent_notice', note: 'Parent phoned' }] }),
    ]);
    expect([three.status, four.status]).toEqual([200, 200]);
    const register = (await teacher.get(`/api/v1/attendance/lessons/${now.id}`)).body;
    expect(register).toMatchObject({ complete: true, delivered: true, counts: { students: 3, marked: 3, present: 1, late: 1 } });
    expect(register.startedAt).not.toBeNull();
    const history = (await teacher.get(`/api/v1/attendance/lessons/${now.id}/history`)).body as { studentId: string; from: { status: string } | null; to: { status: string } }[];
    expect(history.filter((h) => h.studentId !== c).map((h) => [h.studentId, h.from, h.to.status]).sort()).toEqual([[a, null, 'present'], [b, null, 'late']].sort());
    const ofC = history.filter((h) => h.studentId === c);
    expect(ofC).toHaveLength(2);
    expect(ofC[0]!.from).toBeNull();
    expect(ofC[1]!.from).toEqual(ofC[0]!.to);
    expect(register.entries.find((e: { studentId: string }) => e.studentId === c).status).toBe(ofC[1]!.to.status);
    const rows = await attendanceRows(api.db.url);
    expect(rows.changes).toBeGreaterThanOrEqual(4);
    const delivered = await withClient(api.db.url, (db) => db.query(`select count(*)::int as n from outbox_events where type = 'attendance.lesson_delivered.v1' and payload->>'lessonId' = $1`, [now.id]));
    expect(delivered.rows[0].n).toBe(1);
  });

  it('ends the started lesson once', async () => {
    const ended = await teacher.post(`/api/v1/attendance/lessons/${now.id}/end`);
    expect(ended.status).toBe(200);
    expect(ended.body.endedAt).not.toBeNull();
    expect((await teacher.post(`/api/v1/attendance/lessons/${now.id}/end`)).body.endedAt).toBe(ended.body.endedAt);
  });

  it('tells the teacher’s other devices and the admins of a change over the socket, and nobody else', async () => {
    const sockets: Socket<ServerToClientEvents, ClientToServerEvents>[] = [];
    const listen = async (client: Client) => {
      const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(client.base, { path: REALTIME_PATH, transports: ['websocket'], reconnection: false, forceNew: true, auth: { token: client.token } });
      sockets.push(socket);
      const heard: RegisterChangedEvent[] = [];
      socket.on(REALTIME_EVENTS.registerChanged, (event) => heard.push(event));
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      return heard;
    };
    try {
      const [phone, office, stranger] = await Promise.all([listen(teacherPhone), listen(admin), listen(otherTeacher)]);
      const corrected = await teacher.post(`/api/v1/attendance/lessons/${now.id}/marks`, { marks: [{ studentId: studentIds[0], status: 'excused', note: 'Doctor’s appointment' }] });
      expect(corrected.status).toBe(200);
      await until(() => phone.length > 0 && office.length > 0, 10_000, 'register.changed.v1 on the teacher’s phone and the office');
      expect(phone[0]).toEqual({ lessonId: now.id, students: 3, marked: 3, startedAt: corrected.body.startedAt, endedAt: corrected.body.endedAt });
      await sleep(1_000);
      expect(stranger).toEqual([]);
    } finally {
      for (const socket of sockets) socket.disconnect();
    }
  });

  it('after the marking window, refuses the teacher and asks an admin for a reason, which the history keeps', async () => {
    const from = iso(Date.now() - 21 * 24 * 60 * MINUTE);
    const to = iso(Date.now() - 14 * 24 * 60 * MINUTE);
    const listed = (await teacher.get(`/api/v1/attendance/lessons?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`)).body as { lessonId: string; studentIds: string[]; cancelled: boolean }[];
    const old = listed.find((l) => !l.cancelled);
    if (!old) throw new Error('the demo term has no lesson of teacher1 two to three weeks ago');
    // The demo school's registers of those weeks are kept: change the student's mark to another status.
    const current = ((await admin.get(`/api/v1/attendance/lessons/${old.lessonId}`)).body.entries as { studentId: string; status: string }[]).find((e) => e.studentId === old.studentIds[0])?.status;
    const status = current === 'present' ? 'excused' : 'present';
    const mark = { marks: [{ studentId: old.studentIds[0], status }] };
    expectProblem(await teacher.post(`/api/v1/attendance/lessons/${old.lessonId}/marks`, mark), 403, 'ATTENDANCE.WINDOW_CLOSED');
    const noReason = await admin.post(`/api/v1/attendance/lessons/${old.lessonId}/marks`, mark);
    expectProblem(noReason, 400, 'ATTENDANCE.REASON_REQUIRED');
    expect(fieldsOf(noReason)).toEqual(['reason']);
    const fixed = await admin.post(`/api/v1/attendance/lessons/${old.lessonId}/marks`, { ...mark, reason: 'Paper register found' });
    expect(fixed.status).toBe(200);
    expect((await admin.get(`/api/v1/attendance/lessons/${old.lessonId}/history`)).body.at(-1)).toMatchObject({ reason: 'Paper register found', to: { status } });
    const action = current ? 'attendance.register.corrected' : 'attendance.register.marked';
    const trail = (await admin.get(`/api/v1/audit-events?action=${action}&limit=50`)).body.items as { entityId: string; after: { reason?: string } }[];
    expect(trail.find((e) => e.entityId === old.lessonId)?.after.reason).toBe('Paper register found');
  });

  it('gives the school’s day with where each register stands, filtered by teacher and state, and refuses a bad date or state', async () => {
    const day = await teacher.get('/api/v1/attendance/day');
    expect(day.status).toBe(200);
    expect(day.body.lessons.map((l: { lessonId: string }) => l.lessonId)).toContain(now.id);
    expect(new Date(day.body.to).getTime() - new Date(day.body.from).getTime()).toBeGreaterThanOrEqual(23 * 60 * MINUTE);
    const missing = await admin.get(`/api/v1/attendance/day?date=${day.body.date}&teacherId=${teacherId}&state=missing`);
    expect(missing.body.lessons.every((l: { state: string; teacherId: string; accompanistId: string | null }) => l.state === 'missing' && (l.teacherId === teacherId || l.accompanistId === teacherId))).toBe(true);
    expect(fieldsOf(await admin.get('/api/v1/attendance/day?date=2026-02-30'))).toEqual(['date']);
    expect(fieldsOf(await admin.get('/api/v1/attendance/day?state=late'))).toEqual(['state']);
    expect((await other.admin.get('/api/v1/attendance/day')).body.lessons.map((l: { lessonId: string }) => l.lessonId)).not.toContain(now.id);
  });

  it('settings: staff read them, admins change them within limits, others are refused', async () => {
    expect((await teacher.get('/api/v1/attendance/settings')).body).toEqual({ earlyMarkingMinutes: 10, markingWindowDays: 7, onTimeGraceMinutes: 5, missingRegisterReminderTime: '18:00', streakAlertsToGuardians: false });
    expectProblem(await teacher.patch('/api/v1/attendance/settings', { markingWindowDays: 3 }), 403);
    expectProblem(await student.get('/api/v1/attendance/settings'), 403);
    const bad = await admin.patch('/api/v1/attendance/settings', { markingWindowDays: 400 });
    expectProblem(bad, 400);
    expect(fieldsOf(bad)).toEqual(['markingWindowDays']);
    expect((await admin.patch('/api/v1/attendance/settings', { onTimeGraceMinutes: 3 })).body.onTimeGraceMinutes).toBe(3);
    expect((await other.admin.get('/api/v1/attendance/settings')).body.onTimeGraceMinutes).toBe(5);
  });
});
