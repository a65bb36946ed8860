import { EntitySchema } from '@mikro-orm/core';
import { schoolOwned } from '@cadenza/server/platform/db';

/** Rows as PostgreSQL holds them; only this library knows them. */
export interface AttendanceLessonRow {
  id: string;
  schoolId: string;
  teacherId: string;
  accompanistId: string | null;
  studentIds: string[];
  startAt: Date;
  endAt: Date;
  cancelled: boolean;
}
export interface RegisterRow {
  schoolId: string;
  lessonId: string;
  startedAt: Date | null;
  startedBy: string | null;
  endedAt: Date | null;
  endedBy: string | null;
  deliveredAt: Date | null;
}
export interface EntryRow {
  schoolId: string;
  lessonId: string;
  studentId: string;
  status: string;
  lateMinutes: number | null;
  note: string | null;
  markedBy: string;
  markedAt: Date;
}
export interface RegisterChangeRow {
  id: string;
  schoolId: string;
  lessonId: string;
  studentId: string;
  ordinal: number;
  fromStatus: string | null;
  fromLateMinutes: number | null;
  fromNote: string | null;
  toStatus: string;
  toLateMinutes: number | null;
  toNote: string | null;
  changedBy: string;
  changedAt: Date;
  reason: string | null;
}
export interface AttendanceSettingsRow {
  schoolId: string;
  earlyMarkingMinutes: number;
  markingWindowDays: number;
  onTimeGraceMinutes: number;
  missingRegisterReminderTime: string;
  streakAlertsToGuardians: boolean;
}

const uuid = { type: 'uuid' } as const;
const uuidNull = { type: 'uuid', nullable: true } as const;
const ts = { type: 'datetime', columnType: 'timestamptz' } as const;
const tsNull = { ...ts, nullable: true } as const;
const textNull = { type: 'text', nullable: true } as const;
const intNull = { type: 'integer', nullable: true } as const;

export const AttendanceLessonSchema = new EntitySchema<AttendanceLessonRow>({
  name: 'AttendanceLessonRow',
  tableName: 'attendance_lessons',
  properties: {
    id: { ...uuid, primary: true },
    schoolId: uuid,
    teacherId: uuid,
    accompanistId: uuidNull,
    studentIds: { type: 'string[]', columnType: 'uuid[]' },
    startAt: ts,
    endAt: ts,
    cancelled: { type: 'boolean' },
  },
  filters: schoolOwned(),
});

export const RegisterSchema = new EntitySchema<RegisterRow>({
  name: 'RegisterRow',
  tableName: 'attendance_registers',
  properties: {
    schoolId: { ...uuid, primary: true },
    lessonId: { ...uuid, primary: true },
    startedAt: tsNull,
    startedBy: uuidNull,
    endedAt: tsNull,
    endedBy: uuidNull,
    deliveredAt: tsNull,
  },
  filters: schoolOwned(),
});

export const EntrySchema = new EntitySchema<EntryRow>({
  name: 'EntryRow',
  tableName: 'attendance_entries',
  properties: {
    schoolId: uuid,
    lessonId: { ...uuid, primary: true },
    studentId: { ...uuid, primary: true },
    status: { type: 'text' },
    lateMinutes: intNull,
    note: textNull,
    markedBy: uuid,
    markedAt: ts,
  },
  filters: schoolOwned(),
});

export const RegisterChangeSchema = new EntitySchema<RegisterChangeRow>({
  name: 'RegisterChangeRow',
  tableName: 'attendance_register_changes',
  properties: {
    id: { ...uuid, primary: true },
    schoolId: uuid,
    lessonId: uuid,
    studentId: uuid,
    ordinal: { type: 'integer' },
    fromStatus: textNull,
    fromLateMinutes: intNull,
    fromNote: textNull,
    toStatus: { type: 'text' },
    toLateMinutes: intNull,
    toNote: textNull,
    changedBy: uuid,
    changedAt: ts,
    reason: textNull,
  },
  filters: schoolOwned(),
});

export const AttendanceSettingsSchema = new EntitySchema<AttendanceSettingsRow>({
  name: 'AttendanceSettingsRow',
  tableName: 'attendance_settings',
  properties: {
    schoolId: { ...uuid, primary: true },
    earlyMarkingMinutes: { type: 'integer' },
    markingWindowDays: { type: 'integer' },
    onTimeGraceMinutes: { type: 'integer' },
    missingRegisterReminderTime: { type: 'text' },
    streakAlertsToGuardians: { type: 'boolean' },
  },
  filters: schoolOwned(),
});


