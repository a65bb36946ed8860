import type { UserId } from '@cadenza/shared/kernel';

/** The kinds of notification a person can receive (the same list as the feed's and the preferences'). */
export type NotificationKindV1 = 'lesson.reminder' | 'lesson.changed' | 'lesson-request.updated' | 'message.received' | 'message.flagged' | 'attendance.register-missing' | 'attendance.absence-streak';

/** A notification was added to a person's feed; with their unread count after it. */
export interface NotificationCreatedV1 {
  notificationId: string;
  userId: UserId;
  type: NotificationKindV1;
  unreadCount: number;
}

/** The notifications' events, by versioned type. */
export interface NotificationEventPayloads {
  'notification.created.v1': NotificationCreatedV1;
}
