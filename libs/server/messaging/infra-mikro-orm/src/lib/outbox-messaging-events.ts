import { Injectable } from '@nestjs/common';
import { OutboxWriter } from '@cadenza/server/platform/db';
import { MessagingEvents, type MessagingEvent } from '@cadenza/server/messaging/domain';

/** Messaging's integration events, into the outbox of the current unit of work. They carry ids, never bodies. */
@Injectable()
export class OutboxMessagingEvents extends MessagingEvents {
  constructor(private readonly outbox: OutboxWriter) {
    super();
  }
  async publish(events: readonly MessagingEvent[]): Promise<void> {
    for (const event of events) await this.outbox.append(event);
  }
}
