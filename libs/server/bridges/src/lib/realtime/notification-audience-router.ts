import { Injectable } from '@nestjs/common';
import { RealtimeRooms, RealtimeRouter, type RealtimeDelivery, type RelayedEvent } from '@cadenza/server/platform/realtime';
import { REALTIME_EVENTS } from '@cadenza/shared/contracts';
import { isEventOf } from '@cadenza/shared/integration-events';

/** A new notification goes to its person's room only, with their unread count (ids only: the client reads the feed over REST). */
@Injectable()
export class NotificationAudienceRouter extends RealtimeRouter {
  async route(events: readonly RelayedEvent[]): Promise<RealtimeDelivery[]> {
    return events
      .filter((event) => isEventOf(event, 'notification.created.v1'))
      .map((event) => {
        const p = event.payload;
        return { rooms: [RealtimeRooms.user(p.userId)], event: REALTIME_EVENTS.notificationCreated, payload: { notificationId: p.notificationId, type: p.type, unreadCount: p.unreadCount } };
      });
  }
}
