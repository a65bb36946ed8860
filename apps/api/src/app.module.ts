import { type MiddlewareConsumer, type DynamicModule, type NestModule } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { LoggerModule } from 'nestjs-pino';
import { AttendanceModule } from '@cadenza/server/attendance/api';
import { AttendanceMikroOrmModule } from '@cadenza/server/attendance/infra-mikro-orm';
import { AuditModule } from '@cadenza/server/audit/api';
import { AuditMikroOrmModule } from '@cadenza/server/audit/infra-mikro-orm';
import { BillingModule } from '@cadenza/server/billing/api';
import { BillingMikroOrmModule } from '@cadenza/server/billing/infra-mikro-orm';
import { BillingPdfModule } from '@cadenza/server/billing/infra-pdf';
import { BillingStripeModule } from '@cadenza/server/billing/infra-stripe';
import { CalendarSyncModule } from '@cadenza/server/calendar-sync/api';
import { CalendarSyncMikroOrmModule } from '@cadenza/server/calendar-sync/infra-mikro-orm';
import { CalendarSyncGoogleModule } from '@cadenza/server/calendar-sync/infra-google';
import {
  BillingDirectoryModule,
  CalendarDirectoryModule,
  BillingRunJobsModule,
  AttendanceJobsModule,
  AttendanceSchoolModule,
  CountersTickerModule,
  DashboardReadModelModule,
  ReportsReadModelModule,
  ReportSummariesModule,
  PeopleSearchModule,
  ImportTargetsModule,
  KernelAdaptersModule,
  MessagingDirectoryModule,
  NotificationAdaptersModule,
  NotificationJobsModule,
  LessonHistoryModule,
  PersonLessonsModule,
  PersonalDataModule,
  RealtimeRoutingModule,
  SchoolDirectoryModule,
  TeachingRelationsModule,
  persistence,
  PracticeDirectoryModule,
} from '@cadenza/server/bridges';
import { IdentityModule } from '@cadenza/server/identity/api';
import { OnboardingModule } from '@cadenza/server/onboarding/api';
import { IdentityMailModule } from '@cadenza/server/identity/infra-mail';
import { IdentityMikroOrmModule, IdentitySessionsPollModule } from '@cadenza/server/identity/infra-mikro-orm';
import { IdentitySecurityModule } from '@cadenza/server/identity/infra-security';
import { MessagingModule, NotificationsModule } from '@cadenza/server/messaging/api';
import { DeliveryQueueModule } from '@cadenza/server/messaging/infra-bull';
import { BillingRunQueueModule } from '@cadenza/server/billing/infra-bull';
import { MessagingDiskModule } from '@cadenza/server/messaging/infra-disk';
import { MessagingMikroOrmModule } from '@cadenza/server/messaging/infra-mikro-orm';
import { MessagingS3Module } from '@cadenza/server/messaging/infra-s3';
import { Queues } from '@cadenza/server/platform/background';
import { ConfigModule, type AppConfig } from '@cadenza/server/platform/config';
import { DbModule } from '@cadenza/server/platform/db';
import { HttpPlatformModule, requestContextMiddleware } from '@cadenza/server/platform/http';
import { MailModule } from '@cadenza/server/platform/mail';
import { ObservabilityModule, loggerParams } from '@cadenza/server/platform/observability';
import { RealtimeModule } from '@cadenza/server/platform/realtime';
import { ReportingModule } from '@cadenza/server/reporting/api';
import { SchedulingModule } from '@cadenza/server/scheduling/api';
import { PostgresCalendarVersions, SchedulingMikroOrmModule } from '@cadenza/server/scheduling/infra-mikro-orm';

class RequestContextModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(requestContextMiddleware).forRoutes('{*path}');
  }
}

/**
 * The composition root: each context with the adapters that serve its ports (the cross-context ones from bridges).
 * `background: false` leaves out what runs by itself (the outbox relay and sockets, the counters ticker, cron, the
 * jobs): the use cases alone, for a step that drives them and exits, as the demo seeding does.
 */
export function appModule(config: AppConfig, databaseUrl: string, options: { background?: boolean } = {}): DynamicModule {
  const background = options.background ?? true;
  // Attachments on this machine's disk (the embedded default), or in an S3-compatible bucket every instance shares.
  const attachments = config.storage.attachments === 's3' ? MessagingS3Module : MessagingDiskModule;
  return {
    module: class AppModule {},
    imports: [
      ConfigModule.forRoot(config),
      LoggerModule.forRoot(loggerParams(config.log)),
      DbModule.forRoot(databaseUrl, persistence, config.database.poolMax),
      KernelAdaptersModule,
      Queues.forRoot(config.redis),
      DeliveryQueueModule.register(config.redis),
      BillingRunQueueModule.register(config.redis),
      ...(background ? [ScheduleModule.forRoot()] : []),
      MailModule,
      HttpPlatformModule,
      ObservabilityModule,
      { module: RequestContextModule },
      IdentityModule.register({ adapters: [IdentityMikroOrmModule, IdentitySecurityModule, IdentityMailModule, IdentitySessionsPollModule, PeopleSearchModule, PersonLessonsModule, PersonalDataModule, TeachingRelationsModule], background }),
      AuditModule.register({ adapters: [AuditMikroOrmModule] }),
      SchedulingModule.register({ adapters: [SchedulingMikroOrmModule, SchoolDirectoryModule, LessonHistoryModule], calendarVersions: PostgresCalendarVersions }),
      MessagingModule.register({ adapters: [MessagingMikroOrmModule, attachments, MessagingDirectoryModule], background }),
      NotificationsModule.register({ adapters: [NotificationAdaptersModule] }),
      AttendanceModule.register({ adapters: [AttendanceMikroOrmModule, PracticeDirectoryModule, AttendanceSchoolModule], background }),
      BillingModule.register({ adapters: [BillingMikroOrmModule, BillingDirectoryModule, BillingPdfModule, BillingStripeModule], background }),
      CalendarSyncModule.register({ adapters: [CalendarSyncMikroOrmModule, CalendarSyncGoogleModule, CalendarDirectoryModule], background }),
      ReportingModule.register({ adapters: [DashboardReadModelModule, ReportsReadModelModule] }),
      OnboardingModule.register({ adapters: [ImportTargetsModule] }),
      ...(background ? [RealtimeModule.register({ routing: [RealtimeRoutingModule] }), CountersTickerModule, ReportSummariesModule] : []),
      // The embedded default runs the background jobs in process; with DATABASE_URL, workers do (CADENZA_JOBS).
      ...(background && config.jobs.inline
        ? [
            NotificationJobsModule.register({ notifications: NotificationsModule.register({ adapters: [NotificationAdaptersModule], controllers: false }), redis: config.redis }),
            AttendanceJobsModule.register({ attendance: AttendanceModule.register({ adapters: [AttendanceMikroOrmModule, PracticeDirectoryModule, AttendanceSchoolModule], controllers: false }) }),
            BillingRunJobsModule.register({ billing: BillingModule.register({ adapters: [BillingMikroOrmModule, BillingDirectoryModule, BillingPdfModule], controllers: false }), redis: config.redis }),
          ]
        : []),
    ],
  };
}
