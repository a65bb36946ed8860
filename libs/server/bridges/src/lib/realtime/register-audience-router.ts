import { Injectable } from '@nestjs/common';
import { RealtimeRooms, RealtimeRouter, type RealtimeDelivery, type RelayedEvent } from '@cadenza/server/platform/realtime';
import { REALTIME_EVENTS } from '@cadenza/shared/contracts';
import { isEventOf } from '@cadenza/shared/integration-events';

/**
 * Who hears that a register changed (`attendance.register_changed.v1`): the people who keep it, its lesson's teacher and
 * accompanist, and the school's admins, so a second device or the office sees marks as they are made. Ids and counts only.
 */
@Injectable()
export class RegisterAudienceRouter extends RealtimeRouter {
  async route(events: readonly RelayedEvent[]): Promise<RealtimeDelivery[]> {
    return events
      .filter((e) => isEventOf(e, 'attendance.register_changed.v1'))
      .map((event) => {
        const { lessonId, teacherId, accompanistId, counts, startedAt, endedAt } = event.payload;
        const marked = counts.present + counts.late + counts.absentWithNotice + counts.absentWithoutNotice + counts.excused;
        return {
          rooms: [RealtimeRooms.user(teacherId), ...(accompanistId ? [RealtimeRooms.user(accompanistId)] : []), RealtimeRooms.schoolAdmins(event.schoolId)],
          event: REALTIME_EVENTS.registerChanged,
          payload: { lessonId, students: counts.students, marked, startedAt, endedAt },
        };
      });
  }
}
