import { Redis } from 'ioredis';
import { startApiProcess, startWorkerProcess, withClient, type ApiProcess, type CapturedMail, type WorkerProcess } from '@cadenza/server/testing';
import { demo, signedIn, type Client } from './support/client.js';
import { directory, plus, writeClearingTheWay } from './support/scheduling.js';

/**
 * Reminders exactly once across a crash, in the production shape: the api (CADENZA_JOBS=off)
 * and a separate worker process, real PostgreSQL, real Redis (Bull under a prefix of this run's
 * own), SMTP to the capture. A burst of reminders falls due within seconds; the worker is
 * killed with SIGKILL as the first of them arrive, and started again. Every reminder must
 * arrive exactly once, by email and in the feed — counted by its send key — and none be lost.
 */
const REDIS_URL = 'redis://127.0.0.1:6379';
const prefix = `cadenza-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
const workerEnv = { REDIS_URL, REDIS_KEY_PREFIX: prefix, NOTIFICATIONS_SWEEP_SECONDS: '2', NOTIFICATIONS_LEASE_SECONDS: '4', LOG_LEVEL: 'warn' };

let api: ApiProcess;
let admin: Client;
let idOf: (email: string) => string;
let worker: WorkerProcess | null = null;

/** The send key a mail carries (headers unfolded first). */
const keyOf = (mail: CapturedMail) => /^X-Cadenza-Delivery:\s*(\S+)/im.exec(mail.raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' '))?.[1] ?? null;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, probe: () => Promise<boolean> | boolean, timeoutMs: number, describe: () => unknown = () => ''): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(describe())}`);
    await sleep(100);
  }
}

beforeAll(async () => {
  api = await startApiProcess({ REDIS_URL, REDIS_KEY_PREFIX: prefix, CADENZA_JOBS: 'off' });
  admin = await signedIn(api.url, demo('admin'));
  idOf = await directory(admin);
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  await api?.stop();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

it('sends every reminder of a burst exactly once though the worker is killed in the middle of it', async () => {
  worker = await startWorkerProcess(api, workerEnv);
  // Two waves of group lessons whose 30-minute reminders fall due a few seconds from now:
  // each of the six teachers with three students (minors bring their guardians).
  const firstDue = Date.now() + 8_000;
  const lessons: string[] = [];
  for (let t = 1; t <= 6; t++) {
    const wave = t <= 3 ? 0 : 6_000;
    const start = new Date(firstDue + wave + 30 * 60_000 + (t % 3) * 300).toISOString();
    const studentIds = [0, 1, 2].map((s) => idOf(demo(`student${(t - 1) * 3 + s + 1}`)));
    const reply = await writeClearingTheWay(admin, () =>
      admin.post('/api/v1/lessons', { teacherId: idOf(demo(`teacher${t}`)), studentIds, start, end: plus(start, 30), override: { reason: 'Reminder burst' } }),
    );
    expect(reply.status).toBe(201);
    lessons.push(reply.body.id);
  }

  // The worker plans the rows from the outbox (each lesson's at once); these are the keys that must arrive.
  const planned = async () =>
    withClient(api.db.url, async (db) => (await db.query<{ key: string; lesson_id: string; channel: string; status: string }>(`select key, lesson_id, channel, status, attempts, reason, sent_at from notification_deliveries where lesson_id = any($1::uuid[]) and offset_minutes = 30`, [lessons])).rows);
  await until('the reminders to be planned', async () => new Set((await planned()).map((r) => r.lesson_id)).size === lessons.length, 15_000);
  const rows = await planned();
  const emailKeys = rows.filter((r) => r.channel === 'email').map((r) => r.key);
  const inAppKeys = rows.filter((r) => r.channel === 'in_app').map((r) => r.key);
  expect(rows.every((r) => r.status === 'queued')).toBe(true);
  expect(emailKeys.length).toBeGreaterThanOrEqual(lessons.length * 4);

  const received = () => api.mail.messages.map(keyOf).filter((k): k is string => !!k && emailKeys.includes(k));

  // The first reminders arrive: kill the worker outright, with the rest of the wave in flight.
  await until('the first reminder email', () => received().length >= 1, 20_000, () => worker?.output());
  await worker.kill('SIGKILL');
  const atKill = new Set(received()).size;
  expect(atKill).toBeLessThan(emailKeys.length);
  await sleep(1_000);
  worker = await startWorkerProcess(api, workerEnv);

  let rowsNow: unknown = null;
  await until(
    'every reminder email',
    async () => {
      rowsNow = (await planned()).filter((r) => r.channel === 'email' && !received().includes(r.key));
      return new Set(received()).size === emailKeys.length;
    },
    45_000,
    () => ({ missing: rowsNow, atKill, worker: worker?.output().slice(-2000) }),
  );
  // Long enough for any stale claim to expire and the sweep to pass again: still nothing twice.
  await sleep(7_000);
  const counts = new Map<string, number>();
  for (const key of received()) counts.set(key, (counts.get(key) ?? 0) + 1);
  expect([...counts.entries()].filter(([, n]) => n !== 1)).toEqual([]);
  expect(counts.size).toBe(emailKeys.length);

  const state = await withClient(api.db.url, async (db) => ({
    statuses: (await db.query<{ status: string; n: string }>(`select status, count(*) as n from notification_deliveries where key = any($1::text[]) group by status`, [[...emailKeys, ...inAppKeys]])).rows,
    feed: (await db.query<{ source_key: string; n: string }>(`select source_key, count(*) as n from notifications where source_key = any($1::text[]) group by source_key`, [inAppKeys.map((k) => k.replace(/:in_app$/, ''))])).rows,
  }));
  expect(state.statuses.map((s) => [s.status, Number(s.n)])).toEqual([['sent', emailKeys.length + inAppKeys.length]]);
  expect(state.feed).toHaveLength(inAppKeys.length);
  expect(state.feed.every((f) => Number(f.n) === 1)).toBe(true);
}, 120_000);
