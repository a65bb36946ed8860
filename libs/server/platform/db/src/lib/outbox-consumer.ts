import { Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { readOutboxRecord, type OutboxRecord, type StoredEvent } from '@cadenza/shared/integration-events';
import { OUTBOX_CLAIM, OUTBOX_CLAIM_OF_TYPES } from './outbox-statements.js';
import { acrossSchoolsRows } from './school-scoped.js';
import { enterSchool, inOwnContext } from './tenancy.js';

/** An outbox event as a consumer receives it: typed, its type and version known. */
export type ConsumedEvent = StoredEvent;

/** An outbox row that is no known event (an unknown type or version), with why. */
export interface UnreadableEvent {
  record: OutboxRecord;
  reason: string;
}

const logger = new Logger('OutboxConsumer');

/**
 * Reads the outbox for one named consumer beside the socket relay: each call claims up to
 * `batch` events this consumer has not handled, by inserting its `outbox_consumptions` rows
 * first, hands them to `handle` school by school (with the school in force), and commits the
 * claim with whatever the handler wrote. A crash or failed commit leaves them unhandled, to be
 * handled again: handlers are idempotent.
 *
 * The claim is the consumption row itself, so processes of the same consumer never handle an
 * event twice: a second process that picks the same events waits at the row's primary key
 * for the first one's commit, then skips them (`on conflict do nothing` sees committed rows
 * even when its snapshot is older), or takes them over if the first rolled back. Consumers of
 * other names never wait on each other, nor on the relay.
 *
 * Only events younger than `maxAgeMs` are read: a consumer's first start does not replay
 * history (what matters of it, such as upcoming reminders, its sweeps rebuild from state).
 * Of those, a claim reads only events of transactions from the consumer's horizon on, which
 * it moves when it has caught up (see `OUTBOX_CLAIM` and decision 0011): events written in an
 * order other than their commits' are never passed over.
 * A row whose type or version is unknown is claimed but not handed over: it is reported to
 * `unreadable` (by default, a warning in the log), never cast to an event.
 * With `types`, only events of those types are claimed (a consumer that handles few types leaves the rest alone).
 * Returns how many events were claimed.
 */
export async function consumeOutbox(
  em: EntityManager,
  consumer: string,
  handle: (schoolId: string, events: ConsumedEvent[]) => Promise<void>,
  options: { batch: number; maxAgeMs: number; now: Date; unreadable?: (event: UnreadableEvent) => void; types?: readonly string[] },
): Promise<number> {
  const unreadable = options.unreadable ?? ((u: UnreadableEvent) => logger.warn({ consumer, eventId: u.record.id, type: u.record.type, reason: u.reason }, 'outbox event skipped'));
  return inOwnContext(em, () =>
    em.transactional(async (tx) => {
      const since = new Date(options.now.getTime() - options.maxAgeMs);
      const rows = options.types
        ? await acrossSchoolsRows(tx, OUTBOX_CLAIM_OF_TYPES, [consumer, options.now, since, options.batch, `{${options.types.join(',')}}`])
        : await acrossSchoolsRows(tx, OUTBOX_CLAIM, [consumer, options.now, since, options.batch]);
      if (rows.length === 0) return 0;
      const bySchool = new Map<string, ConsumedEvent[]>();
      for (const r of rows) {
        const read = readOutboxRecord({ id: r.id, schoolId: r.school_id, type: r.type, payload: r.payload, occurredAt: new Date(r.occurred_at) });
        if (!read.known) {
          unreadable(read);
          continue;
        }
        bySchool.set(r.school_id, [...(bySchool.get(r.school_id) ?? []), read.event]);
      }
      for (const [schoolId, events] of bySchool) {
        enterSchool(tx, schoolId);
        await handle(schoolId, events);
      }
      return rows.length;
    }),
  );
}
