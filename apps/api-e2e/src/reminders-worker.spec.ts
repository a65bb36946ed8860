import { Redis } from 'ioredis';
import { startApiProcess, startWorkerProcess, withClient, type ApiProcess, type WorkerProcess } from '@cadenza/server/testing';
import { demo, signedIn, type Client } from './support/client.js';
import { HoldingSmtp } from './support/holding-smtp.js';
import { directory, plus, writeClearingTheWay } from './support/scheduling.js';

/**
 * Reminders exactly once across crashes, in the production shape: the api (CADENZA_JOBS=off) and a
 * separate worker process, real PostgreSQL, real Redis (Bull under a prefix of this run's own), SMTP to a
 * capture that injects the fault where it matters (`HoldingSmtp`): it holds its answer to the end of a
 * message's DATA, which it has received, and stops other sends at RCPT TO, until the worker is killed
 * with SIGKILL. So each crash lands with a message on the server whose 250 the worker never saw (a worker
 * that sends and then marks the row sent would send it again after the lease) and with sends claimed
 * but never begun (which a worker must take over once the lease ends). The crash is repeated; every
 * reminder must then have arrived exactly once, counted by its send key, by email and in the feed.
 */
const REDIS_URL = 'redis://127.0.0.1:6379';
const prefix = `cadenza-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
const LEASE_SECONDS = 4;
const CRASHES = 3;

let api: ApiProcess;
let smtp: HoldingSmtp;
let admin: Client;
let idOf: (email: string) => string;
let worker: WorkerProcess | null = null;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const startWorker = () =>
  startWorkerProcess(api, { REDIS_URL, REDIS_KEY_PREFIX: prefix, SMTP_URL: smtp.url, NOTIFICATIONS_SWEEP_SECONDS: '2', NOTIFICATIONS_LEASE_SECONDS: String(LEASE_SECONDS), LOG_LEVEL: 'warn' });

async function until(what: string, probe: () => Promise<boolean> | boolean, timeoutMs: number, describe: () => unknown = () => ''): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(describe())}`);
    await sleep(50);
  }
}

interface Row {
  key: string;
  lesson_id: string;
  channel: string;
  status: string;
  attempts: number;
  lease_until: Date | null;
  sent_at: Date | null;
}

beforeAll(async () => {
  smtp = await new HoldingSmtp().start();
  api = await startApiProcess({ REDIS_URL, REDIS_KEY_PREFIX: prefix, CADENZA_JOBS: 'off' });
  admin = await signedIn(api.url, demo('admin'));
  idOf = await directory(admin);
});

