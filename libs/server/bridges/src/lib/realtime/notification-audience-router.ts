import { Injectable } from '@nestjs/common';
import { RealtimeRooms, RealtimeRouter, type RealtimeDelivery, type RelayedEvent } from '@cadenza/server/platform/realtime';
import { REALTIME_EVENTS, type NotificationType } from '@cadenza/shared/contracts';

interface NotificationPayload {
  notificationId: string;
  userId: string;
  type: NotificationType;
  unreadCount: number;
}

/** A new notification goes to its person's room only, with their unread count (ids only: the client reads the feed over REST). */
@Injectable()
export class NotificationAudienceRouter extends RealtimeRouter {
  async route(events: readonly RelayedEvent[]): Promise<RealtimeDelivery[]> {
    return events
      .filter((event) => event.type === 'notification.created')
      .map((event) => {
        const p = event.payload as NotificationPayload;
        return { rooms: [RealtimeRooms.user(p.userId)], event: REALTIME_EVENTS.notificationCreated, payload: { notificationId: p.notificationId, type: p.type, unreadCount: p.unreadCount } };
      });
  }
}
