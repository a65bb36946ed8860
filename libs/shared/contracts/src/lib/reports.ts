import { z } from 'zod';

/**
 * The school's reports over REST (`/reports/*`, admins): room utilisation, on-time starts and attendance rates,
 * students at risk, teacher hours delivered, and the lessons behind any figure. Dates (`YYYY-MM-DD`) are days in the
 * school's time zone, both ends included; weeks start on Monday. Each report answers JSON, or CSV with `format=csv`.
 */
const uuid = z.uuid({ message: 'Must be a UUID.' });
const date = z.iso.date({ message: 'Must be a date, YYYY-MM-DD.' });
const time = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$/, 'Must be a time, HH:mm.');
const id = z.string().meta({ format: 'uuid' });
const day = z.string().meta({ format: 'date' });
const at = z.string().meta({ format: 'date-time' });
const whole = z.number().int();
/** A share from 0 to 1, or null when there is nothing to divide by. */
const share = z.number().nullable();

/** The longest period a report covers, in days. */
export const MAX_REPORT_DAYS = 366;
export const REPORT_FORMATS = ['json', 'csv'] as const;
export const ATTENDANCE_REPORT_DIMENSIONS = ['teacher', 'student', 'instrument', 'week'] as const;
export type AttendanceReportDimension = (typeof ATTENDANCE_REPORT_DIMENSIONS)[number];
export const HOURS_PERIODS = ['week', 'month'] as const;
export type HoursPeriod = (typeof HOURS_PERIODS)[number];
/** What a lesson counts as for a student without an instrument on their profile. */
export const NO_INSTRUMENT = 'unspecified';

const DAY_MS = 86_400_000;
const ROOM = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
const TEACHER = '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9';
const STUDENT = 'd2e3f4a5-b6c7-4d8e-9f0a-1b2c3d4e5f6a';
const LESSON = 'b3c4d5e6-f7a8-4b9c-8d0e-1f2a3b4c5d6e';
const FIGURES = { lessons: 40, started: 38, onTime: 35, onTimeRate: 0.875, places: 44, marked: 44, present: 38, late: 2, absentWithNotice: 2, absentWithoutNotice: 1, excused: 1, attendanceRate: 40 / 43 };
const format = z.enum(REPORT_FORMATS, { message: `Must be one of ${REPORT_FORMATS.join(', ')}.` }).default('json');
const offset = z.coerce.number({ message: 'Must be a whole number.' }).int('Must be a whole number.').min(0).max(1_000_000).default(0);
const limit = z.coerce.number({ message: 'Must be a whole number.' }).int('Must be a whole number.').min(1).max(500).default(50);
const instrument = z.string().trim().min(1).max(60);

/** A period of days: `to` not before `from`, at most `MAX_REPORT_DAYS` days (a 400 naming `to` otherwise). */
function period<T extends z.ZodRawShape>(shape: T) {
  return z.strictObject({ from: date, to: date, ...shape }).superRefine((query, ctx) => {
    const { from, to } = query as { from: string; to: string };
    const span = (Date.parse(to) - Date.parse(from)) / DAY_MS;
    if (span < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'Must not be before from.' });
    else if (span >= MAX_REPORT_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `A report covers at most ${MAX_REPORT_DAYS} days.` });
  });
}

/**
 * `GET /reports/room-utilisation`: booked hours over open hours per room, per day and per week. The school records no
 * opening hours yet, so the report takes them: `opens`–`closes` on the `openDays` (ISO weekdays, 1 = Monday); a closure
 * day is closed.
 */
export const RoomUtilisationQuery = period({
  roomId: uuid.optional(),
  opens: time.default('09:00'),
  closes: time.default('21:00'),
  openDays: z
    .string()
    .regex(/^[1-7](,[1-7])*$/, 'Must be ISO weekdays 1-7, comma-separated.')
    .default('1,2,3,4,5,6'),
  format,
}).refine((q) => q.closes > q.opens, { path: ['closes'], message: 'Must be after opens.' });
export type RoomUtilisationQuery = z.infer<typeof RoomUtilisationQuery>;

const UtilisationCell = { bookedMinutes: whole, openMinutes: whole, utilisation: share };

export const RoomUtilisationRow = z
  .object({
    roomId: id,
    name: z.string(),
    ...UtilisationCell,
    days: z.array(z.object({ date: day, ...UtilisationCell, lessons: z.string() })),
    weeks: z.array(z.object({ week: day, ...UtilisationCell, lessons: z.string() })),
    lessons: z.string(),
  });
export type RoomUtilisationRow = z.infer<typeof RoomUtilisationRow>;

