import { type DynamicModule, Module } from '@nestjs/common';
import { Queues } from '@cadenza/server/platform/background';
import { RedisConfig } from '@cadenza/server/platform/config';
import { DeliveryProcessor } from './delivery-processor.js';
import { backgroundJobsModule } from '../background-jobs.js';
import { NotificationAdaptersModule } from './notification-adapters.module.js';
import { NotificationJobs } from './notification-jobs.js';

/**
 * The background jobs of notifications; the worker always imports it, the api when CADENZA_JOBS=inline.
 * `notifications` is messaging's NotificationsModule without its controllers: the app builds it and hands
 * it over, as bridges never import a context's api library. With Redis it takes the delivery queue's jobs.
 */
@Module({})
export class NotificationJobsModule {
  static register(options: { notifications: DynamicModule; redis: RedisConfig }): DynamicModule {
    return backgroundJobsModule(NotificationJobsModule, NotificationJobs, [NotificationAdaptersModule, options.notifications], Queues.processors(options.redis, [DeliveryProcessor]));
  }
}
