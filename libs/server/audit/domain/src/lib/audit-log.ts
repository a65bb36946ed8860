import { DomainError, type SchoolId } from '@cadenza/shared/kernel';

export interface AuditEventView {
  id: string;
  occurredAt: Date;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  ip: string | null;
  userAgent: string | null;
  before: unknown;
  after: unknown;
}

export interface AuditQuery {
  action?: string;
  entityType?: string;
  entityId?: string;
  actorId?: string;
  from?: Date;
  to?: Date;
  /** Keyset cursor: events older than this (occurredAt, id). */
  before?: { occurredAt: Date; id: string };
  limit: number;
}

/** Reads of the trail (writes go through the kernel's AuditTrail port). */
export abstract class AuditLog {
  abstract list(schoolId: SchoolId, query: AuditQuery): Promise<AuditEventView[]>;
}

export class ListAuditEvents {
  constructor(private readonly log: AuditLog) {}

  async execute(actor: { schoolId: SchoolId; roles: readonly string[] }, query: AuditQuery): Promise<{ items: AuditEventView[]; next: string | null }> {
    if (!actor.roles.includes('admin')) {
      throw new DomainError('AUDIT.FORBIDDEN', 'forbidden', 'Only admins can read the audit trail.');
    }
    if (query.from && query.to && query.from.getTime() > query.to.getTime()) {
      throw DomainError.invalid('AUDIT.INVALID_RANGE', 'to', '"to" must not be before "from".');
    }
    const items = await this.log.list(actor.schoolId, { ...query, limit: query.limit + 1 });
    const page = items.slice(0, query.limit);
    const last = page.at(-1);
    const next = items.length > query.limit && last ? encodeCursor(last) : null;
    return { items: page, next };
  }
}

export function encodeCursor(event: { occurredAt: Date; id: string }): string {
  return Buffer.from(`${event.occurredAt.toISOString()}|${event.id}`).toString('base64url');
}

export function decodeCursor(cursor: string): { occurredAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const occurredAt = new Date(at ?? '');
  if (!id || Number.isNaN(occurredAt.getTime())) {
    throw DomainError.invalid('AUDIT.INVALID_CURSOR', 'cursor', 'This cursor is not one the server gave out.');
  }
  return { occurredAt, id };
}
