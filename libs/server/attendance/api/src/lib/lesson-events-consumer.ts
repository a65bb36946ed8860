import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { LESSON_EVENT_TYPES, RecordLessonChanges } from '@cadenza/server/attendance/domain';
import { OutboxConsumerLoop, OutboxSignal, type ConsumedEvent } from '@cadenza/server/platform/db';
import { Clock, DAY } from '@cadenza/shared/kernel';

/** The outbox consumer's name in `outbox_consumptions`. */
export const ATTENDANCE_LESSONS_CONSUMER = 'attendance.lessons';

/**
 * Keeps attendance's copy of the lessons from scheduling's events (`lesson.scheduled.v1`, `lesson.moved.v1`,
 * `lesson.cancelled.v1`), read from the outbox as soon as they are committed. Runs in the api; several instances share
 * the events through their claims, and a batch is recorded in the claim's transaction.
 */
@Injectable()
export class LessonEventsConsumer extends OutboxConsumerLoop {
  constructor(
    em: EntityManager,
    signal: OutboxSignal,
    clock: Clock,
    private readonly record: RecordLessonChanges,
  ) {
    super(em, signal, clock, {
      name: ATTENDANCE_LESSONS_CONSUMER,
      types: LESSON_EVENT_TYPES,
      batch: 200,
      // How far back a first start reads scheduling's events: the demo term's lessons from its first weeks, and a
      // school's recent lessons when attendance is added to a running deployment.
      maxAgeMs: 120 * DAY,
      pollMs: 2_000,
      retryMs: 2_000,
    });
  }

  protected async handle(_schoolId: string, events: ConsumedEvent[]): Promise<void> {
    await this.record.execute(events);
  }
}
