import { Injectable } from '@nestjs/common';
import { OutboxWriter } from '@cadenza/server/platform/db';
import { AttendanceEvents, type AttendanceEvent } from '@cadenza/server/attendance/domain';

/** Attendance's integration events, into the outbox of the current unit of work. */
@Injectable()
export class OutboxAttendanceEvents extends AttendanceEvents {
  constructor(private readonly outbox: OutboxWriter) {
    super();
  }
  async publish(events: readonly AttendanceEvent[]): Promise<void> {
    for (const event of events) await this.outbox.append(event);
  }
}
