import { Injectable } from '@nestjs/common';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { ACROSS_SCHOOLS, currentSchool, schoolRows, schoolWrite } from '@cadenza/server/platform/db';
import { BillingRuns, type BillingAccountId, type BillingRun, type BillingRunId, type BillingRunProgress, type RunBatchRef } from '@cadenza/server/billing/domain';
import { asId, type UserId } from '@cadenza/shared/kernel';
import { BillingRunBatchSchema } from './entities.js';
import { BILLING_RUN_COUNTS, BILLING_RUN_CREATE, BILLING_RUN_PROGRESS, type RunProgressRow } from './statements.js';

const NO_MAP = { disableIdentityMap: true } as const;

const toProgress = (row: RunProgressRow): BillingRunProgress => ({
  run: {
    id: asId<BillingRunId>(row.id),
    period: { from: row.period_from, to: row.period_to },
    startedAt: new Date(row.started_at),
    startedBy: row.started_by === null ? null : asId<UserId>(row.started_by),
    accounts: Number(row.accounts),
    batches: Number(row.batches),
  },
  accountsDone: Number(row.accounts_done),
  batchesDone: Number(row.batches_done),
  invoices: Number(row.invoices),
});

/** Runs in `billing_runs` (unique per school and period) and their batches in `billing_run_batches`, each claimed with a row lock. */
@Injectable()
export class MikroOrmBillingRuns extends BillingRuns {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async create(run: BillingRun): Promise<boolean> {
    const rows = await schoolRows(this.em, BILLING_RUN_CREATE, [run.id, run.period.from, run.period.to, run.startedAt, run.startedBy]);
    return rows.length === 1;
  }

  async addBatches(runId: BillingRunId, batches: readonly (readonly BillingAccountId[])[]): Promise<void> {
    const schoolId = currentSchool(this.em);
    const createdAt = new Date();
    if (batches.length > 0) {
      await this.em.insertMany(BillingRunBatchSchema, batches.map((accountIds, batch) => ({ schoolId, runId, batch, accountIds: [...accountIds], createdAt, doneAt: null, invoices: 0 })));
    }
    await schoolWrite(this.em, BILLING_RUN_COUNTS, [runId, batches.reduce((n, b) => n + b.length, 0), batches.length]);
  }

  async byPeriod(from: string): Promise<BillingRunProgress | null> {
    const [row] = await schoolRows(this.em, BILLING_RUN_PROGRESS, [null, from]);
    return row ? toProgress(row) : null;
  }

  async progress(runId: BillingRunId): Promise<BillingRunProgress | null> {
    const [row] = await schoolRows(this.em, BILLING_RUN_PROGRESS, [runId, null]);
    return row ? toProgress(row) : null;
  }

  async list(): Promise<BillingRunProgress[]> {
    return (await schoolRows(this.em, BILLING_RUN_PROGRESS, [null, null])).map(toProgress);
  }

  async claim(runId: BillingRunId, batch: number): Promise<BillingAccountId[] | null> {
    const row = await this.em.findOne(BillingRunBatchSchema, { runId, batch }, { ...NO_MAP, lockMode: LockMode.PESSIMISTIC_WRITE });
    return row && row.doneAt === null ? row.accountIds.map((id) => asId<BillingAccountId>(id)) : null;
  }

  async finish(runId: BillingRunId, batch: number, invoices: number): Promise<void> {
    await this.em.nativeUpdate(BillingRunBatchSchema, { runId, batch }, { doneAt: new Date(), invoices });
  }

  async pendingAcrossSchools(startedBefore: Date, limit: number): Promise<RunBatchRef[]> {
    const rows = await this.em.find(BillingRunBatchSchema, { doneAt: null, createdAt: { $lt: startedBefore } }, { ...NO_MAP, ...ACROSS_SCHOOLS, orderBy: { createdAt: 'asc', batch: 'asc' }, limit });
    return rows.map((r) => ({ schoolId: r.schoolId, runId: asId<BillingRunId>(r.runId), batch: r.batch }));
  }
}
