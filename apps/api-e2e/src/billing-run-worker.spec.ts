import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { startApiProcess, startWorkerProcess, withClient, type ApiProcess, type WorkerProcess } from '@cadenza/server/testing';
import { demo, signedIn, type Client } from './support/client.js';

/**
 * A billing run in the production shape, killed half-way: the api (CADENZA_JOBS=off) starts the run, a separate
 * worker bills its batches as Bull jobs (real Redis, a prefix of this run's own), and is killed with SIGKILL once
 * some batches are billed and others are not; a new worker takes the stalled job and the rest. Every account must be
 * invoiced exactly once for the month, numbered on from the school's earlier invoices without gap or repeat (counted
 * in SQL), and starting the run again creates nothing.
 */
const REDIS_URL = 'redis://127.0.0.1:6379';
const prefix = `cadenza-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
const ACCOUNTS = 3_000;
const MONTH = '2030-01';

let api: ApiProcess;
let admin: Client;
let schoolId: string;
let worker: WorkerProcess | null = null;
/** What the school held before the run: the demo school opens with last month's invoices of two families. */
let base: Record<'invoices' | 'accounts' | 'lines' | 'counter', number>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const startWorker = () => startWorkerProcess(api, { REDIS_URL, REDIS_KEY_PREFIX: prefix, LOG_LEVEL: 'warn' });
const query = <T extends object>(sql: string, params: unknown[] = []) => withClient(api.db.url, async (db) => (await db.query<T & import('pg').QueryResultRow>(sql, params)).rows);

async function until(what: string, probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(50);
  }
}

const batchesLeft = async () => (await query<{ left: number }>(`select count(*)::int as left from billing_run_batches where school_id = $1 and done_at is null`, [schoolId]))[0]!.left;
const batchesDone = async () => (await query<{ done: number }>(`select count(*)::int as done from billing_run_batches where school_id = $1 and done_at is not null`, [schoolId]))[0]!.done;

beforeAll(async () => {
  api = await startApiProcess({ REDIS_URL, REDIS_KEY_PREFIX: prefix, CADENZA_JOBS: 'off' });
  admin = await signedIn(api.url, demo('admin'));
  schoolId = (await admin.get('/api/v1/me')).body.school.id as string;
  // Accounts of adult students paying for themselves, each with two lessons in the month, written in SQL: the run
  // bills what billing holds, whoever wrote it.
  const [type] = (await admin.get('/api/v1/lesson-types')).body as { id: string }[];
  expect((await admin.post('/api/v1/billing/rates', { lessonTypeId: type!.id, durationMinutes: 30, price: { minor: 2600, currency: 'GBP' } })).status).toBe(201);
  await withClient(api.db.url, async (db) => {
    await db.query(
      `with students as (select gen_random_uuid() as student, gen_random_uuid() as account, n from generate_series(1, $2::int) as n),
            accounts as (insert into billing_accounts (id, school_id, own_student_id, payer_id, student_ids) select account, $1, student, student, array[student] from students)
       insert into billing_lessons (id, school_id, teacher_id, student_ids, start_at, end_at, status, lesson_type_id)
       select gen_random_uuid(), $1, $3, array[s.student], t.start, t.start + interval '30 minutes', 'scheduled', $4
         from students s, lateral (values (timestamptz '2030-01-07 16:00Z' + make_interval(mins => s.n % 600)), (timestamptz '2030-01-14 16:00Z' + make_interval(mins => s.n % 600))) as t(start)`,
      [schoolId, ACCOUNTS, randomUUID(), type!.id],
    );
  });
  base = (
    await query<typeof base>(
      `select count(*)::int as invoices, count(distinct account_id)::int as accounts,
              (select count(*)::int from billing_invoice_lines l where l.school_id = $1) as lines,
              coalesce((select last_number from billing_invoice_counters where school_id = $1), 0)::int as counter
         from billing_invoices where school_id = $1`,
      [schoolId],
    )
  )[0]!;
  // Every invoice the school held is issued and numbered 1 to n: the run's must carry on from n.
  expect(base.counter).toBe(base.invoices);
}, 240_000);

afterAll(async () => {
  await worker?.stop();
  await api?.stop();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

it('invoices every account exactly once with gapless unique numbers though the worker is killed half-way; a second start creates nothing', async () => {
  worker = await startWorker();
  const started = await admin.post('/api/v1/billing/runs', { period: MONTH });
  expect(started.status).toBe(201);
  expect(started.body).toMatchObject({ created: true, run: { period: { from: '2030-01-01', to: '2030-02-01' }, finished: false } });
  const batches = started.body.run.batches as number;
  expect(started.body.run.accounts).toBeGreaterThanOrEqual(ACCOUNTS);

  await until('a first batch billed', async () => (await batchesDone()) > 0, 120_000);
  await worker.kill('SIGKILL');
  worker = null;
  const leftAtKill = await batchesLeft();
  expect(leftAtKill).toBeGreaterThan(0);

  worker = await startWorker();
  await until('every batch billed by the new worker', async () => (await batchesLeft()) === 0, 180_000);
  const run = (await admin.get(`/api/v1/billing/runs/${MONTH}`)).body;
  expect(run).toMatchObject({ batches, batchesDone: batches, accountsDone: run.accounts, invoices: ACCOUNTS, finished: true });

  const proof = async () =>
    (
      await query<Record<string, number>>(
        `select count(*)::int as invoices, count(distinct account_id)::int as accounts, count(distinct number)::int as numbers,
                min(number) as lowest, max(number) as highest, count(*) filter (where status <> 'issued')::int as not_issued,
                (select last_number from billing_invoice_counters where school_id = $1) as counter,
                (select count(*)::int from billing_invoice_lines l where l.school_id = $1) as lines,
                (select count(*)::int from billing_runs where school_id = $1) as runs
           from billing_invoices where school_id = $1`,
        [schoolId],
      )
    )[0];
  const all = base.invoices + ACCOUNTS;
  const expected = { invoices: all, accounts: base.accounts + ACCOUNTS, numbers: all, lowest: 1, highest: all, not_issued: 0, counter: all, lines: base.lines + 2 * ACCOUNTS, runs: 1 };
  expect(await proof()).toEqual(expected);
  const invoice = (await admin.get(`/api/v1/invoices?period=${MONTH}`)).body[0];
  expect(invoice).toMatchObject({ status: 'issued', total: { minor: 5200, currency: 'GBP' } });

  const again = await admin.post('/api/v1/billing/runs', { period: MONTH });
  expect(again.body).toMatchObject({ created: false, run: { id: started.body.run.id, invoices: ACCOUNTS, finished: true } });
  await sleep(1_000);
  expect(await proof()).toEqual(expected);
}, 420_000);
