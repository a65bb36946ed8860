import { type DynamicModule } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { LoggerModule } from 'nestjs-pino';
import { AttendanceModule } from '@cadenza/server/attendance/api';
import { AttendanceMikroOrmModule } from '@cadenza/server/attendance/infra-mikro-orm';
import { AttendanceJobsModule, AttendanceSchoolModule, BillingDirectoryModule, BillingRunJobsModule, PracticeDirectoryModule, KernelAdaptersModule, NotificationAdaptersModule, NotificationJobsModule, ReportSummariesModule, persistence } from '@cadenza/server/bridges';
import { NotificationsModule } from '@cadenza/server/messaging/api';
import { DeliveryQueueModule } from '@cadenza/server/messaging/infra-bull';
import { BillingModule } from '@cadenza/server/billing/api';
import { BillingRunQueueModule } from '@cadenza/server/billing/infra-bull';
import { BillingMikroOrmModule } from '@cadenza/server/billing/infra-mikro-orm';
import { BillingPdfModule } from '@cadenza/server/billing/infra-pdf';
import { Queues } from '@cadenza/server/platform/background';
import { ConfigModule, type AppConfig } from '@cadenza/server/platform/config';
import { DbModule } from '@cadenza/server/platform/db';
import { MailModule } from '@cadenza/server/platform/mail';
import { loggerParams } from '@cadenza/server/platform/observability';

/** The worker's composition: the database, mail, the background jobs (notifications', attendance's, billing runs') and the reports' summaries; no HTTP server. */
export function workerModule(config: AppConfig, databaseUrl: string): DynamicModule {
  return {
    module: class WorkerModule {},
    imports: [
      ConfigModule.forRoot(config),
      LoggerModule.forRoot(loggerParams(config.log)),
      DbModule.forRoot(databaseUrl, persistence, config.database.poolMax),
      KernelAdaptersModule,
      Queues.forRoot(config.redis),
      DeliveryQueueModule.register(config.redis),
      BillingRunQueueModule.register(config.redis),
      ScheduleModule.forRoot(),
      MailModule,
      NotificationJobsModule.register({ notifications: NotificationsModule.register({ adapters: [NotificationAdaptersModule], controllers: false }), redis: config.redis }),
      AttendanceJobsModule.register({ attendance: AttendanceModule.register({ adapters: [AttendanceMikroOrmModule, PracticeDirectoryModule, AttendanceSchoolModule], controllers: false }) }),
      ReportSummariesModule,
      BillingRunJobsModule.register({ billing: BillingModule.register({ adapters: [BillingMikroOrmModule, BillingDirectoryModule, BillingPdfModule], controllers: false }), redis: config.redis }),
    ],
  };
}
