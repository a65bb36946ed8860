import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { FEED_LESSON_EVENT_TYPES, RecordFeedLessons } from '@cadenza/server/calendar-sync/domain';
import { OutboxConsumerLoop, OutboxSignal, type ConsumedEvent, type OutboxConsumerSettings } from '@cadenza/server/platform/db';
import { Clock, DAY } from '@cadenza/shared/kernel';

/** The outbox consumer's name in `outbox_consumptions`. */
export const CALENDAR_SYNC_LESSONS_CONSUMER = 'calendar_sync.lessons';

/** How it reads: 200 events a batch; on a first start, back over the feeds' history and the demo term; every 2 s as a safety net. */
const SETTINGS: OutboxConsumerSettings = { name: CALENDAR_SYNC_LESSONS_CONSUMER, types: FEED_LESSON_EVENT_TYPES, batch: 200, maxAgeMs: 120 * DAY, pollMs: 2_000, retryMs: 2_000 };

/**
 * Keeps calendar sync's copy of the lessons from scheduling's lesson events, read from the outbox as soon as they are
 * committed. Runs in the api; several instances share the events through their claims, and a batch is recorded in
 * the claim's transaction.
 */
@Injectable()
export class FeedLessonsConsumer extends OutboxConsumerLoop {
  constructor(
    em: EntityManager,
    signal: OutboxSignal,
    clock: Clock,
    private readonly lessons: RecordFeedLessons,
  ) {
    super(em, signal, clock, SETTINGS);
  }

  protected async handle(_schoolId: string, batch: ConsumedEvent[]): Promise<void> {
    await this.lessons.execute(batch);
  }
}
