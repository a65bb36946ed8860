import { type DynamicModule, Module } from '@nestjs/common';
import { NotificationAdaptersModule } from './notification-adapters.module.js';
import { NotificationJobs } from './notification-jobs.js';

/**
 * The background jobs of notifications; the worker always imports it, the api when CADENZA_JOBS=inline.
 * `notifications` is messaging's NotificationsModule without its controllers: the app builds it and hands
 * it over, as bridges never import a context's api library.
 */
@Module({})
export class NotificationJobsModule {
  static register(options: { notifications: DynamicModule }): DynamicModule {
    return {
      module: NotificationJobsModule,
      imports: [NotificationAdaptersModule, options.notifications],
      providers: [NotificationJobs],
      exports: [NotificationJobs],
    };
  }
}
