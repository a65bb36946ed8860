import { EntitySchema } from '@mikro-orm/core';
import { schoolOwned } from '@cadenza/server/platform/db';

export interface AuditEventRow {
  id: string;
  schoolId: string;
  occurredAt: Date;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  before: unknown;
  after: unknown;
}

export const AuditEventSchema = new EntitySchema<AuditEventRow>({
  name: 'AuditEventRow',
  tableName: 'audit_events',
  properties: {
    id: { type: 'uuid', primary: true },
    schoolId: { type: 'uuid' },
    occurredAt: { type: 'datetime', columnType: 'timestamptz' },
    actorId: { type: 'uuid', nullable: true },
    action: { type: 'text' },
    entityType: { type: 'text' },
    entityId: { type: 'text', nullable: true },
    ip: { type: 'text', nullable: true },
    userAgent: { type: 'text', nullable: true },
    requestId: { type: 'text', nullable: true },
    before: { type: 'json', nullable: true },
    after: { type: 'json', nullable: true },
  },
  filters: schoolOwned(),
});
