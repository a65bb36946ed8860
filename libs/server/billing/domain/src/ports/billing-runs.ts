import type { BillingRun, BillingRunProgress } from '../model/billing-run.js';
import type { BillingAccountId, BillingRunId } from '../model/ids.js';

/** A batch of a run to bill, named across schools (the sweep's and the queue's job). */
export interface RunBatchRef {
  schoolId: string;
  runId: BillingRunId;
  batch: number;
}

/**
 * The school's billing runs: one per period (a unique row), its accounts in numbered batches, each batch a row that is
 * billed once (held while it is billed, marked done in the same unit of work as its invoices).
 */
export abstract class BillingRuns {
  /** Makes the run, unless the school has one for the period (a racing one waits for the other's unit of work): then nothing is written and false returned. */
  abstract create(run: BillingRun): Promise<boolean>;
  /** The run's accounts in batches, numbered from 0; the run's counts follow. */
  abstract addBatches(runId: BillingRunId, batches: readonly (readonly BillingAccountId[])[]): Promise<void>;
  abstract byPeriod(from: string): Promise<BillingRunProgress | null>;
  abstract progress(runId: BillingRunId): Promise<BillingRunProgress | null>;
  /** Newest period first. */
  abstract list(): Promise<BillingRunProgress[]>;
  /** The batch's accounts, holding the batch until the unit of work ends; null when it is done (or no such batch). */
  abstract claim(runId: BillingRunId, batch: number): Promise<BillingAccountId[] | null>;
  /** Marks the claimed batch done, with how many invoices it issued. */
  abstract finish(runId: BillingRunId, batch: number, invoices: number): Promise<void>;
  /** Every school's batches not done of runs started more than `olderThanMs` ago, oldest first: what the sweep hands on again. */
  abstract pendingAcrossSchools(startedBefore: Date, limit: number): Promise<RunBatchRef[]>;
}

/** How a run's batches are handed to whoever bills them (a queue, or the process itself). Enqueuing a batch twice bills it once. */
export abstract class BillingRunQueue {
  abstract enqueue(batches: readonly RunBatchRef[]): Promise<void>;
}
