import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { LESSON_EVENT_TYPES, RecordLessonChanges } from '@cadenza/server/attendance/domain';
import { CoalescingRunner } from '@cadenza/server/platform/background';
import { consumeOutbox, OutboxSignal } from '@cadenza/server/platform/db';
import { Clock, DAY } from '@cadenza/shared/kernel';

/** The outbox consumer's name in `outbox_consumptions`. */
export const ATTENDANCE_LESSONS_CONSUMER = 'attendance.lessons';
const BATCH = 200;
/** The safety-net poll: a commit that writes outbox events wakes the consumer at once (`OutboxSignal`). */
const POLL_MS = 2_000;
const RETRY_MS = 2_000;
/**
 * How far back a first start reads scheduling's events: the demo term's lessons from its first weeks, and a school's
 * recent lessons when attendance is added to a running deployment.
 */
const MAX_EVENT_AGE_MS = 120 * DAY;

/**
 * Keeps attendance's copy of the lessons from scheduling's events (`lesson.scheduled.v1`, `lesson.moved.v1`,
 * `lesson.cancelled.v1`), read from the outbox as soon as they are committed. Runs in the api; several instances share
 * the events through their claims, and a batch is recorded in the claim's transaction.
 */
@Injectable()
export class LessonEventsConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('AttendanceLessonEvents');
  private readonly consumer = new CoalescingRunner({
    name: 'attendance lessons outbox poll',
    logger: this.logger,
    afterFailureMs: RETRY_MS,
    pass: async () => ((await this.consumeOnce()) === BATCH ? 0 : POLL_MS),
  });
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly em: EntityManager,
    private readonly record: RecordLessonChanges,
    private readonly signal: OutboxSignal,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.unsubscribe = this.signal.subscribe(() => this.consumer.request());
    this.consumer.start();
  }

  async onModuleDestroy(): Promise<void> {
    this.unsubscribe?.();
    await this.consumer.stop();
  }

  /** Records one batch of lesson events; how many it claimed. */
  consumeOnce(): Promise<number> {
    return consumeOutbox(this.em, ATTENDANCE_LESSONS_CONSUMER, async (_schoolId, events) => void (await this.record.execute(events)), {
      batch: BATCH,
      maxAgeMs: MAX_EVENT_AGE_MS,
      now: this.clock.now(),
      types: LESSON_EVENT_TYPES,
    });
  }
}
