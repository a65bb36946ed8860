import { io, type Socket } from 'socket.io-client';
import { REALTIME_PATH, type ClientToServerEvents, type NotificationCreatedEvent, type ServerToClientEvents } from '@cadenza/shared/contracts';
import { startApiProcess, withClient, type ApiProcess, type CapturedMail } from '@cadenza/server/testing';
import { demo, signedIn, type Client } from './support/client.js';
import { createSchool, directory, expectProblem, fieldsOf, plus, writeClearingTheWay, type OtherSchool } from './support/scheduling.js';

/**
 * Notifications and reminders over the real api in its single-process shape: jobs in process
 * (CADENZA_JOBS=inline) and no Redis, so the sweep alone delivers, as in the embedded default.
 * Mail goes to the capture, which refuses teacher4's address (a mailbox that does not exist).
 * In the demo school the admin is the safeguarding lead, student3 is a minor and parent2 their guardian.
 */
let api: ApiProcess;
let idOf: (email: string) => string;
const as: Record<string, Client> = {};
let harbour: OtherSchool;
const id = (who: string) => idOf(demo(who));
const REFUSED = demo('teacher4');

/** The send key a mail carries (headers unfolded first: a long one is folded onto the next line). */
const keyOf = (mail: CapturedMail) => /^X-Cadenza-Delivery:\s*(\S+)/im.exec(mail.raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' '))?.[1] ?? null;
const mailsWith = (key: string) => api.mail.messages.filter((m) => keyOf(m) === key);

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 20_000, describe: () => Promise<unknown> = async () => ''): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(await describe())}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function deliveryRows(where: string, params: unknown[]): Promise<{ key: string; status: string; reason: string | null; due_at: Date; channel: string }[]> {
  return withClient(api.db.url, async (db) => (await db.query(`select key, status, reason, due_at, channel from notification_deliveries where ${where} order by key`, params)).rows);
}

/** Books a lesson as the admin: with the first of the teachers free then, or else with the first one, once its way is cleared. */
async function book(start: string, studentIds: string[], teachers = ['teacher6', 'teacher5', 'teacher3', 'teacher2']): Promise<{ id: string; teacherId: string }> {
  const send = (teacher: string) => as['admin'].post('/api/v1/lessons', { teacherId: id(teacher), studentIds, start, end: plus(start, 30), override: { reason: 'Notifications test' } });
  for (const teacher of teachers) {
    const reply = await send(teacher);
    if (reply.status === 201) return { id: reply.body.id, teacherId: id(teacher) };
  }
  const reply = await writeClearingTheWay(as['admin'], () => send(teachers[0]));
  if (reply.status !== 201) throw new Error(`could not book at ${start}: ${reply.status} ${JSON.stringify(reply.body)}`);
  return { id: reply.body.id, teacherId: id(teachers[0]) };
}

beforeAll(async () => {
  api = await startApiProcess(
    { CADENZA_JOBS: 'inline', NOTIFICATIONS_SWEEP_SECONDS: '1', NOTIFICATIONS_LEASE_SECONDS: '5' },
    { rejectRecipient: (address) => address === REFUSED },
  );
  const who = ['admin', 'teacher1', 'teacher4', 'student1', 'student3', 'parent1', 'parent2'];
  const clients = await Promise.all(who.map((w) => signedIn(api.url, demo(w))));
  who.forEach((w, i) => (as[w] = clients[i]));
  idOf = await directory(as['admin']);
  harbour = await createSchool(api, 'harbour-notify', 'Harbour Music', 'America/New_York');
}, 240_000);
afterAll(() => api?.stop());

