import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { BillingRuns, BillingRunQueue, BillRunBatch, type RunBatchRef } from '@cadenza/server/billing/domain';
import { BullBillingRuns, LocalBillingRuns } from '@cadenza/server/billing/infra-bull';
import { BackgroundLoop } from '@cadenza/server/platform/background';
import { enterSchool, inOwnContext } from '@cadenza/server/platform/db';
import { Clock } from '@cadenza/shared/kernel';

/** How often the sweep looks for batches not done. */
const SWEEP_MS = 5_000;
/** With a queue, a batch is handed on again once it has waited this long (a job lost with Redis, a failed enqueue). */
const REQUEUE_AFTER_MS = 30_000;
const SWEEP_LIMIT = 1_000;

/**
 * The billing runs' background work, in the worker (and in the api when CADENZA_JOBS=inline). With Redis, batches are
 * Bull jobs (`BillingRunProcessor`) and the sweep re-enqueues those not done after a while; without, this process
 * bills the batches it is handed at once and the sweep bills whatever is left, one batch at a time. Each batch runs in
 * its own persistence context with its school in force, and its row makes a second run of it do nothing.
 */
@Injectable()
export class BillingRunJobs extends BackgroundLoop<Logger> {
  private stopListening: (() => void) | null = null;

  constructor(
    private readonly em: EntityManager,
    private readonly runs: BillingRuns,
    private readonly queue: BillingRunQueue,
    private readonly bull: BullBillingRuns,
    private readonly local: LocalBillingRuns,
    private readonly bill: BillRunBatch,
    private readonly clock: Clock,
  ) {
    super({ name: 'billing runs', logger: new Logger('BillingRunJobs'), afterFailureMs: SWEEP_MS });
  }

  override onApplicationBootstrap(): void {
    this.stopListening = this.local.listen(() => this.loop.request());
    super.onApplicationBootstrap();
  }

  override async onModuleDestroy(): Promise<void> {
    this.stopListening?.();
    await super.onModuleDestroy();
  }

  protected async pass(): Promise<number> {
    await this.sweep();
    return SWEEP_MS;
  }

  /** One sweep: with a queue, hands on again the batches waiting too long; without, bills every batch not done. Returns how many it saw. */
  async sweep(): Promise<number> {
    const queued = (await this.bull.connect()) !== null;
    const before = new Date(this.clock.now().getTime() - (queued ? REQUEUE_AFTER_MS : -1));
    const pending = await inOwnContext(this.em, () => this.runs.pendingAcrossSchools(before, SWEEP_LIMIT));
    if (queued) await this.queue.enqueue(pending);
    else for (const ref of pending) await this.billBatch(ref);
    return pending.length;
  }

  /** Bills one batch with its school in force (a batch done already: nothing). */
  async billBatch(ref: RunBatchRef): Promise<number> {
    const issued = await inOwnContext(this.em, () => {
      enterSchool(this.em, ref.schoolId);
      return this.bill.execute(ref);
    });
    this.logger.log({ schoolId: ref.schoolId, runId: ref.runId, batch: ref.batch, invoices: issued }, 'billing run batch billed');
    return issued;
  }
}