export interface AssignmentRow {
  id: string;
  schoolId: string;
  studentId: string;
  setBy: string;
  title: string;
  description: string | null;
  dueOn: string;
  pieces: string[];
  links: string[];
  setAt: Date;
  doneAt: Date | null;
  doneBy: string | null;
}
export interface PracticeDayRow {
  schoolId: string;
  studentId: string;
  day: string;
  minutes: number;
}
export interface PracticeLogRow {
  id: string;
  schoolId: string;
  studentId: string;
  assignmentId: string | null;
  practisedOn: string;
  minutes: number;
  note: string | null;
  loggedBy: string;
  loggedAt: Date;
}
export interface PracticeCommentRow {
  id: string;
  schoolId: string;
  logId: string;
  authorId: string;
  body: string;
  at: Date;
}
export interface ProgressScaleRow {
  schoolId: string;
  name: string;
}
export interface ProgressLevelRow {
  id: string;
  schoolId: string;
  name: string;
  position: number;
}
export interface AchievementRow {
  id: string;
  schoolId: string;
  studentId: string;
  levelId: string;
  achievedOn: string;
  piece: string | null;
  note: string | null;
  recordedBy: string;
  recordedAt: Date;
}
export interface TargetRow {
  id: string;
  schoolId: string;
  studentId: string;
  levelId: string | null;
  description: string;
  dueOn: string;
  recordedBy: string;
  recordedAt: Date;
}

const date = { type: 'date' } as const;
const texts = { type: 'string[]', columnType: 'text[]' } as const;

export const AssignmentSchema = new EntitySchema<AssignmentRow>({
  name: 'AssignmentRow',
  tableName: 'practice_assignments',
  properties: {
    id: { ...uuid, primary: true },
    schoolId: uuid,
    studentId: uuid,
    setBy: uuid,
    title: { type: 'text' },
    description: textNull,
    dueOn: date,
    pieces: texts,
    links: texts,
    setAt: ts,
    doneAt: tsNull,
    doneBy: uuidNull,
  },
  filters: schoolOwned(),
});

export const PracticeDaySchema = new EntitySchema<PracticeDayRow>({
  name: 'PracticeDayRow',
  tableName: 'practice_days',
  properties: { schoolId: { ...uuid, primary: true }, studentId: { ...uuid, primary: true }, day: { ...date, primary: true }, minutes: { type: 'integer' } },
  filters: schoolOwned(),
});

export const PracticeLogSchema = new EntitySchema<PracticeLogRow>({
  name: 'PracticeLogRow',
  tableName: 'practice_logs',
  properties: {
    id: { ...uuid, primary: true },
    schoolId: uuid,
    studentId: uuid,
    assignmentId: uuidNull,
    practisedOn: date,
    minutes: { type: 'integer' },
    note: textNull,
    loggedBy: uuid,
    loggedAt: ts,
  },
  filters: schoolOwned(),
});

export const PracticeCommentSchema = new EntitySchema<PracticeCommentRow>({
  name: 'PracticeCommentRow',
  tableName: 'practice_comments',
  properties: { id: { ...uuid, primary: true }, schoolId: uuid, logId: uuid, authorId: uuid, body: { type: 'text' }, at: ts },
  filters: schoolOwned(),
});

export const ProgressScaleSchema = new EntitySchema<ProgressScaleRow>({
  name: 'ProgressScaleRow',
  tableName: 'progress_scales',
  properties: { schoolId: { ...uuid, primary: true }, name: { type: 'text' } },
  filters: schoolOwned(),
});

export const ProgressLevelSchema = new EntitySchema<ProgressLevelRow>({
  name: 'ProgressLevelRow',
  tableName: 'progress_levels',
  properties: { id: { ...uuid, primary: true }, schoolId: uuid, name: { type: 'text' }, position: { type: 'integer' } },
  filters: schoolOwned(),
});

export const AchievementSchema = new EntitySchema<AchievementRow>({
  name: 'AchievementRow',
  tableName: 'progress_achievements',
  properties: {
    id: { ...uuid, primary: true },
    schoolId: uuid,
    studentId: uuid,
    levelId: uuid,
    achievedOn: date,
    piece: textNull,
    note: textNull,
    recordedBy: uuid,
    recordedAt: ts,
  },
  filters: schoolOwned(),
});

export const TargetSchema = new EntitySchema<TargetRow>({
  name: 'TargetRow',
  tableName: 'progress_targets',
  properties: {
    id: { ...uuid, primary: true },
    schoolId: uuid,
    studentId: uuid,
    levelId: uuidNull,
    description: { type: 'text' },
    dueOn: date,
    recordedBy: uuid,
    recordedAt: ts,
  },
  filters: schoolOwned(),
});

export const practiceEntities = [AssignmentSchema, PracticeDaySchema, PracticeLogSchema, PracticeCommentSchema, ProgressScaleSchema, ProgressLevelSchema, AchievementSchema, TargetSchema];

export const attendanceEntities = [AttendanceLessonSchema, RegisterSchema, EntrySchema, RegisterChangeSchema, AttendanceSettingsSchema, ...practiceEntities];
