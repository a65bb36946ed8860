import { z } from 'zod';

/**
 * Notifications, reminders and live counters over REST. Instants are ISO 8601 strings (UTC);
 * times of day are `HH:MM` in the user's own IANA time zone.
 */

/** What a notification is about. Each type has its own preference per channel. */
export const NOTIFICATION_TYPES = [
  'lesson.reminder',
  'lesson.changed',
  'lesson-request.updated',
  'message.received',
  'message.flagged',
  'attendance.register-missing',
  'attendance.absence-streak',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** How a notification reaches someone. In-app is always written; email follows preferences and quiet hours. */
export const NOTIFICATION_CHANNELS = ['in_app', 'email'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** The state of one send on one channel, as the delivery log shows it. */
export const DELIVERY_STATUSES = ['queued', 'sent', 'failed', 'skipped'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Minutes before a lesson; the school's default is [1440, 60, 30]. */
export const REMINDER_OFFSETS_LIMIT = 5;

// What answers carry (plain strings: the schemas of answers describe, they do not validate).
const id = z.string().meta({ format: 'uuid' });
const at = z.string().meta({ format: 'date-time' });

export const Notification = z
  .object({
    id,
    type: z.enum(NOTIFICATION_TYPES),
    title: z.string(),
    body: z.string(),
    /** Where the app should take the user (a route of the console or portal), if anywhere. */
    link: z.string().nullable(),
    createdAt: at,
    readAt: at.nullable(),
  })
  .meta({ id: 'Notification', example: { id: '1e2f3a4b-5c6d-4e7f-88a9-0b1c2d3e4f5a', type: 'lesson.changed', title: 'Lesson moved', body: 'Sam’s piano lesson moved to Tuesday 15 September, 16:00.', link: '/lessons', createdAt: '2026-09-14T10:00:00.000Z', readAt: null } });
export type Notification = z.infer<typeof Notification>;

export const NotificationPage = z.object({ items: z.array(Notification), unreadCount: z.number().int() }).meta({ id: 'NotificationPage' });
export type NotificationPage = z.infer<typeof NotificationPage>;

const emailChoice = z.object({ email: z.boolean() });

export const NotificationPreferences = z
  .object({
    /** For each type, the channels this user wants besides in-app (which is always written). */
    channels: z.object(Object.fromEntries(NOTIFICATION_TYPES.map((type) => [type, emailChoice])) as Record<NotificationType, typeof emailChoice>),
    /** Email waits while quiet hours last, in `timeZone`; null when there are none. */
    quietHours: z.object({ start: z.string(), end: z.string() }).nullable(),
    timeZone: z.string(),
    /** Minutes before each lesson the user wants a reminder; null follows the school's default. */
    reminderOffsets: z.array(z.number().int()).nullable(),
    /** The school's default, for display. */
    schoolReminderOffsets: z.array(z.number().int()),
  })
  .meta({ id: 'NotificationPreferences', example: { channels: { 'lesson.reminder': { email: true }, 'lesson.changed': { email: true }, 'lesson-request.updated': { email: true }, 'message.received': { email: false }, 'message.flagged': { email: true }, 'attendance.register-missing': { email: true }, 'attendance.absence-streak': { email: true } }, quietHours: { start: '21:00', end: '07:30' }, timeZone: 'Europe/London', reminderOffsets: null, schoolReminderOffsets: [1440, 60, 30] } });
export type NotificationPreferences = z.infer<typeof NotificationPreferences>;

export const DeliveryLogEntry = z
  .object({
    id,
    /** The unique send key: for a reminder `reminder:<lessonId>:<userId>:<offset>:<channel>`. */
    key: z.string(),
    recipientId: id,
    type: z.enum(NOTIFICATION_TYPES),
    channel: z.enum(NOTIFICATION_CHANNELS),
    status: z.enum(DELIVERY_STATUSES),
    /** Why it failed or was skipped (quiet hours move it, a preference skips it). */
    reason: z.string().nullable(),
    attempts: z.number().int(),
    dueAt: at,
    sentAt: at.nullable(),
    updatedAt: at,
  })
  .meta({ id: 'DeliveryLogEntry', example: { id: '2f3a4b5c-6d7e-4f8a-99b0-1c2d3e4f5a6b', key: 'reminder:a7b8c9d0-e1f2-4a3b-8c4d-5e6f7a8b9c0d:c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f:60:email', recipientId: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f', type: 'lesson.reminder', channel: 'email', status: 'sent', reason: null, attempts: 1, dueAt: '2026-09-15T14:00:00.000Z', sentAt: '2026-09-15T14:00:02.000Z', updatedAt: '2026-09-15T14:00:02.000Z' } });
export type DeliveryLogEntry = z.infer<typeof DeliveryLogEntry>;

export const UnreadCount = z.object({ unreadCount: z.number().int() }).meta({ id: 'UnreadCount', example: { unreadCount: 3 } });
export type UnreadCount = z.infer<typeof UnreadCount>;

export const MarkedRead = z.object({ marked: z.number().int().describe('How many notifications were marked read.') }).meta({ id: 'MarkedRead', example: { marked: 3 } });
export type MarkedRead = z.infer<typeof MarkedRead>;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM, 24-hour.');

export const NotificationsQuery = z.strictObject({
  unread: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  before: z.iso.datetime({ message: 'Use an ISO 8601 instant.' }).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});
export type NotificationsQuery = z.infer<typeof NotificationsQuery>;

export const MarkNotificationsReadRequest = z.strictObject({
  /** Mark these; omit to mark every notification read. */
  ids: z.array(z.uuid({ message: 'Must be a UUID.' })).max(200).optional(),
});
export type MarkNotificationsReadRequest = z.infer<typeof MarkNotificationsReadRequest>;

export const UpdateNotificationPreferencesRequest = z.strictObject({
  channels: z.partialRecord(z.enum(NOTIFICATION_TYPES), z.strictObject({ email: z.boolean() })).optional(),
  quietHours: z.strictObject({ start: hhmm, end: hhmm }).nullable().optional(),
  timeZone: z.string().min(1).max(64).optional(),
  reminderOffsets: z
    .array(z.number().int().min(5, 'At least 5 minutes.').max(7 * 24 * 60, 'At most a week.'))
    .max(REMINDER_OFFSETS_LIMIT, `At most ${REMINDER_OFFSETS_LIMIT} reminders.`)
    .nullable()
    .optional(),
});
export type UpdateNotificationPreferencesRequest = z.infer<typeof UpdateNotificationPreferencesRequest>;

/** The school's notification settings (admins): the default reminder offsets, in minutes before a lesson. */
export const NotificationSettings = z.object({ reminderOffsets: z.array(z.number().int()) }).meta({ id: 'NotificationSettings', example: { reminderOffsets: [1440, 60, 30] } });
export type NotificationSettings = z.infer<typeof NotificationSettings>;

export const UpdateNotificationSettingsRequest = z.strictObject({
  reminderOffsets: z
    .array(z.number().int().min(5, 'At least 5 minutes.').max(7 * 24 * 60, 'At most a week.'))
    .min(1, 'At least one reminder.')
    .max(REMINDER_OFFSETS_LIMIT, `At most ${REMINDER_OFFSETS_LIMIT} reminders.`),
});
export type UpdateNotificationSettingsRequest = z.infer<typeof UpdateNotificationSettingsRequest>;

/**
 * The delivery log, newest change first. To page, pass the `updatedAt` and `key` of the last entry of the
 * previous page as `before` and `beforeKey` (both, or neither).
 */
export const DeliveryLogQuery = z
  .strictObject({
    status: z.enum(DELIVERY_STATUSES).optional(),
    recipientId: z.uuid({ message: 'Must be a UUID.' }).optional(),
    limit: z.coerce.number().int().min(1).max(500).optional(),
    before: z.iso.datetime({ offset: true, message: 'Use an ISO 8601 instant.' }).optional(),
    beforeKey: z.string().min(1).max(500).optional(),
  })
  .superRefine((query, context) => {
    if ((query.before === undefined) !== (query.beforeKey === undefined)) {
      context.addIssue({
        code: 'custom',
        path: [query.before === undefined ? 'before' : 'beforeKey'],
        message: 'Give both before and beforeKey (the last entry’s updatedAt and key), or neither.',
      });
    }
  });
export type DeliveryLogQuery = z.infer<typeof DeliveryLogQuery>;

/**
 * Live counters for the home pages (`GET /api/v1/me/counters`, then `counters.updated.v1`
 * on the socket, which carries the same object). The role decides which fields there are;
 * a person with several roles gets the counters of the first of admin, teacher,
 * accompanist, parent, student they hold. "Today" is the school's calendar day in its time
 * zone. An admin's check-ins and missing registers come from attendance's registers.
 */
export const AdminCounters = z
  .object({
    role: z.literal('admin'),
    /** Lessons (not cancelled) taking place today, school-wide. */
    lessonsToday: z.number().int(),
    /** Lessons (not cancelled, not ended) running at this minute, or started early by their teacher. */
    lessonsInProgress: z.number().int(),
    /** Students marked present or late in the lessons in progress. */
    checkedInNow: z.number().int(),
    /** Today's lessons (the school's day) that have ended without every student marked. */
    registersMissingToday: z.number().int(),
    /** Active rooms with no lesson running in them at this minute. */
    freeRoomsNow: z.number().int(),
    /** Lesson requests waiting for a decision. */
    pendingRequests: z.number().int(),
    unreadMessages: z.number().int(),
    /**
     * Flagged messages (flags cannot be closed yet, so every flag of the school counts).
     * Present only for the safeguarding lead, or for every admin when the school has no lead.
     */
    openFlags: z.number().int().optional(),
  })
  .meta({ id: 'AdminCounters', example: { role: 'admin', lessonsToday: 42, lessonsInProgress: 5, checkedInNow: 9, registersMissingToday: 1, freeRoomsNow: 2, pendingRequests: 3, unreadMessages: 1, openFlags: 0 } });
export type AdminCounters = z.infer<typeof AdminCounters>;
export const TeacherCounters = z
  .object({
    role: z.enum(['teacher', 'accompanist']),
    /** Their own lessons (not cancelled) taking place today. */
    lessonsToday: z.number().int(),
    unreadMessages: z.number().int(),
  })
  .meta({ id: 'TeacherCounters', example: { role: 'teacher', lessonsToday: 6, unreadMessages: 2 } });
export type TeacherCounters = z.infer<typeof TeacherCounters>;
export const FamilyCounters = z
  .object({
    role: z.enum(['student', 'parent']),
    unreadMessages: z.number().int(),
    /** Lessons (not cancelled) not yet over and starting within the next 7 days: the user's own, or their children's. */
    upcomingLessons: z.number().int(),
  })
  .meta({ id: 'FamilyCounters', example: { role: 'parent', unreadMessages: 1, upcomingLessons: 2 } });
export type FamilyCounters = z.infer<typeof FamilyCounters>;
export const DashboardCounters = z.union([AdminCounters, TeacherCounters, FamilyCounters]).meta({ id: 'DashboardCounters' });
export type DashboardCounters = AdminCounters | TeacherCounters | FamilyCounters;
