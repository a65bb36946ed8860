import { z } from 'zod';
import { CONFLICT_KINDS, LESSON_FORMATS, LESSON_STATUSES, MAX_SERIES_OCCURRENCES, REQUEST_KINDS, REQUEST_STATUSES } from './constants.js';

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
// What answers carry (plain strings: the schemas of answers describe, they do not validate).
const id = z.string().meta({ format: 'uuid' });
const at = z.string().meta({ format: 'date-time' });
const day = z.string().meta({ format: 'date' });
const lessonStatus = z.enum(LESSON_STATUSES);

// ---- rooms, terms, closures, lesson types ----------------------------------------

export const Room = z.object({ id, name: z.string(), capacity: z.number().int(), features: z.array(z.string()), active: z.boolean() }).meta({ id: 'Room', example: { id: 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e', name: 'Studio 1', capacity: 4, features: ['piano'], active: true } });
export type Room = z.infer<typeof Room>;
export const CreateRoomRequest = z.strictObject({
  name: text(80),
  capacity: z.number().int().min(1).max(500),
  features: z.array(text(40)).max(20).default([]),
});
export type CreateRoomRequest = z.infer<typeof CreateRoomRequest>;
/** `PATCH /rooms/{id}`: only the fields sent change (no defaults: sending `capacity` alone keeps the features). */
export const UpdateRoomRequest = z.strictObject({
  name: text(80).optional(),
  capacity: z.number().int().min(1).max(500).optional(),
  features: z.array(text(40)).max(20).optional(),
  active: z.boolean().optional(),
});
export type UpdateRoomRequest = z.infer<typeof UpdateRoomRequest>;

export const Term = z.object({ id, name: z.string(), startDate: day, endDate: day }).meta({ id: 'Term', example: { id: 'f6a7b8c9-d0e1-4f2a-83b4-5c6d7e8f9a0b', name: 'Autumn 2026', startDate: '2026-09-07', endDate: '2026-12-18' } });
export type Term = z.infer<typeof Term>;
export const CreateTermRequest = z.strictObject({ name: text(80), startDate: date, endDate: date });
export type CreateTermRequest = z.infer<typeof CreateTermRequest>;
/** `PATCH /terms/{id}` and `PATCH /closures/{id}`: the name and dates sent change, the others stay. */
export const UpdatePeriodRequest = z.strictObject({ name: text(80).optional(), startDate: date.optional(), endDate: date.optional() });
export type UpdatePeriodRequest = z.infer<typeof UpdatePeriodRequest>;

/** A holiday or one-off closure; both dates inclusive. */
export const Closure = z.object({ id, name: z.string(), startDate: day, endDate: day }).meta({ id: 'Closure', example: { id: '4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a', name: 'Half term', startDate: '2026-10-26', endDate: '2026-10-30' } });
export type Closure = z.infer<typeof Closure>;
export const CreateClosureRequest = z.strictObject({ name: text(80), startDate: date, endDate: date });
export type CreateClosureRequest = z.infer<typeof CreateClosureRequest>;

export const LessonType = z
  .object({
    id,
    name: z.string(),
    durationMinutes: z.number().int(),
    format: z.enum(LESSON_FORMATS),
    /** Default rate in minor units of the school's currency, for billing; null when not set. */
    rateMinor: z.number().int().nullable(),
  })
  .meta({ id: 'LessonType', example: { id: '5e6f7a8b-9c0d-4e1f-a2b3-4c5d6e7f8a9b', name: 'Piano, 30 minutes', durationMinutes: 30, format: 'individual', rateMinor: 2500 } });
export type LessonType = z.infer<typeof LessonType>;
export const CreateLessonTypeRequest = z.strictObject({
  name: text(80),
  durationMinutes: z.number().int().min(5).max(480),
  format: z.enum(LESSON_FORMATS),
  rateMinor: z.number().int().min(0).max(10_000_000).nullable().default(null),
});
export type CreateLessonTypeRequest = z.infer<typeof CreateLessonTypeRequest>;
/** `PATCH /lesson-types/{id}`: the fields sent change (a null rate clears it), the others stay. */
export const UpdateLessonTypeRequest = z.strictObject({
  name: text(80).optional(),
  durationMinutes: z.number().int().min(5).max(480).optional(),
  format: z.enum(LESSON_FORMATS).optional(),
  rateMinor: z.number().int().min(0).max(10_000_000).nullable().optional(),
});
export type UpdateLessonTypeRequest = z.infer<typeof UpdateLessonTypeRequest>;

// ---- availability ----------------------------------------------------------------

/** Weekly window in the school's zone; weekday 1 = Monday … 7 = Sunday. */
export const AvailabilityWindow = z.object({ weekday: z.number().int(), startTime: z.string(), endTime: z.string() }).meta({ id: 'AvailabilityWindow', example: { weekday: 2, startTime: '14:00', endTime: '19:00' } });
export type AvailabilityWindow = z.infer<typeof AvailabilityWindow>;
export const AvailabilityException = z
  .object({
    id,
    date: day,
    /** `unavailable`: the whole day, or between the times when given. `available`: extra time that day. */
    kind: z.enum(['unavailable', 'available']),
    startTime: z.string().nullable(),
    endTime: z.string().nullable(),
    reason: z.string().nullable(),
  })
  .meta({ id: 'AvailabilityException', example: { id: '6f7a8b9c-0d1e-4f2a-b3c4-5d6e7f8a9b0c', date: '2026-10-06', kind: 'unavailable', startTime: null, endTime: null, reason: 'Concert' } });
export type AvailabilityException = z.infer<typeof AvailabilityException>;
export const Availability = z
  .object({
    personId: id,
    windows: z.array(AvailabilityWindow),
    exceptions: z.array(AvailabilityException),
    /** Changeover / travel time kept free after each lesson. */
    bufferMinutes: z.number().int(),
  })
  .meta({
    id: 'Availability',
    example: {
      personId: '8d4e2f1a-7c3b-4a9e-b5d6-1e2f3a4b5c6d',
      windows: [{ weekday: 2, startTime: '14:00', endTime: '19:00' }],
      exceptions: [{ id: '6f7a8b9c-0d1e-4f2a-b3c4-5d6e7f8a9b0c', date: '2026-10-06', kind: 'unavailable', startTime: null, endTime: null, reason: 'Concert' }],
      bufferMinutes: 5,
    },
  });
export type Availability = z.infer<typeof Availability>;
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
  /** Only times when this room is free too; the slots then name it. */
  roomId: uuid.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(5),
});
export type FreeSlotsQuery = z.infer<typeof FreeSlotsQuery>;
export const FreeSlot = z.object({ start: at, end: at, roomId: id.nullable() }).meta({ id: 'FreeSlot', example: { start: '2026-09-15T16:00:00.000Z', end: '2026-09-15T16:30:00.000Z', roomId: 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e' } });
export type FreeSlot = z.infer<typeof FreeSlot>;

// ---- lessons and conflicts -------------------------------------------------------


export const Lesson = z
  .object({
    id,
    teacherId: id,
    studentIds: z.array(id),
    roomId: id.nullable(),
    accompanistId: id.nullable(),
    lessonTypeId: id.nullable(),
    seriesId: id.nullable(),
    start: at,
    end: at,
    status: lessonStatus,
    cancellation: z.object({ by: id, reason: z.string(), at, late: z.boolean(), creditGranted: z.boolean() }).nullable(),
    /**
     * In GET /lessons and GET /lessons/{id}: the requests about the lesson still open (pending, or answered with
     * another time) that the reader may see, shown as "request pending" (staff see all; a family its own).
     */
    openRequests: z.array(z.object({ id, kind: z.enum(REQUEST_KINDS) })).optional(),
  })
  .meta({ id: 'Lesson', example: { id: 'a7b8c9d0-e1f2-4a3b-8c4d-5e6f7a8b9c0d', teacherId: '8d4e2f1a-7c3b-4a9e-b5d6-1e2f3a4b5c6d', studentIds: ['c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f'], roomId: 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e', accompanistId: null, lessonTypeId: null, seriesId: null, start: '2026-09-15T15:00:00.000Z', end: '2026-09-15T15:30:00.000Z', status: 'scheduled', cancellation: null } });
export type Lesson = z.infer<typeof Lesson>;

export const Conflict = z
  .object({
    kind: z.enum(CONFLICT_KINDS),
    severity: z.enum(['hard', 'soft']),
    /** The other lesson, closure or person concerned. */
    id: z.string().nullable(),
    start: at,
    end: at,
    message: z.string(),
  })
  .meta({ id: 'Conflict', example: { kind: 'teacher', severity: 'hard', id: 'a7b8c9d0-e1f2-4a3b-8c4d-5e6f7a8b9c0d', start: '2026-09-15T15:00:00.000Z', end: '2026-09-15T15:30:00.000Z', message: 'Ana Teacher already teaches then.' } });
export type Conflict = z.infer<typeof Conflict>;

/** Body of a 409 from booking, moving or approving: what clashes, and free slots nearby. */
export const ConflictProblem = z
  .object({ code: z.literal('SCHEDULING.CONFLICT'), conflicts: z.array(Conflict), suggestions: z.array(FreeSlot) })
  .meta({ id: 'ConflictProblem' });
export type ConflictProblem = z.infer<typeof ConflictProblem>;

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

/** `PATCH /lessons/{id}`: who, where, of what type and how long; absent stays, null removes (accompanist, room, type). */
export const EditLessonRequest = z
  .strictObject({
    teacherId: uuid.optional(),
    studentIds: z.array(uuid).min(1, 'Add at least one student.').max(40).optional(),
    accompanistId: uuid.nullable().optional(),
    roomId: uuid.nullable().optional(),
    lessonTypeId: uuid.nullable().optional(),
    durationMinutes: z.number().int().min(5).max(480).optional(),
    /** For a lesson of a series: this one only, or this and all following (the series splits). */
    scope: z.enum(['this', 'following']).default('this'),
    override: z.strictObject({ reason: text(300) }).optional(),
  });
export type EditLessonRequest = z.infer<typeof EditLessonRequest>;

export const CancelLessonRequest = z.strictObject({
  reason: text(300),
  scope: z.enum(['this', 'following']).default('this'),
});
export type CancelLessonRequest = z.infer<typeof CancelLessonRequest>;

// ---- series ------------------------------------------------------------------------

export const LessonSeries = z
  .object({
    id,
    teacherId: id,
    studentIds: z.array(id),
    roomId: id.nullable(),
    accompanistId: id.nullable(),
    lessonTypeId: id.nullable(),
    termId: id,
    /** RFC 5545 RRULE without DTSTART, e.g. `FREQ=WEEKLY;BYDAY=TU`. */
    rrule: z.string(),
    startTime: z.string(),
    durationMinutes: z.number().int(),
    firstDate: day,
    untilDate: day,
    timeZone: z.string(),
  })
  .meta({ id: 'LessonSeries', example: { id: '7a8b9c0d-1e2f-4a3b-84c5-6d7e8f9a0b1c', teacherId: '8d4e2f1a-7c3b-4a9e-b5d6-1e2f3a4b5c6d', studentIds: ['c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f'], roomId: 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e', accompanistId: null, lessonTypeId: null, termId: 'f6a7b8c9-d0e1-4f2a-83b4-5c6d7e8f9a0b', rrule: 'FREQ=WEEKLY;BYDAY=TU', startTime: '16:00', durationMinutes: 30, firstDate: '2026-09-08', untilDate: '2026-12-15', timeZone: 'Europe/London' } });
export type LessonSeries = z.infer<typeof LessonSeries>;


/** How to treat a new series' dates that clash, by date: skip one, or move it to a given slot. */
const SeriesResolutions = z
  .array(z.strictObject({ date, action: z.enum(['skip', 'move']), start: instant.optional(), end: instant.optional() }))
  .max(MAX_SERIES_OCCURRENCES)
  .default([]);

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
  resolutions: SeriesResolutions,
  override: z.strictObject({ reason: text(300) }).optional(),
});
export type CreateSeriesRequest = z.infer<typeof CreateSeriesRequest>;

/** `POST /lesson-series/{id}/end`: the series' last day (school's zone); its lessons after it are cancelled with the reason. */
export const EndSeriesRequest = z.strictObject({ lastDate: date, reason: text(300) });
export type EndSeriesRequest = z.infer<typeof EndSeriesRequest>;

/** Body of a 409 from creating a series: each conflicting occurrence with its conflicts and suggestions. */
export const SeriesConflictProblem = z
  .object({
    code: z.literal('SCHEDULING.SERIES_CONFLICT'),
    occurrences: z.array(z.object({ date: day, start: at, end: at, conflicts: z.array(Conflict), suggestions: z.array(FreeSlot) })),
  })
  .meta({ id: 'SeriesConflictProblem' });
export type SeriesConflictProblem = z.infer<typeof SeriesConflictProblem>;

// ---- requests ----------------------------------------------------------------------


export const LessonRequest = z
  .object({
    id,
    kind: z.enum(REQUEST_KINDS),
    status: z.enum(REQUEST_STATUSES),
    requestedBy: id,
    /** Who asked, for display: a parent is not in the lists staff can read. */
    requesterName: z.string().nullable(),
    studentId: id,
    teacherId: id,
    lessonId: id.nullable(),
    /** The lesson a reschedule or cancellation concerns, as it is now (null for new lessons, or a lesson no longer there). */
    lesson: z.object({ start: at, end: at, status: lessonStatus }).nullable(),
    proposed: z.object({ start: at, end: at }).nullable(),
    series: z.object({ rrule: z.string(), startTime: z.string(), durationMinutes: z.number().int(), termId: id, firstDate: day }).nullable(),
    counter: z.object({ start: at, end: at, by: id }).nullable(),
    message: z.string().nullable(),
    decision: z.object({ by: id, at, reason: z.string().nullable() }).nullable(),
    createdAt: at,
    /** For cancellations: what the policy says will happen, shown before confirming. */
    policy: z.object({ lateCancellation: z.boolean(), creditWillBeGranted: z.boolean(), noticeHours: z.number() }).nullable(),
  })
  .meta({ id: 'LessonRequest', example: { id: '8b9c0d1e-2f3a-4b4c-95d6-7e8f9a0b1c2d', kind: 'new_lesson', status: 'pending', requestedBy: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9', requesterName: 'Pat Parker', studentId: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f', teacherId: '8d4e2f1a-7c3b-4a9e-b5d6-1e2f3a4b5c6d', lessonId: null, lesson: null, proposed: { start: '2026-09-17T15:00:00.000Z', end: '2026-09-17T15:30:00.000Z' }, series: null, counter: null, message: 'Could Sam have an extra lesson before the exam?', decision: null, createdAt: '2026-09-14T18:00:00.000Z', policy: null } });
export type LessonRequest = z.infer<typeof LessonRequest>;

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
/**
 * `POST /lesson-requests/{id}/approve`: for a series request, how to treat its dates that clash (the same choices as
 * creating a series: skip one, or move it to a given time); an admin may override soft conflicts with a reason.
 */
export const ApproveRequestRequest = z.strictObject({
  resolutions: SeriesResolutions,
  override: z.strictObject({ reason: text(300) }).optional(),
});
export type ApproveRequestRequest = z.infer<typeof ApproveRequestRequest>;
export const CounterRequestRequest = z.strictObject({ start: instant, end: instant, message: z.string().max(500).optional() });
export type CounterRequestRequest = z.infer<typeof CounterRequestRequest>;
export const LessonRequestsQuery = z.strictObject({ status: z.enum(REQUEST_STATUSES).optional() });
export type LessonRequestsQuery = z.infer<typeof LessonRequestsQuery>;

// ---- makeup credits and policy ------------------------------------------------------

export const MakeupCredit = z
  .object({
    id,
    studentId: id,
    originLessonId: id,
    grantedAt: at,
    expiresAt: at,
    /** `void`: withdrawn by an admin (`voidReason` says why). */
    status: z.enum(['available', 'used', 'expired', 'void']),
    usedOnLessonId: id.nullable(),
    voidReason: z.string().nullable(),
  })
  .meta({ id: 'MakeupCredit', example: { id: '9c0d1e2f-3a4b-4c5d-a6e7-8f9a0b1c2d3e', studentId: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f', originLessonId: 'a7b8c9d0-e1f2-4a3b-8c4d-5e6f7a8b9c0d', grantedAt: '2026-09-14T10:00:00.000Z', expiresAt: '2026-12-13T10:00:00.000Z', status: 'available', usedOnLessonId: null, voidReason: null } });
export type MakeupCredit = z.infer<typeof MakeupCredit>;

/** `GET /makeup-credits`: one student's credits, or (without `studentId`) the caller's own and their children's; an admin's, the school's. */
export const MakeupCreditsQuery = z.strictObject({ studentId: uuid.optional() });
export type MakeupCreditsQuery = z.infer<typeof MakeupCreditsQuery>;

const reason = z.string().trim().min(1, 'Say why.').max(500);
/** `POST /makeup-credits` (admins): a credit for one of the student's lessons, for the policy's days unless `validDays` says otherwise. */
export const GrantMakeupCreditRequest = z.strictObject({ studentId: uuid, originLessonId: uuid, validDays: z.number().int().min(1).max(365).optional(), reason });
export type GrantMakeupCreditRequest = z.infer<typeof GrantMakeupCreditRequest>;
/** `POST /makeup-credits/:id/extend` (admins): the new expiry, in the future. */
export const ExtendMakeupCreditRequest = z.strictObject({ expiresAt: instant, reason });
export type ExtendMakeupCreditRequest = z.infer<typeof ExtendMakeupCreditRequest>;
/** `POST /makeup-credits/:id/void` (admins). */
export const VoidMakeupCreditRequest = z.strictObject({ reason });
export type VoidMakeupCreditRequest = z.infer<typeof VoidMakeupCreditRequest>;

/** `POST /makeup-credits/:id/book`: when the makeup lesson is, and optionally where (null: no room). */
export const BookMakeupLessonRequest = z.strictObject({ start: instant, end: instant, roomId: uuid.nullable().optional() });
export type BookMakeupLessonRequest = z.infer<typeof BookMakeupLessonRequest>;

export const SchedulingPolicy = z.object({ cancellationNoticeHours: z.number().int(), makeupCreditDays: z.number().int() }).meta({ id: 'SchedulingPolicy', example: { cancellationNoticeHours: 24, makeupCreditDays: 90 } });
export type SchedulingPolicy = z.infer<typeof SchedulingPolicy>;
export const UpdateSchedulingPolicyRequest = z.strictObject({
  cancellationNoticeHours: z.number().int().min(0).max(24 * 14).optional(),
  makeupCreditDays: z.number().int().min(1).max(365).optional(),
});
export type UpdateSchedulingPolicyRequest = z.infer<typeof UpdateSchedulingPolicyRequest>;

// ---- one lesson, one series, with everything about them -----------------------------

/** Someone an answer mentions, by name. */
export const NamedPerson = z.object({ id, name: z.string() }).meta({ id: 'NamedPerson', example: { id: '8d4e2f1a-7c3b-4a9e-b5d6-1e2f3a4b5c6d', name: 'Ana Teacher' } });
export type NamedPerson = z.infer<typeof NamedPerson>;

/** One change recorded about a lesson or its series: when, who (null: the school's own processes), what, and the fields it changed (never their values). */
export const LessonHistoryEntry = z
  .object({ at, actorId: id.nullable(), action: z.string(), entityType: z.enum(['lesson', 'lesson_series']), fields: z.array(z.string()) })
  .meta({ id: 'LessonHistoryEntry', example: { at: '2026-09-10T09:00:00.000Z', actorId: '8d4e2f1a-7c3b-4a9e-b5d6-1e2f3a4b5c6d', action: 'scheduling.lesson.moved', entityType: 'lesson', fields: ['end', 'start'] } });
export type LessonHistoryEntry = z.infer<typeof LessonHistoryEntry>;

/** `GET /lessons/{id}`: the lesson (a family sees only its own students), its series, room, type, open requests and history (staff only), and the names of the people it mentions. */
export const LessonDetail = z
  .object({
    lesson: Lesson,
    series: LessonSeries.nullable(),
    room: Room.nullable(),
    lessonType: LessonType.nullable(),
    people: z.array(NamedPerson),
    requests: z.array(LessonRequest),
    /** Null for families: the changes are the school's record. */
    history: z.array(LessonHistoryEntry).nullable(),
    /** Whether the caller may change the lesson (admins and its teacher). */
    canChange: z.boolean(),
  })
  .meta({
    id: 'LessonDetail',
    example: {
      lesson: Lesson.meta()?.['example'],
      series: LessonSeries.meta()?.['example'],
      room: Room.meta()?.['example'],
      lessonType: null,
      people: [NamedPerson.meta()?.['example']],
      requests: [],
      history: [LessonHistoryEntry.meta()?.['example']],
      canChange: true,
    },
  });
export type LessonDetail = z.infer<typeof LessonDetail>;

/** `GET /lesson-series/{id}`: the series and every one of its lessons, cancelled ones too, in time order. */
export const SeriesDetail = z
  .object({ series: LessonSeries, lessons: z.array(Lesson), people: z.array(NamedPerson), canChange: z.boolean() })
  .meta({ id: 'SeriesDetail', example: { series: LessonSeries.meta()?.['example'], lessons: [Lesson.meta()?.['example']], people: [NamedPerson.meta()?.['example']], canChange: false } });
export type SeriesDetail = z.infer<typeof SeriesDetail>;

// ---- what changes answer ------------------------------------------------------------

/** Moving a lesson: the lessons moved (one, or this and the following), and the new series when a series split. */
export const MoveLessonResult = z.object({ lessons: z.array(Lesson), series: LessonSeries.nullable() }).meta({ id: 'MoveLessonResult' });
export type MoveLessonResult = z.infer<typeof MoveLessonResult>;

/** Editing a lesson: the lessons changed (one, or this and the following), and the new series when a series split. */
export const EditLessonResult = MoveLessonResult.meta({ id: 'EditLessonResult' });
export type EditLessonResult = z.infer<typeof EditLessonResult>;

/** Ending a series: the series as it now ends, and its lessons after its last day, cancelled. */
export const EndSeriesResult = z.object({ series: LessonSeries, cancelled: z.array(Lesson) }).meta({ id: 'EndSeriesResult' });
export type EndSeriesResult = z.infer<typeof EndSeriesResult>;

/** Cancelling a lesson: the lessons cancelled, and the makeup credits the policy granted. */
export const CancelLessonResult = z.object({ lessons: z.array(Lesson), credits: z.array(MakeupCredit) }).meta({ id: 'CancelLessonResult' });
export type CancelLessonResult = z.infer<typeof CancelLessonResult>;

/** Creating a series: the series, its lessons, and the dates skipped by the resolutions. */
export const CreateSeriesResult = z.object({ series: LessonSeries, lessons: z.array(Lesson), skipped: z.array(day) }).meta({ id: 'CreateSeriesResult' });
export type CreateSeriesResult = z.infer<typeof CreateSeriesResult>;

// ---- term rollover ------------------------------------------------------------------

/** `POST /terms/{id}/rollover/preview`: the term to copy the source term's series into. */
export const RolloverPreviewRequest = z.strictObject({ targetTermId: uuid });
export type RolloverPreviewRequest = z.infer<typeof RolloverPreviewRequest>;

/** One date a copied series would give in the target term; `conflicts` is empty when it can be booked as it stands. */
const ROLLOVER_DATE_EXAMPLE = { date: '2027-01-12', start: '2027-01-12T16:00:00.000Z', end: '2027-01-12T16:30:00.000Z', conflicts: [Conflict.meta()?.['example']], suggestions: [FreeSlot.meta()?.['example']] };
export const RolloverDate = z.object({ date: day, start: at, end: at, conflicts: z.array(Conflict), suggestions: z.array(FreeSlot) }).meta({ id: 'RolloverDate', example: ROLLOVER_DATE_EXAMPLE });
export type RolloverDate = z.infer<typeof RolloverDate>;

export const RolloverSeriesPreview = z
  .object({
    source: LessonSeries,
    /** The copy already in the target term (committing again creates nothing for it), or null. */
    copyId: id.nullable(),
    dates: z.array(RolloverDate),
    /** The rule's dates on a closure of the target term: no lesson. */
    closureDates: z.array(day),
    /** Why the series cannot be copied at all (a person left, the room is out of use), or null. */
    problem: z.object({ code: z.string(), message: z.string() }).nullable(),
  })
  .meta({ id: 'RolloverSeriesPreview', example: { source: LessonSeries.meta()?.['example'], copyId: null, dates: [ROLLOVER_DATE_EXAMPLE], closureDates: ['2027-02-16'], problem: null } });
export type RolloverSeriesPreview = z.infer<typeof RolloverSeriesPreview>;

/** What a rollover would create: every series running to the source term's end, with its dates and clashes in the target term. */
export const RolloverPreview = z
  .object({ source: Term, target: Term, series: z.array(RolloverSeriesPreview), people: z.array(NamedPerson) })
  .meta({
    id: 'RolloverPreview',
    example: {
      source: Term.meta()?.['example'],
      target: { id: '0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f', name: 'Spring 2027', startDate: '2027-01-11', endDate: '2027-03-26' },
      series: [RolloverSeriesPreview.meta()?.['example']],
      people: [NamedPerson.meta()?.['example']],
    },
  });
export type RolloverPreview = z.infer<typeof RolloverPreview>;

/** `POST /terms/{id}/rollover`: a choice per series; a series left out is not copied. */
export const RolloverCommitRequest = z.strictObject({
  targetTermId: uuid,
  series: z
    .array(
      z.strictObject({
        seriesId: uuid,
        action: z.enum(['copy', 'skip']),
        /** For a copy: each clashing date skipped, or moved to a given slot (as creating a series takes). */
        resolutions: SeriesResolutions,
      }),
    )
    .max(2000),
});
export type RolloverCommitRequest = z.infer<typeof RolloverCommitRequest>;

export const RolloverResult = z
  .object({
    source: Term,
    target: Term,
    created: z.array(z.object({ sourceSeriesId: id, series: LessonSeries, lessons: z.number().int(), skipped: z.array(day) })),
    /** Series copied before, by an earlier or a racing commit: nothing was created for them. */
    alreadyCopied: z.array(z.object({ sourceSeriesId: id, copyId: id })),
    notCopied: z.array(id),
  })
  .meta({ id: 'RolloverResult' });
export type RolloverResult = z.infer<typeof RolloverResult>;

/** Body of a 409 from a rollover's commit: each chosen series with dates that still clash. */
export const RolloverConflictProblem = z
  .object({
    code: z.literal('SCHEDULING.ROLLOVER_CONFLICT'),
    series: z.array(z.object({ seriesId: id, occurrences: z.array(z.object({ date: day, start: at, end: at, conflicts: z.array(Conflict), suggestions: z.array(FreeSlot) })) })),
  })
  .meta({ id: 'RolloverConflictProblem' });
export type RolloverConflictProblem = z.infer<typeof RolloverConflictProblem>;
