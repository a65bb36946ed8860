import { NOTIFICATION_TYPES } from '@cadenza/shared/contracts';
import { startApiProcess, withClient, type ApiProcess, type CapturedMail } from '@cadenza/server/testing';
import { demo, signedIn, type Client } from './support/client.js';
import { directory } from './support/scheduling.js';
import { sleep, until } from './support/waiting.js';

/**
 * Several notifications to one person within the digest window go as one email: the real api with its jobs in
 * process and no Redis (the sweep alone delivers), a short window, and the SMTP capture.
 */
const WINDOW_SECONDS = 20;
let api: ApiProcess;
let idOf: (email: string) => string;
const as: Record<string, Client> = {};
/** A demo teacher no request of the demo's own names, so the ten requests are the only ones in their window. */
let teacherName = 'teacher1';
const TEACHER = () => demo(teacherName);
const id = (who: string) => idOf(demo(who));

/** The send key a mail carries (headers unfolded first: a long one is folded onto the next line). */
const keyOf = (mail: CapturedMail) => /^X-Cadenza-Delivery:\s*(\S+)/im.exec(mail.raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' '))?.[1] ?? null;
const mailsTo = (address: string) => api.mail.messages.filter((m) => m.to.includes(address));

type Row = { key: string; status: string; reason: string | null; due_at: Date };
const teacherEmails = (since: Date): Promise<Row[]> =>
  withClient(api.db.url, async (db) =>
    (await db.query<Row>(`select key, status, reason, due_at from notification_deliveries where recipient_id = $1 and channel = 'email' and type = 'lesson-request.updated' and created_at >= $2 order by key`, [id(teacherName), since])).rows,
  );
const queuedForTeacher = () =>
  withClient(api.db.url, async (db) => Number((await db.query<{ n: string }>(`select count(*) as n from notification_deliveries where recipient_id = $1 and digest and status = 'queued'`, [id(teacherName)])).rows[0].n));

beforeAll(async () => {
  api = await startApiProcess({ CADENZA_JOBS: 'inline', NOTIFICATIONS_SWEEP_SECONDS: '1', NOTIFICATIONS_LEASE_SECONDS: '5', NOTIFICATIONS_DIGEST_SECONDS: String(WINDOW_SECONDS) });
  const who = ['admin', 'student1', 'student2'];
  const clients = await Promise.all(who.map((w) => signedIn(api.url, demo(w))));
  who.forEach((w, i) => (as[w] = clients[i]));
  idOf = await directory(as['admin']);
  const asked = await withClient(api.db.url, async (db) => new Set((await db.query<{ teacher_id: string }>('select distinct teacher_id from lesson_requests')).rows.map((r) => r.teacher_id)));
  const free = ['teacher1', 'teacher2', 'teacher3', 'teacher4', 'teacher5', 'teacher6'].find((t) => !asked.has(id(t)));
  if (!free) throw new Error('every demo teacher has requests');
  teacherName = free;
}, 240_000);
afterAll(() => api?.stop());

