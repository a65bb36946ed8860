import type { SchoolId, UserId } from './ids.js';

/**
 * Runs a use case's writes as one transaction: all of them, the audit event
 * included, or none. Every read inside it sees the unit's earlier writes.
 * Implemented by the database platform.
 */
export abstract class UnitOfWork {
  abstract run<T>(work: () => Promise<T>): Promise<T>;
}

export interface AuditEntry {
  schoolId: SchoolId;
  /** Null for the system (a sweep, the command-line tool). */
  actorId: UserId | null;
  /** `<context>.<entity>.<verb>`, e.g. `identity.invitation.created`. */
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

/**
 * The trail every data-changing use case writes to, inside its unit of work.
 * Who asked, from where, is added by the adapter from the request being served.
 */
export abstract class AuditTrail {
  abstract record(entry: AuditEntry): Promise<void>;
}
