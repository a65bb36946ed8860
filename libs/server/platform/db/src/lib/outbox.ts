import { Injectable } from '@nestjs/common';
import { EntitySchema } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Migration20261123000250_outbox } from './migrations/Migration20261123000250_outbox.js';
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

export const outboxPersistence = { entities: [OutboxEventSchema], migrations: [Migration20261123000250_outbox] };

/**
 * Appends integration events to the outbox through the context-aware EntityManager:
 * inside a unit of work, the event commits with the change it describes or not at all.
 */
@Injectable()
export class OutboxWriter {
  constructor(private readonly em: EntityManager) {}

  async append(event: { schoolId: string; type: string; payload: unknown; occurredAt: Date }): Promise<void> {
    await this.em.insert(OutboxEventSchema, {
      id: globalThis.crypto.randomUUID(),
      schoolId: event.schoolId,
      type: event.type,
      payload: JSON.parse(JSON.stringify(event.payload)),
      occurredAt: event.occurredAt,
      publishedAt: null,
    });
  }
}
