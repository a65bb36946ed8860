import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { BILL_BATCH_JOB, BILLING_RUN_QUEUE_NAME, type BillBatchJob } from '@cadenza/server/billing/infra-bull';
import { BillingRunJobs } from './billing-run-jobs.js';

/** How many batches one process bills at once: their transactions meet only on the school's invoice counter, at their end. */
const BATCH_CONCURRENCY = 2;

/** Takes the run queue's jobs (with Redis; the worker, or the api running the jobs inline). A stalled job may run twice: a batch bills once, by its row. */
@Processor(BILLING_RUN_QUEUE_NAME)
export class BillingRunProcessor {
  constructor(private readonly jobs: BillingRunJobs) {}

  @Process({ name: BILL_BATCH_JOB, concurrency: BATCH_CONCURRENCY })
  async bill(job: Job<BillBatchJob>): Promise<number> {
    return this.jobs.billBatch(job.data);
  }
}