describe('reminders without Redis (the sweep alone)', () => {
  it('delivers each reminder once, in-app and by email, to the teacher, the minor and their guardian', async () => {
    const start = new Date(Date.now() + 30 * 60_000 + 4_000).toISOString();
    const lesson = await book(start, [id('student3')]);
    const people = [lesson.teacherId, id('student3'), id('parent2')];
    const keys = people.map((p) => `reminder:${lesson.id}:${p}:30:email`);
    await until('the reminder emails', async () => keys.every((k) => mailsWith(k).length > 0), 20_000, async () => ({
      rows: await deliveryRows('lesson_id = $1', [lesson.id]),
      mails: api.mail.messages.map(keyOf),
      keys,
    }));
    const feed = await until('the minor’s in-app reminder', async () => {
      const page = await as['student3'].get('/api/v1/notifications');
      return page.body.items.find((n: { type: string; link: string }) => n.type === 'lesson.reminder' && n.link === `/lessons/${lesson.id}`);
    });
    expect(feed).toMatchObject({ title: 'Lesson in 30 minutes', readAt: null });
    // A few sweeps later, still exactly one of each.
    await new Promise((r) => setTimeout(r, 2_500));
    for (const key of keys) expect(mailsWith(key)).toHaveLength(1);
    const rows = await deliveryRows('lesson_id = $1 and offset_minutes = 30', [lesson.id]);
    expect(rows.map((r) => `${r.channel} ${r.status}`).sort()).toEqual([...people.map(() => 'email sent'), ...people.map(() => 'in_app sent')]);
    const mail = mailsWith(keys[1])[0];
    expect(mail.raw).toMatch(/Message-ID:\s*<[0-9a-f]{40}@notifications\.cadenza>/i);
    expect(mail.raw).toMatch(/text\/html/);
    // The teacher's link opens the staff console; the family's, the portal (both apps answer /lessons/:id).
    // (Quoted-printable soft line breaks removed before looking.)
    const body = (raw: string) => raw.replace(/=\r?\n/g, '');
    expect(body(mailsWith(keys[0])[0].raw)).toContain(`/console/lessons/${lesson.id}`);
    expect(body(mail.raw)).toContain(`/lessons/${lesson.id}`);
    expect(body(mail.raw)).not.toContain('/console/');
  }, 60_000);
});

describe('reminders follow their lesson', () => {
  it('moves the unsent reminders when the lesson moves, and skips them when it is cancelled', async () => {
    const start = new Date(Date.now() + 3 * 3_600_000).toISOString().replace(/:\d\d\.\d+Z$/, ':00.000Z');
    const lesson = await book(start, [id('student1')]);
    const key = `reminder:${lesson.id}:${id('student1')}:60:email`;
    const planned = await until('the planned reminder', async () => (await deliveryRows('key = $1', [key]))[0]);
    expect(planned.status).toBe('queued');
    expect(new Date(planned.due_at).toISOString()).toBe(plus(start, -60));

    const later = plus(start, 120);
    expect((await writeClearingTheWay(as['admin'], () => as['admin'].post(`/api/v1/lessons/${lesson.id}/move`, { start: later, end: plus(later, 30), override: { reason: 'Notifications test' } }))).status).toBe(200);
    await until('the reminder to move', async () => new Date((await deliveryRows('key = $1', [key]))[0].due_at).toISOString() === plus(later, -60));
    const moved = await until('the lesson-changed notification', async () => (await as['student1'].get('/api/v1/notifications')).body.items.find((n: { type: string; title: string }) => n.type === 'lesson.changed' && n.title === 'Lesson moved'));
    expect(moved.link).toBe(`/lessons/${lesson.id}`);

    expect((await as['admin'].post(`/api/v1/lessons/${lesson.id}/cancel`, { reason: 'Teacher unwell' })).status).toBe(200);
    await until('the reminders to be skipped', async () => {
      const rows = await deliveryRows('lesson_id = $1', [lesson.id]);
      return rows.length > 0 && rows.every((r) => r.status === 'skipped' && r.reason === 'lesson cancelled');
    });
  }, 60_000);
});

