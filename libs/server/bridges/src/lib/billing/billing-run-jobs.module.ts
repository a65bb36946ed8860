import { type DynamicModule, Module } from '@nestjs/common';
import { BillingMikroOrmModule } from '@cadenza/server/billing/infra-mikro-orm';
import { IdentityMikroOrmModule } from '@cadenza/server/identity/infra-mikro-orm';
import { Queues } from '@cadenza/server/platform/background';
import { RedisConfig } from '@cadenza/server/platform/config';
import { backgroundJobsModule } from '../background-jobs.js';
import { BillingRunJobs } from './billing-run-jobs.js';
import { BillingRunProcessor } from './billing-run-processor.js';
import { BillingScheduleJobs } from './billing-schedule-jobs.js';

/**
 * The billing runs' background jobs (the batches' sweep, and each school's scheduled run: `BillingScheduleJobs`); the worker always imports it, the api when CADENZA_JOBS=inline. `billing` is
 * billing's module without its controllers, built by the app. With Redis it takes the run queue's jobs.
 */
@Module({})
export class BillingRunJobsModule {
  static register(options: { billing: DynamicModule; redis: RedisConfig }): DynamicModule {
    const module = backgroundJobsModule(BillingRunJobsModule, BillingRunJobs, [BillingMikroOrmModule, IdentityMikroOrmModule, options.billing], [BillingScheduleJobs, ...Queues.processors(options.redis, [BillingRunProcessor])]);
    return { ...module, exports: [...(module.exports ?? []), BillingScheduleJobs] };
  }
}
