import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { BILLED_LESSON_EVENT_TYPES, RecordLessonFacts } from '@cadenza/server/billing/domain';
import { OutboxConsumerLoop, OutboxSignal, type ConsumedEvent, type OutboxConsumerSettings } from '@cadenza/server/platform/db';
import { Clock, DAY } from '@cadenza/shared/kernel';

/** The outbox consumer's name in `outbox_consumptions`. */
export const BILLING_LESSONS_CONSUMER = 'billing.lessons';

/**
 * How it reads: 200 events a batch; on a first start, back over the lessons a billing run may still charge (the past
 * months' delivered lessons, the coming month's scheduled ones, the demo term's included); every 2 s as a safety net.
 */
const SETTINGS: OutboxConsumerSettings = { name: BILLING_LESSONS_CONSUMER, types: BILLED_LESSON_EVENT_TYPES, batch: 200, maxAgeMs: 120 * DAY, pollMs: 2_000, retryMs: 2_000 };

/**
 * Keeps billing's copy of the lessons from scheduling's lesson events and attendance's deliveries and withdrawals, read
 * from the outbox as soon as they are committed. Runs in the api; several instances share the events through their
 * claims, and a batch is recorded in the claim's transaction.
 */
@Injectable()
export class LessonFactsConsumer extends OutboxConsumerLoop {
  constructor(
    em: EntityManager,
    signal: OutboxSignal,
    clock: Clock,
    private readonly lessons: RecordLessonFacts,
  ) {
    super(em, signal, clock, SETTINGS);
  }

  protected async handle(_schoolId: string, batch: ConsumedEvent[]): Promise<void> {
    await this.lessons.execute(batch);
  }
}
