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
  },
  filters: schoolOwned(),
});

export const attendanceEntities = [AttendanceLessonSchema, RegisterSchema, EntrySchema, RegisterChangeSchema, AttendanceSettingsSchema];
