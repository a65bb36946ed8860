import { Injectable } from '@nestjs/common';
import { OutboxWriter } from '@cadenza/server/platform/db';
import { SchedulingEvents, type SchedulingEvent } from '@cadenza/server/scheduling/domain';

/** Scheduling's integration events, into the outbox of the current unit of work. */
@Injectable()
export class OutboxSchedulingEvents extends SchedulingEvents {
  constructor(private readonly outbox: OutboxWriter) {
    super();
  }
  async publish(events: readonly SchedulingEvent[]): Promise<void> {
    for (const event of events) await this.outbox.append(event);
  }
}
