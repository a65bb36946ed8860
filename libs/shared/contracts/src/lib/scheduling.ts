import { z } from 'zod';
import { LESSON_FORMATS, MAX_SERIES_OCCURRENCES, REQUEST_KINDS, REQUEST_STATUSES, type ConflictKind, type LessonStatus } from './constants.js';

export { type ConflictKind, type LessonStatus } from './constants.js';

/**
 * Scheduling over REST. Instants are ISO 8601 strings with an offset (stored UTC);
 * dates (`YYYY-MM-DD`) and wall-clock times (`HH:mm`) are in the school's time zone.
 */
const uuid = z.uuid({ message: 'Must be a UUID.' });
const instant = z.iso.datetime({ offset: true, message: 'Must be an ISO 8601 date-time with an offset.' });
const date = z.iso.date({ message: 'Must be a date, YYYY-MM-DD.' });
const wallTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Must be a time, HH:mm.');
const text = (max: number) => z.string().trim().min(1, 'Required.').max(max);

// ---- rooms, terms, closures, lesson types ----------------------------------------

export interface Room {
  id: string;
  name: string;
  capacity: number;
  features: string[];
  active: boolean;
}
export const CreateRoomRequest = z.strictObject({
  name: text(80),
  capacity: z.number().int().min(1).max(500),
  features: z.array(text(40)).max(20).default([]),
});
export type CreateRoomRequest = z.infer<typeof CreateRoomRequest>;
export const UpdateRoomRequest = CreateRoomRequest.partial().extend({ active: z.boolean().optional() }).strict();
export type UpdateRoomRequest = z.infer<typeof UpdateRoomRequest>;

export interface Term {
  id: string;
  name: string;
  startDate: string;
  endDate: string;
}
export const CreateTermRequest = z.strictObject({ name: text(80), startDate: date, endDate: date });
export type CreateTermRequest = z.infer<typeof CreateTermRequest>;

/** A holiday or one-off closure; both dates inclusive. */
export interface Closure {
  id: string;
  name: string;
  startDate: string;
  endDate: string;
}
export const CreateClosureRequest = z.strictObject({ name: text(80), startDate: date, endDate: date });
export type CreateClosureRequest = z.infer<typeof CreateClosureRequest>;

export interface LessonType {
  id: string;
  name: string;
  durationMinutes: number;
  format: (typeof LESSON_FORMATS)[number];
  /** Default rate in minor units of the school's currency, for billing; null when not set. */
  rateMinor: number | null;
}
export const CreateLessonTypeRequest = z.strictObject({
  name: text(80),
  durationMinutes: z.number().int().min(5).max(480),
  format: z.enum(LESSON_FORMATS),
  rateMinor: z.number().int().min(0).max(10_000_000).nullable().default(null),
});
export type CreateLessonTypeRequest = z.infer<typeof CreateLessonTypeRequest>;

// ---- availability ----------------------------------------------------------------

/** Weekly window in the school's zone; weekday 1 = Monday … 7 = Sunday. */
export interface AvailabilityWindow {
  weekday: number;
  startTime: string;
  endTime: string;
}
export interface AvailabilityException {
  id: string;
  date: string;
  /** `unavailable`: the whole day, or between the times when given. `available`: extra time that day. */
  kind: 'unavailable' | 'available';
  startTime: string | null;
  endTime: string | null;
  reason: string | null;
}
export interface Availability {
  personId: string;
  windows: AvailabilityWindow[];
  exceptions: AvailabilityException[];
  /** Changeover / travel time kept free after each lesson. */
  bufferMinutes: number;
}
const windowSchema = z.strictObject({ weekday: z.number().int().min(1).max(7), startTime: wallTime, endTime: wallTime });
export const SetAvailabilityRequest = z.strictObject({
  windows: z.array(windowSchema).max(50),
  bufferMinutes: z.number().int().min(0).max(120).default(0),
});
export type SetAvailabilityRequest = z.infer<typeof SetAvailabilityRequest>;
export const AddAvailabilityExceptionRequest = z.strictObject({
  date,
  kind: z.enum(['unavailable', 'available']),
  startTime: wallTime.nullable().default(null),
  endTime: wallTime.nullable().default(null),
  reason: z.string().trim().max(200).nullable().default(null),
});
export type AddAvailabilityExceptionRequest = z.infer<typeof AddAvailabilityExceptionRequest>;