/** Rooms least used first; each figure's `lessons` is the path of the lessons behind it. */
export const RoomUtilisationReport = z
  .object({ from: day, to: day, timeZone: z.string(), rooms: z.array(RoomUtilisationRow) })
  .meta({ id: 'RoomUtilisationReport', example: { from: '2026-12-07', to: '2026-12-08', timeZone: 'Europe/London', rooms: [{ roomId: ROOM, name: 'Room 2', bookedMinutes: 90, openMinutes: 1440, utilisation: 0.0625, days: [{ date: '2026-12-07', bookedMinutes: 90, openMinutes: 720, utilisation: 0.125, lessons: `/api/v1/reports/lessons?from=2026-12-07&to=2026-12-07&roomId=${ROOM}` }, { date: '2026-12-08', bookedMinutes: 0, openMinutes: 720, utilisation: 0, lessons: `/api/v1/reports/lessons?from=2026-12-08&to=2026-12-08&roomId=${ROOM}` }], weeks: [{ week: '2026-12-07', bookedMinutes: 90, openMinutes: 1440, utilisation: 0.0625, lessons: `/api/v1/reports/lessons?from=2026-12-07&to=2026-12-08&roomId=${ROOM}` }], lessons: `/api/v1/reports/lessons?from=2026-12-07&to=2026-12-08&roomId=${ROOM}` }] } });
export type RoomUtilisationReport = z.infer<typeof RoomUtilisationReport>;

/**
 * `GET /reports/attendance`: on-time starts and attendance rates of the lessons that began in the period (cancelled
 * ones left out), by teacher, student, instrument (the student's first on their profile) or week; optionally of one
 * teacher, student or instrument.
 */
export const AttendanceReportQuery = period({
  by: z.enum(ATTENDANCE_REPORT_DIMENSIONS, { message: `Must be one of ${ATTENDANCE_REPORT_DIMENSIONS.join(', ')}.` }).default('teacher'),
  teacherId: uuid.optional(),
  studentId: uuid.optional(),
  instrument: instrument.optional(),
  offset,
  limit,
  format,
});
export type AttendanceReportQuery = z.infer<typeof AttendanceReportQuery>;
export type AttendanceReportQueryInput = z.input<typeof AttendanceReportQuery>;

export const AttendanceFigures = z
  .object({
    /** Lessons (not cancelled) that began in the period. */
    lessons: whole,
    /** Of those, started (checked in) at all, and within the school's on-time grace of their start. */
    started: whole,
    onTime: whole,
    onTimeRate: share,
    /** Students' places in those lessons, and how they were marked. */
    places: whole,
    marked: whole,
    present: whole,
    late: whole,
    absentWithNotice: whole,
    absentWithoutNotice: whole,
    excused: whole,
    /** (present + late) over the places marked, excused ones left out. */
    attendanceRate: share,
  });
export type AttendanceFigures = z.infer<typeof AttendanceFigures>;

export const AttendanceReportRow = z
  .object({ key: z.string(), label: z.string(), ...AttendanceFigures.shape, lessonsLink: z.string() });
export type AttendanceReportRow = z.infer<typeof AttendanceReportRow>;

export const AttendanceReport = z
  .object({ from: day, to: day, by: z.enum(ATTENDANCE_REPORT_DIMENSIONS), onTimeGraceMinutes: whole, totals: AttendanceFigures, total: whole, offset: whole, limit: whole, rows: z.array(AttendanceReportRow) })
  .meta({ id: 'AttendanceReport', example: { from: '2026-11-01', to: '2026-11-30', by: 'teacher', onTimeGraceMinutes: 5, totals: FIGURES, total: 1, offset: 0, limit: 50, rows: [{ key: TEACHER, label: 'Tess Teacher', ...FIGURES, lessonsLink: `/api/v1/reports/lessons?from=2026-11-01&to=2026-11-30&teacherId=${TEACHER}` }] } });
export type AttendanceReport = z.infer<typeof AttendanceReport>;

/**
 * `GET /reports/students-at-risk`: students whose attendance in the period fell against the period of the same length
 * before it, who are on a streak of absences, or whose rate is low. Most at risk first.
 */
export const StudentsAtRiskQuery = period({ teacherId: uuid.optional(), instrument: instrument.optional(), offset, limit, format });
export type StudentsAtRiskQuery = z.infer<typeof StudentsAtRiskQuery>;

export const RISK_REASONS = ['absence_streak', 'falling', 'low'] as const;
export type RiskReason = (typeof RISK_REASONS)[number];

export const StudentAtRisk = z
  .object({
    studentId: id,
    name: z.string(),
    instrument: z.string(),
    /** Absences (with or without notice) in a row up to their latest marked lesson of the period. */
    absenceStreak: whole,
    marked: whole,
    attendanceRate: share,
    previousMarked: whole,
    previousRate: share,
    reasons: z.array(z.enum(RISK_REASONS)),
    lastLessonAt: at.nullable(),
    lessonsLink: z.string(),
  });
export type StudentAtRisk = z.infer<typeof StudentAtRisk>;

export const StudentsAtRiskReport = z
  .object({ from: day, to: day, previousFrom: day, previousTo: day, total: whole, offset: whole, limit: whole, rows: z.array(StudentAtRisk) })
  .meta({ id: 'StudentsAtRiskReport', example: { from: '2026-11-01', to: '2026-11-30', previousFrom: '2026-10-02', previousTo: '2026-10-31', total: 1, offset: 0, limit: 50, rows: [{ studentId: STUDENT, name: 'Sam Student', instrument: 'piano', absenceStreak: 2, marked: 4, attendanceRate: 0.5, previousMarked: 4, previousRate: 1, reasons: ['absence_streak', 'falling', 'low'], lastLessonAt: '2026-11-26T16:00:00.000Z', lessonsLink: `/api/v1/reports/lessons?from=2026-11-01&to=2026-11-30&studentId=${STUDENT}` }] } });
