import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ReapplySafeguarding } from '@cadenza/server/messaging/domain';
import { OutboxConsumerLoop, OutboxSignal, type ConsumedEvent } from '@cadenza/server/platform/db';
import type { IntegrationEventType } from '@cadenza/shared/integration-events';
import { asId, Clock, HOUR, type SchoolId } from '@cadenza/shared/kernel';

/** The outbox consumer's name in `outbox_consumptions`. */
export const SAFEGUARDING_CONSUMER = 'messaging.safeguarding';
/** The events that may change who counts as a minor. */
const TRIGGERS: readonly IntegrationEventType[] = ['student.date_of_birth_changed.v1'];

/**
 * Applies messaging's safeguarding rule again to a person's threads when identity says their date of birth changed
 * (`student.date_of_birth_changed.v1`, read from the outbox as soon as it is committed): whether they count as a
 * minor may have changed. Runs in the api; several instances share the events through their claims.
 */
@Injectable()
export class SafeguardingTriggers extends OutboxConsumerLoop {
  constructor(
    em: EntityManager,
    signal: OutboxSignal,
    clock: Clock,
    private readonly reapply: ReapplySafeguarding,
  ) {
    super(em, signal, clock, {
      name: SAFEGUARDING_CONSUMER,
      types: TRIGGERS,
      batch: 100,
      // How far back an api that was down still picks up a change. Posting checks the rule as it stands anyway; what a
      // missed event loses is only the lead's notice and the oversight mark made ahead of the next post.
      maxAgeMs: 24 * HOUR,
      pollMs: 2_000,
      retryMs: 2_000,
    });
  }

  protected async handle(schoolId: string, events: ConsumedEvent[]): Promise<void> {
    for (const event of events) {
      if (event.type !== 'student.date_of_birth_changed.v1') continue;
      const changes = await this.reapply.forPeople({ schoolId: asId<SchoolId>(schoolId), actorId: event.payload.actorId }, [event.payload.studentId]);
      if (changes.length > 0) this.logger.log({ schoolId, studentId: event.payload.studentId, threads: changes.length }, 'safeguarding applied again after a date of birth changed');
    }
  }
}
