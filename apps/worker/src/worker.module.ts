import { Global, Module, type DynamicModule } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { LoggerModule } from 'nestjs-pino';
import { NotificationJobsModule, persistence } from '@cadenza/server/app-shell';
import { AuditMikroOrmModule } from '@cadenza/server/audit/infra-mikro-orm';
import { ConfigModule, SystemClock, type AppConfig } from '@cadenza/server/platform/config';
import { DbModule } from '@cadenza/server/platform/db';
import { MailModule } from '@cadenza/server/platform/mail';
import { loggerParams } from '@cadenza/server/platform/observability';
import { Clock } from '@cadenza/shared/kernel';

/** The kernel's ports: the real clock and the audit trail. */
@Global()
@Module({
  imports: [AuditMikroOrmModule],
  providers: [{ provide: Clock, useClass: SystemClock }],
  exports: [Clock, AuditMikroOrmModule],
})
class KernelAdaptersModule {}

/** The worker's composition: the database, mail, and the background jobs; no HTTP server. */
export function workerModule(config: AppConfig, databaseUrl: string): DynamicModule {
  return {
    module: class WorkerModule {},
    imports: [
      ConfigModule.forRoot(config),
      LoggerModule.forRoot(loggerParams(config.log)),
      DbModule.forRoot(databaseUrl, persistence, config.database.poolMax),
      KernelAdaptersModule,
      ScheduleModule.forRoot(),
      MailModule,
      NotificationJobsModule,
    ],
  };
}