describe('quiet hours and channels', () => {
  it('holds email while quiet hours last, and writes the in-app notification at once', async () => {
    // Quiet hours from an hour ago to an hour from now, in the parent's own zone.
    const zone = 'Asia/Tokyo';
    const hhmm = (offsetMs: number) => new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(Date.now() + offsetMs));
    // Read the clock once: the request and what it must answer are the same minutes, even when a minute turns between them.
    const quietHours = { start: hhmm(-3_600_000), end: hhmm(3_600_000) };
    const set = await as['parent2'].patch('/api/v1/me/notification-preferences', { timeZone: zone, quietHours });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ timeZone: zone, quietHours, schoolReminderOffsets: [1440, 60, 30] });

    const start = new Date(Date.now() + 26 * 3_600_000).toISOString().replace(/:\d\d\.\d+Z$/, ':00.000Z');
    const lesson = await book(start, [id('student3')]);
    expect((await as['admin'].post(`/api/v1/lessons/${lesson.id}/cancel`, { reason: 'Hall closed' })).status).toBe(200);
    const note = await until('the in-app notification', async () => (await as['parent2'].get('/api/v1/notifications')).body.items.find((n: { type: string; link: string }) => n.type === 'lesson.changed' && n.link === `/lessons/${lesson.id}`));
    expect(note.title).toBe('Lesson cancelled');
    const [held] = await deliveryRows(`recipient_id = $1 and channel = 'email' and type = 'lesson.changed' and status = 'queued' and feed->>'link' = $2`, [id('parent2'), `/lessons/${lesson.id}`]);
    expect(held.reason).toBe('held until quiet hours end');
    const release = new Date(held.due_at).getTime();
    expect(release).toBeGreaterThan(Date.now() + 55 * 60_000);
    expect(release).toBeLessThanOrEqual(Date.now() + 61 * 60_000);
    // The student (no quiet hours) has had the email by now; the parent has not. Only this lesson's mail counts: the
    // cancellation in the test before also mails the parent, and on a busy machine that mail can arrive during this one.
    const aboutIt = (m: CapturedMail) => m.subject === 'Lesson cancelled' && m.raw.replace(/=\r?\n/g, '').includes(`/lessons/${lesson.id}`);
    await until('the student’s email', async () => api.mail.messages.some((m) => m.to.includes(demo('student3')) && aboutIt(m)));
    expect(api.mail.messages.some((m) => m.to.includes(demo('parent2')) && aboutIt(m))).toBe(false);
  }, 60_000);

  it('falls back to in-app when the server refuses the address, and logs it', async () => {
    const start = new Date(Date.now() + 30 * 3_600_000).toISOString().replace(/:\d\d\.\d+Z$/, ':00.000Z');
    const lesson = await book(start, [id('student1')], ['teacher4']);
    expect((await as['admin'].post(`/api/v1/lessons/${lesson.id}/cancel`, { reason: 'Organ tuning' })).status).toBe(200);
    const failed = await until(
      'the failed email',
      async () => (await deliveryRows(`recipient_id = $1 and type = 'lesson.changed' and channel = 'email' and status = 'failed' and feed->>'link' = $2`, [id('teacher4'), `/lessons/${lesson.id}`]))[0],
    );
    expect(failed.reason).toMatch(/550/);
    const [fallback] = await deliveryRows('key = $1', [`${failed.key}:fallback`]);
    expect(fallback).toMatchObject({ channel: 'in_app', status: 'sent' });
    expect(fallback.reason).toMatch(/^fallback after email failed/);
    const mine = await as['teacher4'].get('/api/v1/notifications');
    expect(mine.body.items.filter((n: { link: string; type: string }) => n.link === `/lessons/${lesson.id}` && n.type === 'lesson.changed')).toHaveLength(1);
    // The admin sees it in the delivery log.
    const log = await as['admin'].get(`/api/v1/notifications/deliveries?recipientId=${id('teacher4')}&status=failed`);
    expect(log.status).toBe(200);
    expect(log.body.map((e: { key: string }) => e.key)).toContain(failed.key);
  }, 60_000);
});

