import { DomainError, isTimeZone, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { Temporal } from 'temporal-polyfill';

/** What a notification is about; each type has its own email preference. */
export const NOTIFICATION_KINDS = ['lesson.reminder', 'lesson.changed', 'lesson-request.updated', 'message.received', 'message.flagged', 'attendance.register-missing', 'attendance.absence-streak'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export type DeliveryChannel = 'in_app' | 'email';
export type DeliveryState = 'queued' | 'sent' | 'failed' | 'skipped';

/**
 * Email by default for what needs acting on (reminders, lesson changes, request decisions,
 * flags); not for every new message, which the in-app feed already carries.
 */
export const DEFAULT_EMAIL: Readonly<Record<NotificationKind, boolean>> = {
  'lesson.reminder': true,
  'lesson.changed': true,
  'lesson-request.updated': true,
  'message.received': false,
  'message.flagged': true,
  'attendance.register-missing': true,
  'attendance.absence-streak': true,
};

/** Minutes before a lesson, when the school has not chosen: a day, an hour, half an hour. */
export const DEFAULT_REMINDER_OFFSETS: readonly number[] = [1440, 60, 30];
export const MAX_REMINDER_OFFSETS = 5;
export const MIN_REMINDER_OFFSET = 5;
export const MAX_REMINDER_OFFSET = 7 * 24 * 60;

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export interface QuietHours {
  start: string;
  end: string;
}

export interface PreferencesState {
  userId: UserId;
  schoolId: SchoolId;
  email: Record<NotificationKind, boolean>;
  quietHours: QuietHours | null;
  timeZone: string;
  reminderOffsets: number[] | null;
}

export interface PreferencesPatch {
  email?: Partial<Record<NotificationKind, boolean>>;
  quietHours?: QuietHours | null;
  timeZone?: string;
  reminderOffsets?: number[] | null;
}

/** One person's choices: email per type, quiet hours in their own zone, their reminder offsets. */
export class NotificationPreferences {
  private constructor(private readonly state: PreferencesState) {}

  /** The defaults for someone who has chosen nothing yet, in their profile's time zone. */
  static defaults(userId: UserId, schoolId: SchoolId, timeZone: string): NotificationPreferences {
    return new NotificationPreferences({ userId, schoolId, email: { ...DEFAULT_EMAIL }, quietHours: null, timeZone: isTimeZone(timeZone) ? timeZone : 'UTC', reminderOffsets: null });
  }

  static restore(state: PreferencesState): NotificationPreferences {
    return new NotificationPreferences({ ...state, email: { ...DEFAULT_EMAIL, ...state.email } });
  }

  snapshot(): PreferencesState {
    return { ...this.state, email: { ...this.state.email }, reminderOffsets: this.state.reminderOffsets ? [...this.state.reminderOffsets] : null };
  }

  get userId(): UserId {
    return this.state.userId;
  }
  get timeZone(): string {
    return this.state.timeZone;
  }
  get quietHours(): QuietHours | null {
    return this.state.quietHours;
  }
  get reminderOffsets(): readonly number[] | null {
    return this.state.reminderOffsets;
  }

  wantsEmail(kind: NotificationKind): boolean {
    return this.state.email[kind];
  }

  /** Checks the whole patch before changing anything, so a bad field leaves every other one as it was. */
  apply(patch: PreferencesPatch): void {
    if (patch.timeZone !== undefined && !isTimeZone(patch.timeZone)) {
      throw DomainError.invalid('NOTIFICATIONS.INVALID_TIME_ZONE', 'timeZone', 'Must be an IANA time zone, such as Europe/London.');
    }
    if (patch.quietHours) {
      for (const field of ['start', 'end'] as const) {
        if (!HHMM.test(patch.quietHours[field])) throw DomainError.invalid('NOTIFICATIONS.INVALID_QUIET_HOURS', `quietHours.${field}`, 'Use HH:MM, 24-hour.');
      }
      if (patch.quietHours.start === patch.quietHours.end) {
        throw DomainError.invalid('NOTIFICATIONS.INVALID_QUIET_HOURS', 'quietHours.end', 'Quiet hours must end at another time than they start.');
      }
    }
    let offsets: number[] | null | undefined = patch.reminderOffsets;
    if (offsets) {
      if (offsets.length > MAX_REMINDER_OFFSETS) throw DomainError.invalid('NOTIFICATIONS.INVALID_REMINDER_OFFSETS', 'reminderOffsets', `At most ${MAX_REMINDER_OFFSETS} reminders.`);
      offsets.forEach((offset, i) => {
        if (!Number.isInteger(offset) || offset < MIN_REMINDER_OFFSET || offset > MAX_REMINDER_OFFSET) {
          throw DomainError.invalid('NOTIFICATIONS.INVALID_REMINDER_OFFSETS', `reminderOffsets.${i}`, `Between ${MIN_REMINDER_OFFSET} minutes and a week.`);
        }
      });
      offsets = [...new Set(offsets)].sort((a, b) => b - a);
    }
    if (patch.email) {
      for (const [kind, value] of Object.entries(patch.email)) {
        if (!(NOTIFICATION_KINDS as readonly string[]).includes(kind)) throw DomainError.invalid('NOTIFICATIONS.UNKNOWN_TYPE', `channels.${kind}`, 'Not a notification type.');
        if (typeof value === 'boolean') this.state.email[kind as NotificationKind] = value;
      }
    }
    if (patch.timeZone !== undefined) this.state.timeZone = patch.timeZone;
    if (patch.quietHours !== undefined) this.state.quietHours = patch.quietHours ? { ...patch.quietHours } : null;
    if (offsets !== undefined) this.state.reminderOffsets = offsets;
  }

  /**
   * When an email due at `at` may go: `at` itself, or the end of the quiet hours it falls in,
   * in the person's own zone (wall-clock, so it follows daylight saving).
   */
  emailReleaseAt(at: Date): Date {
    const quiet = this.state.quietHours;
    if (!quiet) return at;
    const local = Temporal.Instant.fromEpochMilliseconds(at.getTime()).toZonedDateTimeISO(this.state.timeZone);
    const now = local.hour * 60 + local.minute;
    const [start, end] = [minutesOf(quiet.start), minutesOf(quiet.end)];
    const inside = start < end ? now >= start && now < end : now >= start || now < end;
    if (!inside) return at;
    let release = local.withPlainTime(Temporal.PlainTime.from(quiet.end));
    if (Temporal.ZonedDateTime.compare(release, local) <= 0) release = release.add({ days: 1 });
    return new Date(release.epochMilliseconds);
  }
}

/** What a person reads in the feed. */
export interface FeedContent {
  title: string;
  body: string;
  /** A route of the console or portal, if the notification leads somewhere. */
  link: string | null;
}

/** What an email says, rendered when the delivery is planned (and again if its lesson moves). */
export interface EmailContent {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The full address the email links to, if any: a digest lists it beside the notification's words. */
  url?: string | null;
}

export interface FeedEntry extends FeedContent {
  id: string;
  schoolId: SchoolId;
  userId: UserId;
  kind: NotificationKind;
  /** What caused it (an event, a reminder's key): at most one entry per person and source. */
  sourceKey: string;
  createdAt: Date;
  readAt: Date | null;
}

/** One send on one channel: planned first, then claimed, sent (or failed, or skipped) once. */
export interface DeliveryPlan {
  key: string;
  schoolId: SchoolId;
  recipientId: UserId;
  kind: NotificationKind;
  channel: DeliveryChannel;
  /** `sent` for what is delivered as it is planned (the in-app entry of an event's notification). */
  status: 'queued' | 'skipped' | 'sent';
  reason: string | null;
  dueAt: Date;
  lessonId: string | null;
  offsetMinutes: number | null;
  /** The feed entry's source; the same for every channel of one notification, so a fallback adds nothing twice. */
  sourceKey: string;
  feed: FeedContent;
  email: EmailContent | null;
  /**
   * An email that may go together with the person's other notifications due in the same window, as one
   * email (a digest); reminders, which are due at their own time, never are.
   */
  digest?: boolean;
}

export interface Delivery extends Omit<DeliveryPlan, 'status'> {
  id: string;
  status: DeliveryState;
  attempts: number;
  /** Set by a claim; only its holder may record the outcome. */
  claimToken: string | null;
  sentAt: Date | null;
  updatedAt: Date;
}

/** The send key of a reminder, as the delivery log shows it. */
export const reminderKey = (lessonId: string, userId: string, offsetMinutes: number, channel: DeliveryChannel) => `reminder:${lessonId}:${userId}:${offsetMinutes}:${channel}`;
