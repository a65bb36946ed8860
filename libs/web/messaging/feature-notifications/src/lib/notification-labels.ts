import type { NotificationType } from '@cadenza/shared/contracts';

/** What each notification type is called on screen. */
export const NOTIFICATION_TYPE_LABELS: Record<NotificationType, string> = {
  'lesson.reminder': 'Lesson reminders',
  'lesson.changed': 'Lessons booked, moved or cancelled',
  'lesson-request.updated': 'Lesson requests',
  'message.received': 'New messages',
  'message.flagged': 'Flagged messages (safeguarding)',
  'attendance.register-missing': 'Registers not yet complete (daily reminder)',
  'attendance.absence-streak': 'Absences without notice in a row',
};

/** Offsets in words live with the API client, so every screen that shows them says the same. */
export { describeOffset, describeOffsets } from '@cadenza/web/messaging/data-access-notifications';
