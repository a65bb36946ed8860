import type { Actor, AuditEntry, AuditTrail, UnitOfWork } from '@cadenza/shared/kernel';

/** What a settings change says in the audit trail: the action, the record it touched, and its state before and after. */
export type SettingsChange = Pick<AuditEntry, 'action' | 'entityType' | 'entityId' | 'before' | 'after'>;

/** Writes a change to the school's settings and its audit event in one unit: both or neither. */
export async function auditedWrite(ports: { audit: AuditTrail; uow: UnitOfWork }, actor: Actor, change: SettingsChange, write: () => Promise<void>): Promise<void> {
  await ports.uow.run(async () => {
    await write();
    await ports.audit.record({ schoolId: actor.schoolId, actorId: actor.userId, ...change });
  });
}
