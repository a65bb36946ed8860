import { Injectable } from '@nestjs/common';
import { IdentityEvents, type IdentityEvent } from '@cadenza/server/identity/domain';
import { OutboxWriter } from '@cadenza/server/platform/db';

/** Identity's integration events, into the outbox of the current unit of work. */
@Injectable()
export class OutboxIdentityEvents extends IdentityEvents {
  constructor(private readonly outbox: OutboxWriter) {
    super();
  }
  async publish(events: readonly IdentityEvent[]): Promise<void> {
    for (const event of events) await this.outbox.append(event);
  }
}