describe('email digests', () => {
  it('ten lesson requests in a row give the teacher one email naming all ten, sent once, with every send logged; the admin, told too, gets them in the feed only, as they chose', async () => {
    // Only requests are mailed to the teacher here: anything else the demo tells them (a missing register's reminder, say)
    // stays in their feed and out of the digest counted below.
    const others = Object.fromEntries(NOTIFICATION_TYPES.filter((t) => t !== 'lesson-request.updated').map((t) => [t, { email: false }]));
    expect((await (await signedIn(api.url, TEACHER())).patch('/api/v1/me/notification-preferences', { channels: others })).status).toBe(200);
    // Whatever the demo's own requests mailed the teacher goes first, in a window of its own (reminders wait for their lessons).
    const quiet = Date.now() + 3 * WINDOW_SECONDS * 1000;
    while ((await queuedForTeacher()) > 0) {
      if (Date.now() > quiet) throw new Error('the teacher’s earlier emails never went');
      await sleep(500);
    }
    await sleep(1_500);
    // The admin is told of new requests too, and has turned their email off (for the rest too: the demo's absence streak
    // alerts them by email, which is not what this counts).
    const allOff = Object.fromEntries(NOTIFICATION_TYPES.map((t) => [t, { email: false }]));
    expect((await as['admin'].patch('/api/v1/me/notification-preferences', { channels: allOff })).status).toBe(200);
    const before = mailsTo(TEACHER()).length;
    const adminMailsBefore = mailsTo(demo('admin')).length;
    const since = new Date(Date.now() - 1_000);

    const year = new Date().getUTCFullYear() + 1;
    for (let i = 0; i < 10; i++) {
      const student = i % 2 === 0 ? 'student1' : 'student2';
      const start = `${year}-05-${String(i + 1).padStart(2, '0')}T15:00:00Z`;
      const reply = await as[student].post('/api/v1/lesson-requests', { kind: 'new_lesson', studentId: id(student), teacherId: id(teacherName), start, end: start.replace('T15', 'T16') });
      expect(reply.status).toBe(201);
    }
    // Handled from the outbox: ten emails planned, each with its entry in the feed; nothing mailed yet, the window is open.
    let rows: Row[] = [];
    for (const deadline = Date.now() + 20_000; rows.length < 10 && Date.now() < deadline; await sleep(250)) rows = await teacherEmails(since);
    const teacher = await signedIn(api.url, TEACHER());
    const feed = await teacher.get('/api/v1/notifications?limit=50');
    expect(feed.body.items.filter((n: { title: string; createdAt: string }) => n.title === 'A new request' && new Date(n.createdAt) >= since)).toHaveLength(10);
    expect(rows).toHaveLength(10);
    expect(new Set(rows.map((r) => new Date(r.due_at).getTime())).size).toBe(1);
    expect(mailsTo(TEACHER()).length).toBe(before);

    await until(() => mailsTo(TEACHER()).length > before, (WINDOW_SECONDS + 30) * 1000, 'the teacher’s digest');
    // A few sweeps later, still the one email.
    await sleep(3_000);
    const mails = mailsTo(TEACHER()).slice(before);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail.subject).toBe('10 new notifications from Cadenza');
    expect(mail.text.match(/^\d+\. A new request$/gm)).toEqual(Array.from({ length: 10 }, (_, i) => `${i + 1}. A new request`));
    expect(mail.text.match(/^ {3}A new lesson request is waiting for your decision\.$/gm)).toHaveLength(10);
    expect(mail.text.match(/^ {3}\S+\/console\/requests$/gm)).toHaveLength(10);
    const key = keyOf(mail);
    expect(key).toBe(`digest:${rows[0].key}`);

    rows = await teacherEmails(since);
    expect(rows.map((r) => r.status)).toEqual(Array(10).fill('sent'));
    expect(rows.map((r) => r.reason)).toEqual(Array(10).fill(`sent in one email of 10 notifications (${key})`));
    // The admin has the ten in the feed, and no email: theirs were skipped as their preferences say.
    const adminFeed = await as['admin'].get('/api/v1/notifications?limit=50');
    // (The demo's own requests, made at start, may be handled in the same moment: at least the ten.)
    expect(adminFeed.body.items.filter((n: { body: string; createdAt: string }) => n.body === 'A new lesson request is waiting for a decision by its teacher or an admin.' && new Date(n.createdAt) >= since).length).toBeGreaterThanOrEqual(10);
    const adminRows = await withClient(api.db.url, async (db) =>
      (await db.query<{ status: string; reason: string }>(`select status, reason from notification_deliveries where recipient_id = $1 and channel = 'email' and type = 'lesson-request.updated' and created_at >= $2`, [id('admin'), since])).rows,
    );
    expect(adminRows.length).toBeGreaterThanOrEqual(10);
    expect(adminRows).toEqual(Array(adminRows.length).fill({ status: 'skipped', reason: 'email is off for this type in the preferences' }));
    expect(mailsTo(demo('admin')).length).toBe(adminMailsBefore);
    // The delivery log shows them to the school's admins.
    const log = await as['admin'].get(`/api/v1/notifications/deliveries?recipientId=${id(teacherName)}&status=sent&limit=100`);
    expect(log.body.filter((d: { key: string }) => rows.some((r) => r.key === d.key))).toHaveLength(10);
  }, 180_000);
});
