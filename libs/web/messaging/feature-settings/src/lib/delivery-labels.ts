import type { DeliveryStatus, NotificationChannel, NotificationType } from '@cadenza/shared/contracts';

export const DELIVERY_STATUS_LABELS: Record<DeliveryStatus, string> = { queued: 'Queued', sent: 'Sent', failed: 'Failed', skipped: 'Skipped' };

export const DELIVERY_TYPE_LABELS: Record<NotificationType, string> = {
  'lesson.reminder': 'Lesson reminder',
  'lesson.changed': 'Lesson changed',
  'lesson-request.updated': 'Lesson request',
  'message.received': 'New message',
  'message.flagged': 'Flagged message',
  'attendance.register-missing': 'Registers missing',
  'attendance.absence-streak': 'Absence streak',
};

export const DELIVERY_CHANNEL_LABELS: Record<NotificationChannel, string> = { in_app: 'In app', email: 'Email' };

/** An instant as the admin reads it: day, month, year and 24-hour time in their own IANA zone. */
export function deliveryTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}
