import { Injectable, Module } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { AuditLog, type AuditEventView, type AuditQuery } from '@cadenza/server/audit/domain';
import { RequestContext } from '@cadenza/server/platform/http';
import { AuditTrail, Clock, type AuditEntry, type SchoolId } from '@cadenza/shared/kernel';
import { AuditEventSchema } from './audit-event.entity.js';
import { Migration20261123000200_audit } from './migrations/Migration20261123000200_audit.js';
import { Migration20261208000410_audit_erasure } from './migrations/Migration20261208000410_audit_erasure.js';

/**
 * Writes audit events through the entity manager, inside the use case's unit of work,
 * so the event commits or rolls back with the change it records. Where the request
 * came from is taken from the request being served.
 */
@Injectable()
export class MikroOrmAuditTrail extends AuditTrail {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
  ) {
    super();
  }

  async record(entry: AuditEntry): Promise<void> {
    const meta = RequestContext.current();
    await this.em.insert(AuditEventSchema, {
      id: globalThis.crypto.randomUUID(),
      schoolId: entry.schoolId,
      occurredAt: this.clock.now(),
      actorId: entry.actorId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      ip: meta?.ip ?? null,
      userAgent: meta?.userAgent ?? null,
      requestId: meta?.requestId ?? null,
      before: entry.before ?? null,
      after: entry.after ?? null,
    });
  }
}

@Injectable()
export class MikroOrmAuditLog extends AuditLog {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async list(schoolId: SchoolId, query: AuditQuery): Promise<AuditEventView[]> {
    const where: Record<string, unknown> = { schoolId };
    if (query.action) where['action'] = query.action;
    if (query.entityType) where['entityType'] = query.entityType;
    if (query.entityId) where['entityId'] = query.entityId;
    if (query.actorId) where['actorId'] = query.actorId;
    const time: Record<string, Date> = {};
    if (query.from) time['$gte'] = query.from;
    if (query.to) time['$lte'] = query.to;
    if (Object.keys(time).length) where['occurredAt'] = time;
    if (query.before) {
      where['$or'] = [
        { occurredAt: { $lt: query.before.occurredAt } },
        { occurredAt: query.before.occurredAt, id: { $lt: query.before.id } },
      ];
    }
    const rows = await this.em.find(AuditEventSchema, where, { orderBy: { occurredAt: 'desc', id: 'desc' }, limit: query.limit, disableIdentityMap: true });
    return rows.map(({ schoolId: _s, requestId: _r, ...view }) => view);
  }
}

export const auditPersistence = { entities: [AuditEventSchema], migrations: [Migration20261123000200_audit, Migration20261208000410_audit_erasure] };

const providers = [
  { provide: AuditTrail, useClass: MikroOrmAuditTrail },
  { provide: AuditLog, useClass: MikroOrmAuditLog },
];

@Module({ providers, exports: providers.map((p) => p.provide) })
export class AuditMikroOrmModule {}
