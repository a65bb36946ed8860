import { z } from 'zod';
import { ATTENDANCE_STATUSES } from './constants.js';

export { type AttendanceStatus } from './constants.js';

/**
 * Attendance over REST: lessons' registers, marks and their history, starting and ending lessons, and the school's
 * attendance settings. Instants are ISO 8601 strings with an offset (stored UTC).
 */
const uuid = z.uuid({ message: 'Must be a UUID.' });
const instant = z.iso.datetime({ offset: true, message: 'Must be an ISO 8601 date-time with an offset.' });
// What answers carry (plain strings: the schemas of answers describe, they do not validate).
const id = z.string().meta({ format: 'uuid' });
const at = z.string().meta({ format: 'date-time' });
const status = z.enum(ATTENDANCE_STATUSES, { message: `Must be one of ${ATTENDANCE_STATUSES.join(', ')}.` });

/** The longest a student can be late and still count as late, in minutes. */
export const MAX_LATE_MINUTES = 240;

/** `GET /attendance/lessons`: lessons in a period with their registers (at most 31 days); admins may name a teacher. */
export const AttendanceLessonsQuery = z.strictObject({ from: instant, to: instant, teacherId: uuid.optional() });
export type AttendanceLessonsQuery = z.infer<typeof AttendanceLessonsQuery>;

/** `:lessonId` in attendance's paths. */
export const LessonIdParam = z.strictObject({ lessonId: uuid });
export type LessonIdParam = z.infer<typeof LessonIdParam>;

/** One student's mark: `lateMinutes` only with `late` (and then required), a note with any status. */
export const AttendanceMark = z
  .strictObject({
    studentId: uuid,
    status,
    lateMinutes: z.number().int('Must be whole minutes.').min(1, 'Must be at least 1 minute.').max(MAX_LATE_MINUTES, `Must be at most ${MAX_LATE_MINUTES} minutes.`).optional(),
    note: z.string().trim().max(500).optional(),
  })
  .superRefine((mark, ctx) => {
    if (mark.status === 'late' && mark.lateMinutes === undefined) ctx.addIssue({ code: 'custom', path: ['lateMinutes'], message: 'Say how many minutes late.' });
    if (mark.status !== 'late' && mark.lateMinutes !== undefined) ctx.addIssue({ code: 'custom', path: ['lateMinutes'], message: 'Only a late mark has minutes.' });
  });
export type AttendanceMark = z.infer<typeof AttendanceMark>;

/** `POST /attendance/lessons/:lessonId/marks`: some students' marks; `reason` is required of an admin's change after the marking window. */
export const MarkRegisterRequest = z.strictObject({
  marks: z
    .array(AttendanceMark)
    .min(1, 'Mark at least one student.')
    .max(60)
    .refine((marks) => new Set(marks.map((m) => m.studentId)).size === marks.length, 'Mark each student once.'),
  reason: z.string().trim().min(1, 'Required.').max(500).optional(),
});
export type MarkRegisterRequest = z.infer<typeof MarkRegisterRequest>;

