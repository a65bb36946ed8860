import { Injectable } from '@nestjs/common';
import { EntitySchema } from '@mikro-orm/core';
import type { OutgoingEvent } from '@cadenza/shared/integration-events';
import { DeferredWrites } from './deferred-writes.js';
import { Migration20261123000250_outbox } from './migrations/Migration20261123000250_outbox.js';
import { Migration20261123000260_outbox_notify } from './migrations/Migration20261123000260_outbox_notify.js';
import { Migration20261123001000_outbox_consumers } from './migrations/Migration20261123001000_outbox_consumers.js';
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

export const outboxPersistence = { entities: [OutboxEventSchema], migrations: [Migration20261123000250_outbox, Migration20261123000260_outbox_notify, Migration20261123001000_outbox_consumers] };

/**
 * Appends integration events to the outbox: inside a unit of work, the event commits with the
 * change it describes or not at all (sent with the unit of work's other deferred inserts, in one
 * round trip before its commit: nothing reads the outbox inside the transaction that writes it).
 */
@Injectable()
export class OutboxWriter {
  constructor(private readonly writes: DeferredWrites) {}

  /** Stores the event under its versioned type (`lesson.moved.v1`), the payload as JSON. */
  async append(event: OutgoingEvent): Promise<void> {
    await this.writes.insert(`insert into outbox_events (id, school_id, type, payload, occurred_at) values (?, ?, ?, ?::jsonb, ?)`, [
      globalThis.crypto.randomUUID(),
      event.schoolId,
      event.type,
      JSON.stringify(event.payload),
      event.occurredAt,
    ]);
  }
}
