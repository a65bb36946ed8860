import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ReapplySafeguarding } from '@cadenza/server/messaging/domain';
import { CoalescingRunner } from '@cadenza/server/platform/background';
import { consumeOutbox, OutboxSignal } from '@cadenza/server/platform/db';
import type { IntegrationEventType } from '@cadenza/shared/integration-events';
import { asId, Clock, HOUR, type SchoolId } from '@cadenza/shared/kernel';

/** The outbox consumer's name in `outbox_consumptions`. */
export const SAFEGUARDING_CONSUMER = 'messaging.safeguarding';
/** The events that may change who counts as a minor. */
const TRIGGERS: readonly IntegrationEventType[] = ['student.date_of_birth_changed.v1'];
const BATCH = 100;
/** The safety-net poll: a commit that writes one of the trigger events wakes the consumer at once (`OutboxSignal`). */
const POLL_MS = 2_000;
const RETRY_MS = 2_000;
/**
 * How far back an api that was down still picks up a change. Posting checks the rule as it stands anyway; what a
 * missed event loses is only the lead's notice and the oversight mark made ahead of the next post.
 */
const MAX_EVENT_AGE_MS = 24 * HOUR;

/**
 * Applies messaging's safeguarding rule again to a person's threads when identity says their date of birth changed
 * (`student.date_of_birth_changed.v1`, read from the outbox as soon as it is committed): whether they count as a
 * minor may have changed. Runs in the api; several instances share the events through their claims.
 */
@Injectable()
export class SafeguardingTriggers implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('SafeguardingTriggers');
  private readonly consumer = new CoalescingRunner({
    name: 'safeguarding outbox poll',
    logger: this.logger,
    afterFailureMs: RETRY_MS,
    pass: async () => ((await this.consumeOnce()) === BATCH ? 0 : POLL_MS),
  });
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly em: EntityManager,
    private readonly reapply: ReapplySafeguarding,
    private readonly signal: OutboxSignal,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.unsubscribe = this.signal.subscribe(() => this.consumer.request(), { types: TRIGGERS });
    this.consumer.start();
  }

  async onModuleDestroy(): Promise<void> {
    this.unsubscribe?.();
    await this.consumer.stop();
  }

  /** Handles one batch of trigger events; how many it claimed. */
  consumeOnce(): Promise<number> {
    return consumeOutbox(
      this.em,
      SAFEGUARDING_CONSUMER,
      async (schoolId, events) => {
        for (const event of events) {
          if (event.type !== 'student.date_of_birth_changed.v1') continue;
          const changes = await this.reapply.forPeople({ schoolId: asId<SchoolId>(schoolId), actorId: event.payload.actorId }, [event.payload.studentId]);
          if (changes.length > 0) this.logger.log({ schoolId, studentId: event.payload.studentId, threads: changes.length }, 'safeguarding applied again after a date of birth changed');
        }
      },
      { batch: BATCH, maxAgeMs: MAX_EVENT_AGE_MS, now: this.clock.now(), types: TRIGGERS },
    );
  }
}