describe('live', () => {
  it('pushes notification.created.v1 to the person’s socket only, with their unread count', async () => {
    const connect = async (who: string) => {
      const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(api.url, { path: REALTIME_PATH, transports: ['websocket'], reconnection: false, forceNew: true, auth: { token: as[who].token } });
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      return socket;
    };
    const [student, other] = await Promise.all([connect('student1'), connect('parent1')]);
    try {
      const heard: Record<string, NotificationCreatedEvent[]> = { student: [], other: [] };
      student.on('notification.created.v1', (e) => heard['student'].push(e));
      other.on('notification.created.v1', (e) => heard['other'].push(e));
      const start = new Date(Date.now() + 28 * 3_600_000).toISOString().replace(/:\d\d\.\d+Z$/, ':00.000Z');
      const lesson = await book(start, [id('student1')]);
      expect((await as['admin'].post(`/api/v1/lessons/${lesson.id}/cancel`, { reason: 'Storm' })).status).toBe(200);
      await until('the push', async () => heard['student'].some((e) => e.type === 'lesson.changed'));
      const pushed = heard['student'].find((e) => e.type === 'lesson.changed') as NotificationCreatedEvent;
      const feed = (await as['student1'].get('/api/v1/notifications')).body;
      expect(feed.items.map((n: { id: string }) => n.id)).toContain(pushed.notificationId);
      expect(pushed.unreadCount).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, 500));
      expect(heard['other'].map((e) => e.notificationId)).not.toContain(pushed.notificationId);
    } finally {
      student.disconnect();
      other.disconnect();
    }
  }, 120_000);
});

