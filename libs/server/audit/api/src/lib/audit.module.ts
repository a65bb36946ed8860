import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { AuditLog, ListAuditEvents } from '@cadenza/server/audit/domain';
import { build } from '@cadenza/server/platform/http';
import { AuditEventsController } from './audit-events.controller.js';

/** The audit context's HTTP surface; the app passes the module that provides its ports. */
@Module({})
export class AuditModule {
  static register(options: { adapters: Type[] }): DynamicModule {
    return {
      module: AuditModule,
      imports: options.adapters,
      controllers: [AuditEventsController],
      providers: [build(ListAuditEvents, [AuditLog])],
    };
  }
}