/** A path naming one person (a teacher's or accompanist's availability). */
export const PersonParam = z.strictObject({ personId: uuid });
export type PersonParam = z.infer<typeof PersonParam>;

export const FreeSlotsQuery = z.strictObject({
  teacherId: uuid,
  durationMinutes: z.coerce.number().int().min(5).max(480),
  from: instant,
  to: instant,
  studentId: uuid.optional(),
  accompanistId: uuid.optional(),
  roomFeature: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(5),
});
export type FreeSlotsQuery = z.infer<typeof FreeSlotsQuery>;
export interface FreeSlot {
  start: string;
  end: string;
  roomId: string | null;
}

// ---- lessons and conflicts -------------------------------------------------------


export interface Lesson {
  id: string;
  teacherId: string;
  studentIds: string[];
  roomId: string | null;
  accompanistId: string | null;
  lessonTypeId: string | null;
  seriesId: string | null;
  start: string;
  end: string;
  status: LessonStatus;
  cancellation: { by: string; reason: string; at: string; late: boolean; creditGranted: boolean } | null;
}

export interface Conflict {
  kind: ConflictKind;
  severity: 'hard' | 'soft';
  /** The other lesson, closure or person concerned. */
  id: string | null;
  start: string;
  end: string;
  message: string;
}

/** Body of a 409 from booking, moving or approving: what clashes, and free slots nearby. */
export interface ConflictProblem {
  code: 'SCHEDULING.CONFLICT';
  conflicts: Conflict[];
  suggestions: FreeSlot[];
}

export const LessonsQuery = z.strictObject({
  from: instant,
  to: instant,
  teacherId: uuid.optional(),
  studentId: uuid.optional(),
  roomId: uuid.optional(),
  accompanistId: uuid.optional(),
  includeCancelled: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});
export type LessonsQuery = z.infer<typeof LessonsQuery>;

export const BookLessonRequest = z.strictObject({
  teacherId: uuid,
  studentIds: z.array(uuid).min(1, 'Add at least one student.').max(40),
  roomId: uuid.nullable().default(null),
  accompanistId: uuid.nullable().default(null),
  lessonTypeId: uuid.nullable().default(null),
  start: instant,
  end: instant,
  /** Admins only: book despite soft conflicts, with a reason that is audited. */
  override: z.strictObject({ reason: text(300) }).optional(),
  /** Spends this makeup credit on the lesson. */
  makeupCreditId: uuid.optional(),
});
export type BookLessonRequest = z.infer<typeof BookLessonRequest>;

export const MoveLessonRequest = z.strictObject({
  start: instant,
  end: instant,
  roomId: uuid.nullable().optional(),
  /** For a lesson of a series: this one only, or this and all following (the series splits). */
  scope: z.enum(['this', 'following']).default('this'),
  override: z.strictObject({ reason: text(300) }).optional(),
});
export type MoveLessonRequest = z.infer<typeof MoveLessonRequest>;

export const CancelLessonRequest = z.strictObject({
  reason: text(300),
  scope: z.enum(['this', 'following']).default('this'),
});
export type CancelLessonRequest = z.infer<typeof CancelLessonRequest>;

// ---- series ------------------------------------------------------------------------

export interface LessonSeries {
  id: string;
  teacherId: string;
  studentIds: string[];
  roomId: string | null;
  accompanistId: string | null;
  lessonTypeId: string | null;
  termId: string;
  /** RFC 5545 RRULE without DTSTART, e.g. `FREQ=WEEKLY;BYDAY=TU`. */
  rrule: string;
  startTime: string;
  durationMinutes: number;
  firstDate: string;
  untilDate: string;
  timeZone: string;
}


export const CreateSeriesRequest = z.strictObject({
  teacherId: uuid,
  studentIds: z.array(uuid).min(1).max(40),
  roomId: uuid.nullable().default(null),
  accompanistId: uuid.nullable().default(null),
  lessonTypeId: uuid.nullable().default(null),
  termId: uuid,
  rrule: z.string().trim().min(8).max(200),
  startTime: wallTime,
  durationMinutes: z.number().int().min(5).max(480),
  firstDate: date,
  /** How to treat the occurrences that conflict, by date: skip one, or move it to a given slot. */
  resolutions: z
    .array(z.strictObject({ date, action: z.enum(['skip', 'move']), start: instant.optional(), end: instant.optional() }))
    .max(MAX_SERIES_OCCURRENCES)
    .default([]),
  override: z.strictObject({ reason: text(300) }).optional(),
});
export type CreateSeriesRequest = z.infer<typeof CreateSeriesRequest>;

