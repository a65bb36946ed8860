import { Global, type MiddlewareConsumer, Module, type DynamicModule, type NestModule } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { EntityManager } from '@mikro-orm/postgresql';
import { LoggerModule } from 'nestjs-pino';
import { AuditModule } from '@cadenza/server/audit/api';
import { AuditMikroOrmModule } from '@cadenza/server/audit/infra-mikro-orm';
import { IdentityModule } from '@cadenza/server/identity/api';
import { IdentityMikroOrmModule } from '@cadenza/server/identity/infra-mikro-orm';
import { MessagingModule, NotificationsModule } from '@cadenza/server/messaging/api';
import { NotificationAdaptersModule, NotificationJobsModule, persistence } from '@cadenza/server/app-shell';
import { MessagingDirectory } from '@cadenza/server/messaging/domain';
import { MessagingDiskModule } from '@cadenza/server/messaging/infra-disk';
import { MessagingMikroOrmModule } from '@cadenza/server/messaging/infra-mikro-orm';
import { SchedulingModule } from '@cadenza/server/scheduling/api';
import { SchoolDirectory, TimetableReads } from '@cadenza/server/scheduling/domain';
import { PostgresTimetableReads, SchedulingMikroOrmModule } from '@cadenza/server/scheduling/infra-mikro-orm';
import { IdentityMailModule } from '@cadenza/server/identity/infra-mail';
import { IdentitySecurityModule } from '@cadenza/server/identity/infra-security';
import { ConfigModule, SystemClock, type AppConfig } from '@cadenza/server/platform/config';
import { DbModule } from '@cadenza/server/platform/db';
import { HttpPlatformModule, requestContextMiddleware } from '@cadenza/server/platform/http';
import { MailModule } from '@cadenza/server/platform/mail';
import { ObservabilityModule, loggerParams } from '@cadenza/server/platform/observability';
import { RealtimeModule, RealtimeRouter } from '@cadenza/server/platform/realtime';
import { ReportingModule } from '@cadenza/server/reporting/api';
import { ComputeDashboardCounters, DashboardReadModel } from '@cadenza/server/reporting/domain';
import { Clock } from '@cadenza/shared/kernel';
import { IdentityMessagingDirectory } from './adapters/identity-messaging-directory.js';
import { IdentitySchoolDirectory, TIMETABLE_PEOPLE } from './adapters/identity-school-directory.js';
import { SqlDashboardReadModel } from './adapters/sql-dashboard-read-model.js';
import { AdminCountersTicker } from './realtime/admin-counters-ticker.js';
import { AppRealtimeRouter } from './realtime/app-realtime-router.js';
import { CountersAudienceRouter } from './realtime/counters-audience-router.js';
import { CountersInBackground } from './realtime/counters-in-background.js';
import { LessonAudienceRouter } from './realtime/lesson-audience-router.js';
import { MessagingAudienceRouter } from './realtime/messaging-audience-router.js';
import { NotificationAudienceRouter } from './realtime/notification-audience-router.js';

/** The kernel's ports, for every context: the real clock and the audit trail. */
@Global()
@Module({
  imports: [AuditMikroOrmModule],
  providers: [{ provide: Clock, useClass: SystemClock }],
  exports: [Clock, AuditMikroOrmModule],
})
class KernelAdaptersModule {}

/**
 * Scheduling's view of the school's people, answered by identity's repositories; and scheduling's timetable reads,
 * whose one statement checks a booking's people in identity's table as it reads the timetable.
 */
@Module({
  imports: [IdentityMikroOrmModule],
  providers: [
    { provide: SchoolDirectory, useClass: IdentitySchoolDirectory },
    { provide: TimetableReads, useFactory: (em: EntityManager) => new PostgresTimetableReads(em, TIMETABLE_PEOPLE), inject: [EntityManager] },
  ],
  exports: [SchoolDirectory, TimetableReads],
})
class SchoolDirectoryModule {}

/** Messaging's view of the school's people (minors, guardians, the lead, who teaches whom), answered by identity's and scheduling's repositories. */
@Module({
  imports: [IdentityMikroOrmModule, MessagingMikroOrmModule, SchedulingMikroOrmModule],
  providers: [{ provide: MessagingDirectory, useClass: IdentityMessagingDirectory }],
  exports: [MessagingDirectory],
})
class MessagingDirectoryModule {}

/** Reporting's view of the other contexts' records: the dashboards' reads in plain SQL over their tables. */
@Module({
  providers: [{ provide: DashboardReadModel, useClass: SqlDashboardReadModel }],
  exports: [DashboardReadModel],
})
class DashboardReadModelModule {}

const computeCounters = {
  provide: ComputeDashboardCounters,
  useFactory: (readModel: DashboardReadModel, clock: Clock) => new ComputeDashboardCounters(readModel, clock),
  inject: [DashboardReadModel, Clock],
};

/**
 * Who hears of what on the socket: lesson changes go to everyone who may read the lesson;
 * messages and reads to the thread's participants; flags to the safeguarding lead; a new
 * notification to its person; and everyone whose home-page counters an event changed gets
 * their new counters.
 */
@Module({
  imports: [IdentityMikroOrmModule, MessagingMikroOrmModule, DashboardReadModelModule],
  providers: [
    LessonAudienceRouter,
    MessagingAudienceRouter,
    NotificationAudienceRouter,
    CountersAudienceRouter,
    CountersInBackground,
    computeCounters,
    { provide: RealtimeRouter, useClass: AppRealtimeRouter },
  ],
  exports: [RealtimeRouter],
})
class RealtimeRoutingModule {}

/** The admins' counters pushed each minute, as lessons start and end (needs the realtime module's presence). */
@Module({
  imports: [DashboardReadModelModule],
  providers: [computeCounters, AdminCountersTicker],
})
class CountersTickerModule {}

class RequestContextModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(requestContextMiddleware).forRoutes('{*path}');
  }
}

/** The composition root: each context with the adapters that serve its ports. */
export function appModule(config: AppConfig, databaseUrl: string): DynamicModule {
  return {
    module: class AppModule {},
    imports: [
      ConfigModule.forRoot(config),
      LoggerModule.forRoot(loggerParams(config.log)),
      DbModule.forRoot(databaseUrl, persistence, config.database.poolMax),
      KernelAdaptersModule,
      ScheduleModule.forRoot(),
      MailModule,
      HttpPlatformModule,
      ObservabilityModule,
      { module: RequestContextModule },
      IdentityModule.register({ adapters: [IdentityMikroOrmModule, IdentitySecurityModule, IdentityMailModule] }),
      AuditModule.register({ adapters: [AuditMikroOrmModule] }),
      SchedulingModule.register({ adapters: [SchedulingMikroOrmModule, SchoolDirectoryModule] }),
      MessagingModule.register({ adapters: [MessagingMikroOrmModule, MessagingDiskModule, MessagingDirectoryModule] }),
      NotificationsModule.register({ adapters: [NotificationAdaptersModule] }),
      ReportingModule.register({ adapters: [DashboardReadModelModule] }),
      RealtimeModule.register({ routing: [RealtimeRoutingModule] }),
      CountersTickerModule,
      // The embedded default runs the background jobs in process; with DATABASE_URL, workers do (CADENZA_JOBS).
      ...(config.jobs.inline ? [NotificationJobsModule] : []),
    ],
  };
}
