import { io, type Socket } from 'socket.io-client';
import { REALTIME_EVENTS, REALTIME_PATH, type ClientToServerEvents, type DashboardCounters, type ServerToClientEvents } from '@cadenza/shared/contracts';
import { linkIn, startApiProcess, withClient, type ApiProcess } from '@cadenza/server/testing';
import { Client, demo, signedIn } from './support/client.js';
import { sleep, until } from './support/waiting.js';
import { directory, expectProblem } from './support/scheduling.js';

/**
 * The home pages' counters: `GET /api/v1/me/counters` per role on a school this suite builds
 * (its time zone chosen so that it is around midday there now, whenever the suite runs, so
 * "today" is the same day an hour either side), then `counters.updated.v1` on the socket
 * after a change, to the people it changes and nobody else, and the admins' per-minute push
 * as a lesson starts.
 */
type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const MINUTE = 60_000;
const QUIET_MS = 2_000;
const password = 'counters-password-long';
const slug = `counters-${Math.random().toString(36).slice(2, 8)}`;
const email = (who: string) => `${who}@${slug}.example`;

/** An `Etc/GMT±N` zone (sign inverted, as IANA has it) where the local hour is about 12 now. */
function middayZone(now: Date): string {
  let offset = 12 - now.getUTCHours();
  if (offset > 14) offset -= 24;
  if (offset < -12) offset += 24;
  return offset === 0 ? 'UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

const minuteFloor = (t: number) => Math.floor(t / MINUTE) * MINUTE;
const iso = (t: number) => new Date(t).toISOString();

let api: ApiProcess;
let admin: Client;
const people: Record<string, Client> = {};
let idOf: (email: string) => string;
const rooms: string[] = [];
/** student2's message to the teacher, in their thread. */
let studentMessage: { threadId: string; messageId: string };
/** The lesson running now in room A (the teacher's, with student1). */
let runningLesson: string;
const sockets: RealtimeSocket[] = [];


/** A socket for a signed-in client, and every counters update it hears from now on. */
async function listen(client: Client): Promise<DashboardCounters[]> {
  const socket: RealtimeSocket = io(client.base, { path: REALTIME_PATH, transports: ['websocket'], reconnection: false, forceNew: true, auth: { token: client.token } });
  sockets.push(socket);
  const heard: DashboardCounters[] = [];
  socket.on(REALTIME_EVENTS.countersUpdated, (counters) => heard.push(counters));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return heard;
}

async function counters(client: Client): Promise<DashboardCounters> {
  const reply = await client.get('/api/v1/me/counters');
  expect(reply.status).toBe(200);
  return reply.body;
}

async function book(body: Record<string, unknown>): Promise<{ id: string }> {
  const reply = await admin.post('/api/v1/lessons', { override: { reason: 'Counters test' }, ...body });
  if (reply.status !== 201) throw new Error(`book: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

async function post(client: Client, path: string, body: unknown): Promise<{ id: string; seq?: number }> {
  const reply = await client.post(path, body);
  if (reply.status !== 201 && reply.status !== 200) throw new Error(`${path}: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

beforeAll(async () => {
  api = await startApiProcess();
  const created = await api.cli(
    'create',
    '--name', 'Counters Academy',
    '--time-zone', middayZone(new Date()),
    '--currency', 'GBP',
    '--locale', 'en-GB',
    '--admin-email', email('owner'),
    '--admin-name', 'Counters Owner',
    '--admin-password', password,
  );
  if (created.code !== 0) throw new Error(`school: ${created.stderr}`);
  admin = await signedIn(api.url, email('owner'), password);
  const join = async (who: string, roles: string[]) => {
    const invited = await admin.post('/api/v1/invitations', { email: email(who), name: `Counters ${who}`, roles });
    if (invited.status !== 201) throw new Error(`invite ${who}: ${invited.status} ${JSON.stringify(invited.body)}`);
    const token = new URL(linkIn(await api.mail.waitFor(email(who)), '/accept-invitation')).searchParams.get('token') ?? '';
    const accepted = await new Client(api.url).post('/api/v1/invitations/accept', { token, password });
    if (accepted.status !== 201) throw new Error(`accept ${who}: ${accepted.status} ${JSON.stringify(accepted.body)}`);
    people[who] = await signedIn(api.url, email(who), password);
  };
  // The second admin also teaches; the owner is the school's safeguarding lead.
  const cast: [string, string[]][] = [
    ['office', ['admin', 'teacher']],
    ['teacher', ['teacher']],
    ['accompanist', ['accompanist']],
    ['student1', ['student']],
    ['student2', ['student']],
    ['parent1', ['parent']],
    ['parent2', ['parent']],
  ];
  for (const [who, roles] of cast) await join(who, roles);
  idOf = await directory(admin);
  // The students are adults here (a student whose date of birth is not recorded counts as a minor in messaging).
  for (const who of ['student1', 'student2']) {
    const dated = await admin.patch(`/api/v1/students/${idOf(email(who))}`, { dateOfBirth: '2000-01-01' });
    if (dated.status !== 200) throw new Error(`date of birth ${who}: ${dated.status} ${JSON.stringify(dated.body)}`);
  }
  // No route makes families yet (the demo seed does): parent1 is student1's guardian, parent2 student2's.
  await withClient(api.db.url, async (db) => {
    const { rows } = await db.query<{ school_id: string }>('select school_id from users where email = $1', [email('owner')]);
    for (const [parent, child] of [
      ['parent1', 'student1'],
      ['parent2', 'student2'],
    ]) {
      const family = globalThis.crypto.randomUUID();
      await db.query(`insert into families (id, school_id, name) values ($1, $2, $3)`, [family, rows[0].school_id, `Family of ${child}`]);
      await db.query(`insert into family_members (family_id, user_id, school_id, kind) values ($1, $2, $3, 'guardian'), ($1, $4, $3, 'child')`, [family, idOf(email(parent)), rows[0].school_id, idOf(email(child))]);
      await db.query(`insert into guardian_access (family_id, guardian_id, child_id, school_id, level) values ($1, $2, $3, $4, 'full')`, [family, idOf(email(parent)), idOf(email(child)), rows[0].school_id]);
    }
  });
  for (const name of ['Room A', 'Room B', 'Room C']) rooms.push((await post(admin, '/api/v1/rooms', { name, capacity: 4 })).id);

  const now = minuteFloor(Date.now());
  const [teacher, accompanist, student1, student2] = ['teacher', 'accompanist', 'student1', 'student2'].map((who) => idOf(email(who)));
  // Running now in room A; this afternoon in room B with the accompanist; one cancelled; tomorrow; beyond a week.
  runningLesson = (await book({ teacherId: teacher, studentIds: [student1], roomId: rooms[0], start: iso(now - 10 * MINUTE), end: iso(now + 50 * MINUTE) })).id;
  await book({ teacherId: teacher, studentIds: [student2], roomId: rooms[1], accompanistId: accompanist, start: iso(now + 120 * MINUTE), end: iso(now + 165 * MINUTE) });
  const cancelled = await book({ teacherId: teacher, studentIds: [student1], roomId: rooms[2], start: iso(now + 240 * MINUTE), end: iso(now + 285 * MINUTE) });
  expect((await admin.post(`/api/v1/lessons/${cancelled.id}/cancel`, { reason: 'Counters test' })).status).toBe(200);
  await book({ teacherId: teacher, studentIds: [student1], start: iso(now + 30 * 60 * MINUTE), end: iso(now + 30 * 60 * MINUTE + 45 * MINUTE) });
  await book({ teacherId: teacher, studentIds: [student1], start: iso(now + 8 * 24 * 60 * MINUTE), end: iso(now + 8 * 24 * 60 * MINUTE + 45 * MINUTE) });
  // A pending request from student2.
  await post(people['student2'], '/api/v1/lesson-requests', { kind: 'new_lesson', studentId: student2, teacherId: teacher, start: iso(now + 3 * 24 * 60 * MINUTE), end: iso(now + 3 * 24 * 60 * MINUTE + 45 * MINUTE) });
  // The teacher writes twice to the owner, once to student1 (who flags it); student2 writes once to the teacher.
  const staff = await post(people['teacher'], '/api/v1/threads', { kind: 'staff', participantIds: [idOf(email('owner'))], subject: 'Rota' });
  await post(people['teacher'], `/api/v1/threads/${staff.id}/messages`, { body: 'Room A is cold.' });
  await post(people['teacher'], `/api/v1/threads/${staff.id}/messages`, { body: 'Still cold.' });
  const direct = await post(people['teacher'], '/api/v1/threads', { kind: 'direct', participantIds: [student1] });
  const worrying = await post(people['teacher'], `/api/v1/threads/${direct.id}/messages`, { body: 'Practise three hours tonight.' });
  await post(people['student1'], `/api/v1/threads/${direct.id}/messages/${worrying.id}/flags`, { reason: 'Too much.' });
  const fromStudent = await post(people['student2'], '/api/v1/threads', { kind: 'direct', participantIds: [teacher] });
  const asked = await post(people['student2'], `/api/v1/threads/${fromStudent.id}/messages`, { body: 'Can we move Thursday?' });
  studentMessage = { threadId: fromStudent.id, messageId: asked.id };
}, 120_000);

afterEach(() => {
  for (const socket of sockets.splice(0)) socket.disconnect();
});

afterAll(async () => {
  await api?.stop();
});

describe('GET /api/v1/me/counters', () => {
  it('gives each role its own counters on known data', async () => {
    const school = { lessonsToday: 2, lessonsInProgress: 1, checkedInNow: 0, registersMissingToday: 0, freeRoomsNow: 2, pendingRequests: 1 };
    expect(await counters(admin)).toEqual({ role: 'admin', ...school, unreadMessages: 2, openFlags: 1 });
    // Another admin sees the school's figures but not the lead's flags.
    expect(await counters(people['office'])).toEqual({ role: 'admin', ...school, unreadMessages: 0 });
    expect(await counters(people['teacher'])).toEqual({ role: 'teacher', lessonsToday: 2, unreadMessages: 1 });
    expect(await counters(people['accompanist'])).toEqual({ role: 'accompanist', lessonsToday: 1, unreadMessages: 0 });
    expect(await counters(people['student1'])).toEqual({ role: 'student', unreadMessages: 1, upcomingLessons: 2 });
    expect(await counters(people['student2'])).toEqual({ role: 'student', unreadMessages: 0, upcomingLessons: 1 });
    expect(await counters(people['parent1'])).toEqual({ role: 'parent', unreadMessages: 0, upcomingLessons: 2 });
    expect(await counters(people['parent2'])).toEqual({ role: 'parent', unreadMessages: 0, upcomingLessons: 1 });
  });

  it('is for signed-in people only', async () => {
    expectProblem(await new Client(api.url).get('/api/v1/me/counters'), 401);
  });

  it('never counts another school: the demo school’s admin sees only the demo school', async () => {
    const demoAdmin = await signedIn(api.url, demo('admin'));
    const before = (await counters(demoAdmin)) as { openFlags?: number; pendingRequests: number };
    // The demo school's pending requests are its own seeded ones, and it has no flags: this school's are not among them.
    const { rows } = await withClient(api.db.url, (db) =>
      db.query<{ pending: string }>(`select count(*) as pending from lesson_requests q join users u on u.school_id = q.school_id where u.email = $1 and q.status = 'pending'`, [demo('admin')]),
    );
    expect(before.pendingRequests).toBe(Number(rows[0].pending));
    expect(before.openFlags).toBe(0);
  });
});

describe('counters.updated.v1', () => {
  it('reaches the admins when a request arrives, and the change is theirs alone', async () => {
    const [toOwner, toOffice, toTeacher, toParent1] = await Promise.all([admin, people['office'], people['teacher'], people['parent1']].map(listen));
    const demoAdmin = await signedIn(api.url, demo('admin'));
    const toDemoAdmin = await listen(demoAdmin);
    const demoBefore = await counters(demoAdmin);

    const start = minuteFloor(Date.now()) + 4 * 24 * 60 * MINUTE;
    await post(people['student2'], '/api/v1/lesson-requests', { kind: 'new_lesson', studentId: idOf(email('student2')), teacherId: idOf(email('teacher')), start: iso(start), end: iso(start + 45 * MINUTE) });
    const sent = Date.now();
    await until(() => toOwner.some((c) => c.role === 'admin' && c.pendingRequests === 2) && toOffice.some((c) => c.role === 'admin' && c.pendingRequests === 2), 3_000, 'both admins hearing 2 pending requests');
    expect(toOwner.at(-1)).toEqual(await counters(admin));

    await sleep(Math.max(0, sent + QUIET_MS - Date.now()));
    expect(toTeacher).toEqual([]);
    expect(toParent1).toEqual([]);
    // The other school's admin may hear the per-minute push, never a change from this school.
    for (const heard of toDemoAdmin) expect(heard).toEqual(demoBefore);
  });

  it('tells the student’s guardian of a new lesson, and not another family', async () => {
    const [toParent1, toParent2, toStudent1] = await Promise.all([people['parent1'], people['parent2'], people['student1']].map(listen));
    const start = minuteFloor(Date.now()) + 2 * 24 * 60 * MINUTE;
    await book({ teacherId: idOf(email('teacher')), studentIds: [idOf(email('student1'))], start: iso(start), end: iso(start + 45 * MINUTE) });
    const booked = Date.now();
    await until(() => toParent1.length > 0 && toStudent1.length > 0, 3_000, 'parent1 and student1 hearing of the lesson');
    expect(toParent1).toEqual([{ role: 'parent', unreadMessages: 0, upcomingLessons: 3 }]);
    expect(toStudent1).toEqual([{ role: 'student', unreadMessages: 1, upcomingLessons: 3 }]);
    await sleep(Math.max(0, booked + QUIET_MS - Date.now()));
    expect(toParent2).toEqual([]);
  });

  it('follows unread messages: up with a message, down when the thread is read', async () => {
    const toStudent2 = await listen(people['student2']);
    const thread = await post(people['teacher'], '/api/v1/threads', { kind: 'direct', participantIds: [idOf(email('student2'))] });
    await post(people['teacher'], `/api/v1/threads/${thread.id}/messages`, { body: 'Thursday works.' });
    await until(() => toStudent2.some((c) => c.unreadMessages === 1), 3_000, 'student2 hearing of one unread message');
    expect((await people['student2'].post(`/api/v1/threads/${thread.id}/read`, {})).status).toBe(200);
    await until(() => toStudent2.at(-1)?.unreadMessages === 0, 3_000, 'student2 hearing the thread read');
  });

  it('tells the safeguarding lead of a flag, and not the other admin', async () => {
    const [toOwner, toOffice] = await Promise.all([admin, people['office']].map(listen));
    const officeBefore = await counters(people['office']);
    const flagged = await post(people['teacher'], `/api/v1/threads/${studentMessage.threadId}/messages/${studentMessage.messageId}/flags`, { reason: 'Checking in.' });
    expect(flagged.id).toEqual(expect.any(String));
    const sent = Date.now();
    await until(() => toOwner.some((c) => c.role === 'admin' && c.openFlags === 2), 3_000, 'the lead hearing of a second flag');
    await sleep(Math.max(0, sent + QUIET_MS - Date.now()));
    // The other admin may hear the per-minute push, unchanged and without flags, never the flag.
    for (const heard of toOffice) expect(heard).toEqual(officeBefore);
    expect(officeBefore).not.toHaveProperty('openFlags');
  });

  it('tells the admins of a check-in as the teacher marks the lesson running now, and of its end, and nobody else', async () => {
    // Attendance learns of the lesson from scheduling's events, a moment after the booking.
    for (let tries = 0; (await people['teacher'].get(`/api/v1/attendance/lessons/${runningLesson}`)).status !== 200; tries++) {
      if (tries > 100) throw new Error('attendance never learnt of the lesson');
      await sleep(100);
    }
    const before = (await counters(admin)) as { lessonsInProgress: number; checkedInNow: number };
    const [toOwner, toOffice, toStudent1] = await Promise.all([admin, people['office'], people['student1']].map(listen));
    const marked = await people['teacher'].post(`/api/v1/attendance/lessons/${runningLesson}/marks`, { marks: [{ studentId: idOf(email('student1')), status: 'present' }] });
    expect(marked.status).toBeLessThan(300);
    const sent = Date.now();
    const checkedIn = (heard: DashboardCounters[]) => heard.some((c) => c.role === 'admin' && c.checkedInNow === before.checkedInNow + 1);
    await until(() => checkedIn(toOwner) && checkedIn(toOffice), 3_000, 'both admins hearing the check-in');
    expect(toOwner.at(-1)).toEqual(await counters(admin));

    expect((await people['teacher'].post(`/api/v1/attendance/lessons/${runningLesson}/end`, {})).status).toBeLessThan(300);
    const ended = () => {
      const last = toOwner.at(-1);
      return last?.role === 'admin' && last.lessonsInProgress === before.lessonsInProgress - 1;
    };
    await until(ended, 3_000, 'the lead hearing the lesson ended');
    expect(toOwner.at(-1)).toEqual(expect.objectContaining({ checkedInNow: before.checkedInNow }));
    await sleep(Math.max(0, sent + QUIET_MS - Date.now()));
    // A register is the admins' figure: the student, whose counters did not change, hears nothing.
    expect(toStudent1).toEqual([]);
  });

  it('is pushed to connected admins each minute, so a lesson starting shows as in progress with no event', async () => {
    const before = (await counters(admin)) as { lessonsInProgress: number; freeRoomsNow: number; lessonsToday: number };
    // A lesson from the next whole minute (at least 20 s away), in room C, taught by the second admin.
    const start = minuteFloor(Date.now() + 20_000) + MINUTE;
    await book({ teacherId: idOf(email('office')), studentIds: [idOf(email('student2'))], roomId: rooms[2], start: iso(start), end: iso(start + 15 * MINUTE) });
    const toOwner = await listen(admin);
    await until(() => toOwner.some((c) => c.role === 'admin' && c.lessonsInProgress === before.lessonsInProgress + 1), start - Date.now() + 15_000, 'the per-minute push');
    expect(Date.now()).toBeGreaterThanOrEqual(start);
    expect(toOwner.at(-1)).toEqual(expect.objectContaining({ lessonsToday: before.lessonsToday + 1, lessonsInProgress: before.lessonsInProgress + 1, freeRoomsNow: before.freeRoomsNow - 1 }));
  }, 120_000);
});