export const RegisterEntry = z
  .object({ studentId: id, status, lateMinutes: z.number().int().nullable(), note: z.string().nullable(), markedBy: id, markedAt: at })
  .meta({ id: 'RegisterEntry', example: { studentId: 'd2e3f4a5-b6c7-4d8e-9f0a-1b2c3d4e5f6a', status: 'late', lateMinutes: 5, note: 'Bus was late', markedBy: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f', markedAt: '2026-12-07T16:06:00.000Z' } });
export type RegisterEntry = z.infer<typeof RegisterEntry>;

export const RegisterCounts = z
  .object({ students: z.number().int(), marked: z.number().int(), present: z.number().int(), late: z.number().int(), absentWithNotice: z.number().int(), absentWithoutNotice: z.number().int(), excused: z.number().int() })
  .meta({ id: 'RegisterCounts', example: { students: 3, marked: 2, present: 1, late: 1, absentWithNotice: 0, absentWithoutNotice: 0, excused: 0 } });
export type RegisterCounts = z.infer<typeof RegisterCounts>;

/** A lesson as attendance knows it, with its register. `delivered`: the register is complete and the lesson was not cancelled. */
export const LessonRegister = z
  .object({
    lessonId: id,
    teacherId: id,
    accompanistId: id.nullable(),
    studentIds: z.array(id),
    start: at,
    end: at,
    cancelled: z.boolean(),
    startedAt: at.nullable(),
    endedAt: at.nullable(),
    complete: z.boolean(),
    delivered: z.boolean(),
    counts: RegisterCounts,
    entries: z.array(RegisterEntry),
  })
  .meta({
    id: 'LessonRegister',
    example: {
      lessonId: 'a7b8c9d0-e1f2-4a3b-8c4d-5e6f7a8b9c0d',
      teacherId: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
      accompanistId: null,
      studentIds: ['d2e3f4a5-b6c7-4d8e-9f0a-1b2c3d4e5f6a'],
      start: '2026-12-07T16:00:00.000Z',
      end: '2026-12-07T16:45:00.000Z',
      cancelled: false,
      startedAt: '2026-12-07T16:01:10.000Z',
      endedAt: null,
      complete: true,
      delivered: true,
      counts: { students: 1, marked: 1, present: 1, late: 0, absentWithNotice: 0, absentWithoutNotice: 0, excused: 0 },
      entries: [{ studentId: 'd2e3f4a5-b6c7-4d8e-9f0a-1b2c3d4e5f6a', status: 'present', lateMinutes: null, note: null, markedBy: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f', markedAt: '2026-12-07T16:01:10.000Z' }],
    },
  });
export type LessonRegister = z.infer<typeof LessonRegister>;

const markState = z.object({ status, lateMinutes: z.number().int().nullable(), note: z.string().nullable() });
/** One change of one student's mark: who, when, from what (null: first mark) to what, and the reason of a late correction. */
export const RegisterChange = z
  .object({ studentId: id, from: markState.nullable(), to: markState, changedBy: id, changedAt: at, reason: z.string().nullable() })
  .meta({
    id: 'RegisterChange',
    example: {
      studentId: 'd2e3f4a5-b6c7-4d8e-9f0a-1b2c3d4e5f6a',
      from: { status: 'absent_no_notice', lateMinutes: null, note: null },
      to: { status: 'absent_notice', lateMinutes: null, note: 'Parent had emailed the office' },
      changedBy: 'b0c1d2e3-f4a5-4b6c-8d7e-9f0a1b2c3d4e',
      changedAt: '2026-12-16T09:12:00.000Z',
      reason: 'Notice found in the office inbox',
    },
  });
export type RegisterChange = z.infer<typeof RegisterChange>;

export const AttendanceSettings = z
  .object({
    earlyMarkingMinutes: z.number().int(),
    markingWindowDays: z.number().int(),
    onTimeGraceMinutes: z.number().int(),
    missingRegisterReminderTime: z.string().meta({ description: 'HH:MM in the school’s time zone' }),
    streakAlertsToGuardians: z.boolean(),
  })
  .meta({ id: 'AttendanceSettings', example: { earlyMarkingMinutes: 10, markingWindowDays: 7, onTimeGraceMinutes: 5, missingRegisterReminderTime: '18:00', streakAlertsToGuardians: false } });
export type AttendanceSettings = z.infer<typeof AttendanceSettings>;

const settingMinutes = (max: number) => z.number({ message: 'Must be a whole number.' }).int('Must be a whole number.').min(0, 'Must be at least 0.').max(max, `Must be at most ${max}.`);

/** `PATCH /attendance/settings` (admins). */
export const UpdateAttendanceSettingsRequest = z.strictObject({
  earlyMarkingMinutes: settingMinutes(60).optional(),
  markingWindowDays: settingMinutes(60).optional(),
  onTimeGraceMinutes: settingMinutes(60).optional(),
  missingRegisterReminderTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM, 24-hour.').optional(),
  streakAlertsToGuardians: z.boolean({ message: 'Must be true or false.' }).optional(),
});
export type UpdateAttendanceSettingsRequest = z.infer<typeof UpdateAttendanceSettingsRequest>;

/** Where a lesson's register stands: `missing` once the lesson ended without every student marked. */
export const REGISTER_PROGRESS = ['upcoming', 'in_progress', 'missing', 'complete', 'cancelled'] as const;
export type RegisterProgress = (typeof REGISTER_PROGRESS)[number];

/** `GET /attendance/day`: a school day (`YYYY-MM-DD` in the school's zone; today there by default), one teacher's (admins), one standing. */
export const DayRegisterQuery = z.strictObject({
  date: z.iso.date({ message: 'Must be a date, YYYY-MM-DD.' }).optional(),
  teacherId: uuid.optional(),
  state: z.enum(REGISTER_PROGRESS, { message: `Must be one of ${REGISTER_PROGRESS.join(', ')}.` }).optional(),
});
export type DayRegisterQuery = z.infer<typeof DayRegisterQuery>;

const lessonExample = LessonRegister.meta()?.['example'] as LessonRegister;
export const DayRegisterLesson = LessonRegister.extend({ state: z.enum(REGISTER_PROGRESS) }).meta({ id: 'DayRegisterLesson', example: { ...lessonExample, state: 'complete' } });
export type DayRegisterLesson = z.infer<typeof DayRegisterLesson>;

/** A school day's lessons with their registers; the day runs midnight to midnight in the school's time zone. */
export const DayRegister = z
  .object({ date: z.string().meta({ format: 'date' }), timeZone: z.string(), from: at, to: at, lessons: z.array(DayRegisterLesson) })
  .meta({ id: 'DayRegister', example: { date: '2026-12-07', timeZone: 'Europe/London', from: '2026-12-07T00:00:00.000Z', to: '2026-12-08T00:00:00.000Z', lessons: [{ ...lessonExample, state: 'complete' }] } });
export type DayRegister = z.infer<typeof DayRegister>;
