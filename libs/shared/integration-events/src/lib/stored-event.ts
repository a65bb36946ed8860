import { asId, type SchoolId } from '@cadenza/shared/kernel';
import { isIntegrationEventType, parseEventType, type IntegrationEventType, type StoredEvent } from './integration-event.js';

/** An outbox row as a reader fetched it, before its type is checked. */
export interface OutboxRecord {
  id: string;
  schoolId: string;
  type: string;
  payload: unknown;
  occurredAt: Date;
}

export type ReadOutcome = { readonly known: true; readonly event: StoredEvent } | { readonly known: false; readonly record: OutboxRecord; readonly reason: string };

/**
 * The check at the outbox's read boundary: a row becomes a typed event only if its type (name
 * and version) is known and its payload is an object; anything else is reported to the reader,
 * never cast. Rows written before types carried a version (`lesson.moved`) are read as version 1,
 * whose payloads they have.
 */
export function readOutboxRecord(record: OutboxRecord): ReadOutcome {
  const type = typeOf(record.type);
  if (!type) return { known: false, record, reason: 'unknown event type' };
  if (typeof record.payload !== 'object' || record.payload === null || Array.isArray(record.payload)) return { known: false, record, reason: 'payload is not an object' };
  // The payload was written by the typed writer for this type; only its type is checked here.
  const event = { id: record.id, schoolId: asId<SchoolId>(record.schoolId), occurredAt: record.occurredAt, type, payload: record.payload } as StoredEvent;
  return { known: true, event };
}

function typeOf(stored: string): IntegrationEventType | null {
  if (isIntegrationEventType(stored)) return stored;
  const legacy = `${stored}.v1`;
  return parseEventType(stored) === null && isIntegrationEventType(legacy) ? legacy : null;
}