describe('who may see what', () => {
  it('keeps the delivery log to the school’s admins', async () => {
    for (const who of ['teacher1', 'student1', 'parent1']) expectProblem(await as[who].get('/api/v1/notifications/deliveries'), 403);
    const mine = await as['admin'].get('/api/v1/notifications/deliveries?limit=500');
    expect(mine.status).toBe(200);
    expect(mine.body.length).toBeGreaterThan(0);
    const theirs = await harbour.admin.get('/api/v1/notifications/deliveries?limit=500');
    expect(theirs.status).toBe(200);
    const ours = new Set(mine.body.map((e: { id: string }) => e.id));
    expect(theirs.body.filter((e: { id: string }) => ours.has(e.id))).toEqual([]);
  });

  it('pages the delivery log with the last entry’s time and key, and refuses half a cursor', async () => {
    // Sent entries never change again (reminders still being sent meanwhile only add newer ones).
    type Entry = { id: string; key: string; updatedAt: string };
    const order = (e: Entry) => `${e.updatedAt} ${e.key}`;
    const whole = (await as['admin'].get('/api/v1/notifications/deliveries?status=sent&limit=500')).body as Entry[];
    expect(whole.length).toBeGreaterThanOrEqual(6);
    const paged: Entry[] = [];
    let query = 'status=sent&limit=2';
    for (let i = 0; i < 3; i++) {
      const page = await as['admin'].get(`/api/v1/notifications/deliveries?${query}`);
      expect(page.status).toBe(200);
      paged.push(...page.body);
      const last = page.body[page.body.length - 1];
      query = `status=sent&limit=2&before=${encodeURIComponent(last.updatedAt)}&beforeKey=${encodeURIComponent(last.key)}`;
    }
    expect(new Set(paged.map((e) => e.id)).size).toBe(6);
    expect(paged.map(order)).toEqual(paged.map(order).sort().reverse());
    // Nothing of the earlier read is skipped between the first and the last paged entry.
    const [newest, oldest] = [order(paged[0]), order(paged[5])];
    const known = new Set(whole.map((e) => e.id));
    expect(paged.filter((e) => known.has(e.id)).map((e) => e.id)).toEqual(whole.filter((e) => order(e) <= newest && order(e) >= oldest).map((e) => e.id));
    const half = await as['admin'].get(`/api/v1/notifications/deliveries?before=${encodeURIComponent(whole[0].updatedAt)}`);
    expectProblem(half, 400);
    expect(fieldsOf(half)).toEqual(['beforeKey']);
    expect(fieldsOf(await as['admin'].get('/api/v1/notifications/deliveries?before=yesterday&beforeKey=x'))).toContain('before');
  });

  it('answers 404 for someone else’s notification and marks nothing', async () => {
    const others = (await as['parent2'].get('/api/v1/notifications')).body;
    expect(others.items.length).toBeGreaterThan(0);
    const reply = await as['parent1'].post('/api/v1/notifications/read', { ids: [others.items[0].id] });
    expectProblem(reply, 404, 'NOTIFICATIONS.NOT_FOUND');
    expect((await as['parent2'].get('/api/v1/notifications')).body.unreadCount).toBe(others.unreadCount);
    const fromAnotherSchool = await harbour.admin.post('/api/v1/notifications/read', { ids: [others.items[0].id] });
    expectProblem(fromAnotherSchool, 404, 'NOTIFICATIONS.NOT_FOUND');
    // One's own: marked, and the unread count follows.
    const own = await as['parent2'].post('/api/v1/notifications/read', { ids: [others.items[0].id] });
    expect(own.status).toBe(200);
    expect(own.body).toEqual({ marked: others.items[0].readAt ? 0 : 1 });
    expect((await as['parent2'].get('/api/v1/notifications/unread-count')).body.unreadCount).toBe(others.unreadCount - (others.items[0].readAt ? 0 : 1));
  });

  it('refuses bad preferences with a 400 naming the field, changing nothing', async () => {
    const before = (await as['student1'].get('/api/v1/me/notification-preferences')).body;
    const cases: [unknown, string][] = [
      [{ quietHours: { start: '25:00', end: '07:00' } }, 'quietHours.start'],
      [{ reminderOffsets: [60, 1] }, 'reminderOffsets.1'],
      [{ channels: { 'lesson.reminder': { email: 'yes' } } }, 'channels.lesson.reminder.email'],
      [{ timeZone: 'Mars/Olympus', reminderOffsets: [90] }, 'timeZone'],
      [{ quietHours: { start: '22:00', end: '22:00' } }, 'quietHours.end'],
      [{ colour: 'blue' }, ''],
    ];
    for (const [body, field] of cases) {
      const reply = await as['student1'].patch('/api/v1/me/notification-preferences', body);
      expectProblem(reply, 400);
      if (field) expect(fieldsOf(reply)).toContain(field);
    }
    expect((await as['student1'].get('/api/v1/me/notification-preferences')).body).toEqual(before);
    expect(before).toMatchObject({ channels: { 'lesson.reminder': { email: true }, 'message.received': { email: false } }, quietHours: null, reminderOffsets: null });
  });

  it('lets only the school’s admins set its default reminder offsets, per school', async () => {
    expect((await as['admin'].get('/api/v1/notifications/settings')).body).toEqual({ reminderOffsets: [1440, 60, 30] });
    for (const who of ['teacher1', 'student1', 'parent1']) {
      expectProblem(await as[who].get('/api/v1/notifications/settings'), 403);
      expectProblem(await as[who].patch('/api/v1/notifications/settings', { reminderOffsets: [15] }), 403);
    }
    const bad = await as['admin'].patch('/api/v1/notifications/settings', { reminderOffsets: [2, 60] });
    expectProblem(bad, 400);
    expect(fieldsOf(bad)).toContain('reminderOffsets.0');
    expectProblem(await as['admin'].patch('/api/v1/notifications/settings', { reminderOffsets: [] }), 400);
    expect((await as['admin'].get('/api/v1/notifications/settings')).body).toEqual({ reminderOffsets: [1440, 60, 30] });

    const set = await as['admin'].patch('/api/v1/notifications/settings', { reminderOffsets: [15, 120] });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ reminderOffsets: [120, 15] });
    expect((await as['student1'].get('/api/v1/me/notification-preferences')).body.schoolReminderOffsets).toEqual([120, 15]);
    // Another school keeps its own.
    expect((await harbour.admin.get('/api/v1/notifications/settings')).body).toEqual({ reminderOffsets: [1440, 60, 30] });
    expect((await as['admin'].patch('/api/v1/notifications/settings', { reminderOffsets: [1440, 60, 30] })).status).toBe(200);
  });
});
