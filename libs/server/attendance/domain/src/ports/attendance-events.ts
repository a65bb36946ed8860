import type { AttendanceIntegrationEvent, OutgoingEvent } from '@cadenza/shared/integration-events';

export type AttendanceEvent = OutgoingEvent<AttendanceIntegrationEvent>;

/** Attendance's integration events, written in the unit of work that caused them (the outbox). */
export abstract class AttendanceEvents {
  abstract publish(events: readonly AttendanceEvent[]): Promise<void>;
}
