import { Injectable } from '@nestjs/common';
import { EntitySchema } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import type { OutgoingEvent } from '@cadenza/shared/integration-events';
import { Migration20261123000250_outbox } from './migrations/Migration20261123000250_outbox.js';
import { Migration20261123000260_outbox_notify } from './migrations/Migration20261123000260_outbox_notify.js';
import { Migration20261123001000_outbox_consumers } from './migrations/Migration20261123001000_outbox_consumers.js';
import { Migration20261208000900_outbox_typed_notify } from './migrations/Migration20261208000900_outbox_typed_notify.js';
import { Migration20261209000000_outbox_consumer_horizons } from './migrations/Migration20261209000000_outbox_consumer_horizons.js';
import { schoolOwned } from './tenancy.js';

export interface OutboxEventRow {
  id: string;
  schoolId: string;
  type: string;
  payload: unknown;
  occurredAt: Date;
  publishedAt: Date | null;
}

export const OutboxEventSchema = new EntitySchema<OutboxEventRow>({
  name: 'OutboxEventRow',
  tableName: 'outbox_events',
  properties: {
    id: { type: 'uuid', primary: true },
    schoolId: { type: 'uuid' },
    type: { type: 'text' },
    payload: { type: 'json' },
    occurredAt: { type: 'datetime', columnType: 'timestamptz' },
    publishedAt: { type: 'datetime', columnType: 'timestamptz', nullable: true },
  },
  filters: schoolOwned(),
});

export const outboxPersistence = {
  entities: [OutboxEventSchema],
  migrations: [
    Migration20261123000250_outbox,
    Migration20261123000260_outbox_notify,
    Migration20261123001000_outbox_consumers,
    Migration20261208000900_outbox_typed_notify,
    Migration20261209000000_outbox_consumer_horizons,
  ],
};

/**
 * Appends integration events to the outbox, through the entity manager: inside a unit of work,
 * in its transaction, so the event commits with the change it describes or not at all.
 */
@Injectable()
export class OutboxWriter {
  constructor(private readonly em: EntityManager) {}

  /** Stores the event under its versioned type (`lesson.moved.v1`), the payload as JSON. */
  async append(event: OutgoingEvent): Promise<void> {
    await this.em.insert(OutboxEventSchema, outboxRow(event));
  }
}

/** The outbox row of an event, not yet published: for `OutboxWriter` and for a statement that writes events with other rows. */
export function outboxRow(event: OutgoingEvent): OutboxEventRow {
  return { id: globalThis.crypto.randomUUID(), schoolId: event.schoolId, type: event.type, payload: event.payload, occurredAt: event.occurredAt, publishedAt: null };
}