export type StudentsAtRiskReport = z.infer<typeof StudentsAtRiskReport>;

/** `GET /reports/teacher-hours`: each teacher's lessons and the hours delivered (registers complete) per week or month. */
export const TeacherHoursQuery = period({
  period: z.enum(HOURS_PERIODS, { message: `Must be one of ${HOURS_PERIODS.join(', ')}.` }).default('week'),
  teacherId: uuid.optional(),
  offset,
  limit,
  format,
});
export type TeacherHoursQuery = z.infer<typeof TeacherHoursQuery>;

export const TeacherHoursRow = z
  .object({ teacherId: id, name: z.string(), period: day, lessons: whole, scheduledMinutes: whole, delivered: whole, deliveredMinutes: whole, lessonsLink: z.string() });
export type TeacherHoursRow = z.infer<typeof TeacherHoursRow>;

export const TeacherHoursReport = z
  .object({ from: day, to: day, period: z.enum(HOURS_PERIODS), total: whole, offset: whole, limit: whole, rows: z.array(TeacherHoursRow) })
  .meta({ id: 'TeacherHoursReport', example: { from: '2026-11-01', to: '2026-11-30', period: 'month', total: 1, offset: 0, limit: 50, rows: [{ teacherId: TEACHER, name: 'Tess Teacher', period: '2026-11-01', lessons: 40, scheduledMinutes: 1500, delivered: 38, deliveredMinutes: 1425, lessonsLink: `/api/v1/reports/lessons?from=2026-11-01&to=2026-11-30&teacherId=${TEACHER}&delivered=true` }] } });
export type TeacherHoursReport = z.infer<typeof TeacherHoursReport>;

/** `GET /reports/lessons`: the lessons behind a figure: those that began in the period (not cancelled), narrowed like the figure. */
export const ReportLessonsQuery = period({
  teacherId: uuid.optional(),
  studentId: uuid.optional(),
  roomId: uuid.optional(),
  instrument: instrument.optional(),
  delivered: z.enum(['true', 'false'], { message: 'Must be true or false.' }).optional(),
  offset,
  limit,
  format,
});
export type ReportLessonsQuery = z.infer<typeof ReportLessonsQuery>;

/** A lesson behind a figure; `register` is the path of its register. */
export const ReportLesson = z.object({ lessonId: id, start: at, end: at, teacherId: id, teacherName: z.string(), roomId: id.nullable(), roomName: z.string().nullable(), studentIds: z.array(id), startedAt: at.nullable(), delivered: z.boolean(), register: z.string() });
export type ReportLesson = z.infer<typeof ReportLesson>;

export const ReportLessons = z.object({ total: whole, offset: whole, limit: whole, lessons: z.array(ReportLesson) }).meta({ id: 'ReportLessons', example: { total: 1, offset: 0, limit: 50, lessons: [{ lessonId: LESSON, start: '2026-11-26T16:00:00.000Z', end: '2026-11-26T16:30:00.000Z', teacherId: TEACHER, teacherName: 'Tess Teacher', roomId: ROOM, roomName: 'Room 2', studentIds: [STUDENT], startedAt: '2026-11-26T16:02:00.000Z', delivered: true, register: `/api/v1/attendance/lessons/${LESSON}` }] } });
export type ReportLessons = z.infer<typeof ReportLessons>;

/** `GET /reports/teachers/{teacherId}/figures`: one teacher's own figures (the teacher, or an admin). */
export const TeacherFiguresParams = z.strictObject({ teacherId: uuid });
export type TeacherFiguresParams = z.infer<typeof TeacherFiguresParams>;
export const TeacherFiguresQuery = period({});
export type TeacherFiguresQuery = z.infer<typeof TeacherFiguresQuery>;

const WeekHours = TeacherHoursRow.pick({ lessons: true, scheduledMinutes: true, delivered: true, deliveredMinutes: true }).extend({ week: day });
const HOURS = { lessons: 40, scheduledMinutes: 1500, delivered: 38, deliveredMinutes: 1425 };
export const TeacherFigures = z
  .object({ from: day, to: day, teacherId: id, onTimeGraceMinutes: whole, totals: AttendanceFigures, weeks: z.array(AttendanceFigures.extend({ week: day })), hours: z.array(WeekHours) })
  .meta({ id: 'TeacherFigures', example: { from: '2026-11-02', to: '2026-11-29', teacherId: TEACHER, onTimeGraceMinutes: 5, totals: FIGURES, weeks: [{ week: '2026-11-02', ...FIGURES }], hours: [{ week: '2026-11-02', ...HOURS }] } });
export type TeacherFigures = z.infer<typeof TeacherFigures>;