afterAll(async () => {
  await worker?.stop();
  await api?.stop();
  await smtp?.stop();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

it('sends every reminder exactly once though the worker is killed again and again with messages on the server unanswered and sends claimed', async () => {
  let workerStartedAt = new Date();
  worker = await startWorker();
  // Group lessons whose 30-minute reminders fall due together a few seconds from now: each of the six
  // teachers with three students (minors bring their guardians), so many sends run at once.
  const due = Date.now() + 8_000;
  const lessons: string[] = [];
  for (let t = 1; t <= 6; t++) {
    const start = new Date(due + 30 * 60_000 + (t % 3) * 300).toISOString();
    const studentIds = [0, 1, 2].map((s) => idOf(demo(`student${(t - 1) * 3 + s + 1}`)));
    const reply = await writeClearingTheWay(admin, () =>
      admin.post('/api/v1/lessons', { teacherId: idOf(demo(`teacher${t}`)), studentIds, start, end: plus(start, 30), override: { reason: 'Reminder burst' } }),
    );
    expect(reply.status).toBe(201);
    lessons.push(reply.body.id);
  }

  const planned = () =>
    withClient(api.db.url, async (db) => (await db.query<Row>(`select key, lesson_id, channel, status, attempts, lease_until, sent_at from notification_deliveries where lesson_id = any($1::uuid[]) and offset_minutes = 30`, [lessons])).rows);
  // The worker plans the rows from the outbox (each lesson's at once); these are the keys that must arrive.
  await until('the reminders to be planned', async () => new Set((await planned()).map((r) => r.lesson_id)).size === lessons.length, 30_000);
  const rows = await planned();
  const emailKeys = rows.filter((r) => r.channel === 'email').map((r) => r.key);
  const inAppKeys = rows.filter((r) => r.channel === 'in_app').map((r) => r.key);
  expect(rows.every((r) => r.status === 'queued')).toBe(true);
  expect(emailKeys.length).toBeGreaterThanOrEqual(lessons.length * 4);

  /** Per crash: the messages the server had unanswered, and the sends claimed but not made, with their leases. */
  const crashes: { unanswered: string[]; interrupted: Map<string, Date> }[] = [];
  for (let crash = 1; crash <= CRASHES; crash++) {
    smtp.arm();
    // A message has reached the server unanswered, and another send has been claimed and stopped before its message.
    await until(`crash ${crash}: a message held at its end and a send held at RCPT TO`, () => smtp.held().ends.length >= 1 && smtp.held().atRecipient >= 1, 90_000, () => ({
      held: smtp.held(),
      worker: worker?.output().slice(-2000),
    }));
    const unanswered = smtp.held().ends;
    await worker.kill('SIGKILL');
    smtp.disarm();
    // The dead worker's sends that were claimed and not recorded as sent: a queued row leased since that worker
    // started. The lease may have run out before the kill on a busy machine, so it is not compared with the kill.
    const interrupted = new Map(
      (await planned()).filter((r) => r.channel === 'email' && r.status === 'queued' && r.lease_until && r.lease_until > workerStartedAt).map((r) => [r.key, r.lease_until as Date]),
    );
    crashes.push({ unanswered, interrupted });
    workerStartedAt = new Date();
    worker = await startWorker();
  }

  // The last worker runs undisturbed: every row is recorded sent, and every session has ended.
  let rowsNow: Row[] = [];
  await until(
    'every reminder to be sent',
    async () => {
      rowsNow = await planned();
      return rowsNow.every((r) => r.status === 'sent') && smtp.openSessions === 0;
    },
    90_000,
    () => ({ queued: rowsNow.filter((r) => r.status !== 'sent'), open: smtp.openSessions, worker: worker?.output().slice(-2000) }),
  );

  // Exactly once per key, the messages the server held unanswered at each crash included.
  const counts = Object.fromEntries(emailKeys.map((key) => [key, smtp.countOf(key)]));
  expect(Object.entries(counts).filter(([, n]) => n !== 1)).toEqual([]);
  const unanswered = crashes.flatMap((c) => c.unanswered);
  expect(unanswered.length).toBeGreaterThanOrEqual(CRASHES);
  expect(unanswered.map((key) => smtp.countOf(key))).toEqual(unanswered.map(() => 1));

  // The crashes interrupted claimed sends, and each was taken over once its lease had run out: claimed again, sent once.
  // A crash can land while the sends in flight are other mail (the lessons' own notifications), so the reminders'
  // takeovers are counted over all the crashes: at least one, and every one after its lease, once.
  const byKey = new Map(rowsNow.map((r) => [r.key, r]));
  expect(crashes.reduce((n, c) => n + c.interrupted.size, 0)).toBeGreaterThanOrEqual(1);
  for (const { interrupted } of crashes) {
    for (const [key, leaseUntil] of interrupted) {
      const row = byKey.get(key) as Row;
      expect({ key, attempts: row.attempts >= 2, afterLease: (row.sent_at as Date).getTime() >= leaseUntil.getTime(), count: smtp.countOf(key) }).toEqual({ key, attempts: true, afterLease: true, count: 1 });
    }
  }

  const state = await withClient(api.db.url, async (db) => ({
    statuses: (await db.query<{ status: string; n: string }>(`select status, count(*) as n from notification_deliveries where key = any($1::text[]) group by status`, [[...emailKeys, ...inAppKeys]])).rows,
    feed: (await db.query<{ source_key: string; n: string }>(`select source_key, count(*) as n from notifications where source_key = any($1::text[]) group by source_key`, [inAppKeys.map((k) => k.replace(/:in_app$/, ''))])).rows,
  }));
  expect(state.statuses.map((s) => [s.status, Number(s.n)])).toEqual([['sent', emailKeys.length + inAppKeys.length]]);
  expect(state.feed).toHaveLength(inAppKeys.length);
  expect(state.feed.every((f) => Number(f.n) === 1)).toBe(true);
}, 420_000);
