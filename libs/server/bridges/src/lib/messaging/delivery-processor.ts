import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { DELIVER_JOB, DELIVERY_QUEUE_NAME, type DeliveryJob } from '@cadenza/server/messaging/infra-bull';
import { DELIVERY_CONCURRENCY, NotificationJobs } from './notification-jobs.js';

/** Takes the delivery queue's jobs (with Redis; the worker, or the api running the jobs inline). A stalled job may run twice: a delivery is idempotent on its key. */
@Processor(DELIVERY_QUEUE_NAME)
export class DeliveryProcessor {
  constructor(private readonly jobs: NotificationJobs) {}

  @Process({ name: DELIVER_JOB, concurrency: DELIVERY_CONCURRENCY })
  async deliver(job: Job<DeliveryJob>): Promise<void> {
    await this.jobs.deliver(job.data.key);
  }
}
