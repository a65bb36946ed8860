import { MikroORM, RequestContext } from '@mikro-orm/postgresql';
import { billingUseCases, Rate, type BilledLesson, type BillingUseCases, type LessonId, type LessonTypeId, type RateId } from '@cadenza/server/billing/domain';
import { FakeBillingDirectory, RecordingBillingRunQueue, TextInvoiceRenderer } from '@cadenza/server/billing/domain/testing';
import { enterSchool, MikroOrmUnitOfWork, ormOptions, OutboxWriter } from '@cadenza/server/platform/db';
import { contextSpecParts, freshSchool, useSpecDatabase } from '@cadenza/server/spec-database';
import { withClient } from '@cadenza/server/testing';
import { newId, type FamilyId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { FixedClock, RecordingAuditTrail } from '@cadenza/shared/kernel/testing';
import { billingPersistence } from './billing-persistence.module.js';
import { MikroOrmBilledLessons } from './mikro-orm-billed-lessons.js';
import { MikroOrmBillingAccounts } from './mikro-orm-billing-accounts.js';
import { MikroOrmBillingRuns } from './mikro-orm-billing-runs.js';
import { MikroOrmBillingSettings } from './mikro-orm-billing-settings.js';
import { MikroOrmInvoices } from './mikro-orm-invoices.js';
import { MikroOrmRates } from './mikro-orm-rates.js';
import { OutboxBillingEvents } from './outbox-billing-events.js';
import { PostgresInvoiceNumbering } from './postgres-invoice-numbering.js';

const parts = contextSpecParts(billingPersistence);
const FAMILIES = 450;

/** Billing's use cases on one ORM (one worker's pool), its run queue recording what it hands on. */
function worker(orm: MikroORM, directory: FakeBillingDirectory, now = '2026-12-25T06:00:00Z') {
  const em = orm.em;
  const runQueue = new RecordingBillingRunQueue();
  const useCases: BillingUseCases = billingUseCases({
    rates: new MikroOrmRates(em),
    settings: new MikroOrmBillingSettings(em),
    accounts: new MikroOrmBillingAccounts(em),
    invoices: new MikroOrmInvoices(em),
    lessons: new MikroOrmBilledLessons(em),
    numbering: new PostgresInvoiceNumbering(em),
    directory,
    runs: new MikroOrmBillingRuns(em),
    runQueue,
    events: new OutboxBillingEvents(new OutboxWriter(em)),
    renderer: new TextInvoiceRenderer(),
    audit: new RecordingAuditTrail(),
    uow: new MikroOrmUnitOfWork(em),
    clock: new FixedClock(now),
  });
  const inSchool = <T>(schoolId: SchoolId, work: () => Promise<T>) =>
    RequestContext.create(orm.em, () => {
      enterSchool(orm.em, schoolId);
      return work();
    });
  return { useCases, runQueue, inSchool };
}

describe('the billing run on PostgreSQL', () => {
  const db = useSpecDatabase(parts);
  let second: MikroORM;
  beforeAll(async () => {
    second = await MikroORM.init(ormOptions(db.url, parts, 4));
  });
  afterAll(async () => {
    await second?.close(true);
  });

  it('two workers starting and billing one month at once: one run, every family invoiced once, numbers 1 to n gapless and unique, each batch told once on the outbox (SQL); again, nothing', async () => {
    const { em, schoolId } = await freshSchool(db.orm, 0);
    const piano = newId<LessonTypeId>();
    const directory = new FakeBillingDirectory();
    directory.lessonTypes.set(piano, { id: piano, name: 'Piano', durationMinutes: 30, format: 'individual' });
    const teacher = newId<UserId>();
    const lessons = new MikroOrmBilledLessons(em);
    for (let f = 0; f < FAMILIES; f++) {
      const child = newId<UserId>();
      directory.schoolFamilies.push({ familyId: newId<FamilyId>(), name: `Family ${f}`, payerId: null, studentIds: [child] });
      for (const day of [5, 12]) {
        const start = new Date(Date.UTC(2027, 0, day, 16, f % 60));
        const lesson: BilledLesson = { id: newId<LessonId>(), teacherId: teacher, studentIds: [child], start, end: new Date(start.getTime() + 30 * 60_000), status: 'scheduled', lateCancellation: false, deliveredAt: null, lessonTypeId: piano };
        await lessons.record(lesson);
      }
    }
    await new MikroOrmRates(em).save(Rate.create({ id: newId<RateId>(), lessonTypeId: piano, teacherId: null, durationMinutes: null, price: { minor: 2500, currency: 'GBP' }, format: 'individual' }, 'GBP'));
    const workers = [worker(db.orm, directory), worker(second, directory)];
    const admin = { userId: newId<UserId>(), schoolId, roles: ['admin'] };

    const started = await Promise.all(workers.map((w) => w.inSchool(schoolId, () => w.useCases.startRun.execute(admin, schoolId, '2027-01'))));
    expect(started.map((s) => s.created).sort()).toEqual([false, true]);
    expect(new Set(started.map((s) => s.progress.run.id)).size).toBe(1);
    const refs = workers.flatMap((w) => w.runQueue.enqueued.splice(0));
    expect(refs).toHaveLength(Math.ceil(FAMILIES / 200));
    // Each batch billed by both workers at once, as a stalled job taken again would be.
    const issued = await Promise.all(refs.flatMap((ref) => workers.map((w) => w.inSchool(schoolId, () => w.useCases.billRunBatch.execute(ref)))));
    expect(issued.reduce((a, b) => a + b, 0)).toBe(FAMILIES);

    const proof = () =>
      withClient(db.url, async (client) => {
        const { rows } = await client.query<Record<string, number>>(
          `select count(*)::int as invoices, count(distinct number)::int as numbers, min(number) as lowest, max(number) as highest,
                  count(distinct account_id)::int as accounts, count(*) filter (where status <> 'issued')::int as not_issued,
                  (select count(*)::int from billing_runs where school_id = $1) as runs,
                  (select count(*)::int from billing_run_batches where school_id = $1 and done_at is null) as batches_left,
                  (select last_number from billing_invoice_counters where school_id = $1) as counter,
                  (select count(*)::int from billing_invoice_lines where school_id = $1) as lines,
                  (select count(*)::int from outbox_events where school_id = $1 and type = 'billing.run_batch_billed.v1') as batches_told
             from billing_invoices where school_id = $1`,
          [schoolId],
        );
        return rows[0];
      });
    const expected = { invoices: FAMILIES, numbers: FAMILIES, lowest: 1, highest: FAMILIES, accounts: FAMILIES, not_issued: 0, runs: 1, batches_left: 0, counter: FAMILIES, lines: 2 * FAMILIES, batches_told: refs.length };
    expect(await proof()).toEqual(expected);

    const again = await workers[1].inSchool(schoolId, () => workers[1].useCases.startRun.execute(admin, schoolId, '2027-01'));
    expect(again).toMatchObject({ created: false, progress: { accountsDone: FAMILIES, batchesDone: refs.length, invoices: FAMILIES } });
    expect(workers[1].runQueue.enqueued).toEqual([]);
    for (const ref of refs) expect(await workers[0].inSchool(schoolId, () => workers[0].useCases.billRunBatch.execute(ref))).toBe(0);
    expect(await proof()).toEqual(expected);
  }, 120_000);

  it('the school’s scheduled run, due at once in two workers: started once, by no one, its batches handed on once', async () => {
    const { em, schoolId } = await freshSchool(db.orm, 0);
    const directory = new FakeBillingDirectory();
    directory.schoolTimeZone = 'Europe/London';
    for (let f = 0; f < 5; f++) directory.schoolFamilies.push({ familyId: newId<FamilyId>(), name: `Family ${f}`, payerId: null, studentIds: [newId<UserId>()] });
    await RequestContext.create(em, async () => {
      enterSchool(em, schoolId);
      await new MikroOrmBillingSettings(em).save({ chargeBasis: 'in_advance', taxBasisPoints: 0, siblingDiscountBasisPoints: 0, dueDays: 14, scheduledRun: true, runDay: 25, runTime: '06:00', runPeriod: 'next', invoiceAddress: '', paymentInstructions: '' });
    });
    // 05:00 UTC on 25 October 2027 is 06:00 in London (summer time).
    const workers = [worker(db.orm, directory, '2027-10-25T05:00:00Z'), worker(second, directory, '2027-10-25T05:00:00Z')];
    const ticks = await Promise.all(workers.flatMap((w) => [1, 2].map(() => w.inSchool(schoolId, () => w.useCases.startScheduledRun.execute(schoolId)))));
    expect(ticks.filter((t) => t?.created)).toHaveLength(1);
    expect(ticks.every((t) => t?.month === '2027-11')).toBe(true);
    expect(workers.flatMap((w) => w.runQueue.enqueued)).toEqual([expect.objectContaining({ schoolId, batch: 0 })]);
    const runs = await withClient(db.url, (client) => client.query(`select period_from::text as month, started_by, accounts from billing_runs where school_id = $1`, [schoolId]));
    expect(runs.rows).toEqual([{ month: '2027-11-01', started_by: null, accounts: 5 }]);
  }, 60_000);
});