/** Body of a 409 from creating a series: each conflicting occurrence with its conflicts and suggestions. */
export interface SeriesConflictProblem {
  code: 'SCHEDULING.SERIES_CONFLICT';
  occurrences: { date: string; start: string; end: string; conflicts: Conflict[]; suggestions: FreeSlot[] }[];
}

// ---- requests ----------------------------------------------------------------------


export interface LessonRequest {
  id: string;
  kind: (typeof REQUEST_KINDS)[number];
  status: (typeof REQUEST_STATUSES)[number];
  requestedBy: string;
  /** Who asked, for display: a parent is not in the lists staff can read. */
  requesterName: string | null;
  studentId: string;
  teacherId: string;
  lessonId: string | null;
  /** The lesson a reschedule or cancellation concerns, as it is now (null for new lessons, or a lesson no longer there). */
  lesson: { start: string; end: string; status: LessonStatus } | null;
  proposed: { start: string; end: string } | null;
  series: { rrule: string; startTime: string; durationMinutes: number; termId: string; firstDate: string } | null;
  counter: { start: string; end: string; by: string } | null;
  message: string | null;
  decision: { by: string; at: string; reason: string | null } | null;
  createdAt: string;
  /** For cancellations: what the policy says will happen, shown before confirming. */
  policy: { lateCancellation: boolean; creditWillBeGranted: boolean; noticeHours: number } | null;
}

export const CreateLessonRequestRequest = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('new_lesson'), studentId: uuid, teacherId: uuid, start: instant, end: instant, message: z.string().max(500).optional() }),
  z.strictObject({
    kind: z.literal('new_series'),
    studentId: uuid,
    teacherId: uuid,
    termId: uuid,
    rrule: z.string().trim().min(8).max(200),
    startTime: wallTime,
    durationMinutes: z.number().int().min(5).max(480),
    firstDate: date,
    message: z.string().max(500).optional(),
  }),
  z.strictObject({ kind: z.literal('reschedule'), lessonId: uuid, start: instant, end: instant, message: z.string().max(500).optional() }),
  z.strictObject({ kind: z.literal('cancellation'), lessonId: uuid, message: z.string().max(500).optional() }),
]);
export type CreateLessonRequestRequest = z.infer<typeof CreateLessonRequestRequest>;

export const DeclineRequestRequest = z.strictObject({ reason: text(500) });
export type DeclineRequestRequest = z.infer<typeof DeclineRequestRequest>;
export const CounterRequestRequest = z.strictObject({ start: instant, end: instant, message: z.string().max(500).optional() });
export type CounterRequestRequest = z.infer<typeof CounterRequestRequest>;
export const LessonRequestsQuery = z.strictObject({ status: z.enum(REQUEST_STATUSES).optional() });
export type LessonRequestsQuery = z.infer<typeof LessonRequestsQuery>;

// ---- makeup credits and policy ------------------------------------------------------

export interface MakeupCredit {
  id: string;
  studentId: string;
  originLessonId: string;
  grantedAt: string;
  expiresAt: string;
  status: 'available' | 'used' | 'expired';
  usedOnLessonId: string | null;
}

/** `GET /makeup-credits`: one student's credits, or (without `studentId`) the caller's own and their children's. */
export const MakeupCreditsQuery = z.strictObject({ studentId: uuid.optional() });
export type MakeupCreditsQuery = z.infer<typeof MakeupCreditsQuery>;

/** `POST /makeup-credits/:id/book`: when the makeup lesson is, and optionally where (null: no room). */
export const BookMakeupLessonRequest = z.strictObject({ start: instant, end: instant, roomId: uuid.nullable().optional() });
export type BookMakeupLessonRequest = z.infer<typeof BookMakeupLessonRequest>;

export interface SchedulingPolicy {
  cancellationNoticeHours: number;
  makeupCreditDays: number;
}
export const UpdateSchedulingPolicyRequest = z.strictObject({
  cancellationNoticeHours: z.number().int().min(0).max(24 * 14).optional(),
  makeupCreditDays: z.number().int().min(1).max(365).optional(),
});
export type UpdateSchedulingPolicyRequest = z.infer<typeof UpdateSchedulingPolicyRequest>;
