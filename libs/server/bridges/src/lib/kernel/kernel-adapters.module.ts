import { Global, Module } from '@nestjs/common';
import { AuditMikroOrmModule } from '@cadenza/server/audit/infra-mikro-orm';
import { SystemClock } from '@cadenza/server/platform/config';
import { Clock } from '@cadenza/shared/kernel';

/** The kernel's ports, for every context of the api and the worker alike: the real clock and the audit trail. */
@Global()
@Module({
  imports: [AuditMikroOrmModule],
  providers: [{ provide: Clock, useClass: SystemClock }],
  exports: [Clock, AuditMikroOrmModule],
})
export class KernelAdaptersModule {}
