import { EntitySchema } from '@mikro-orm/core';
import { schoolOwned } from '@cadenza/server/platform/db';

/** Rows as PostgreSQL holds them; only this library knows them. */
export interface RoomRow {
  id: string;
  schoolId: string;
  name: string;
  capacity: number;
  features: string[];
  active: boolean;
}
export interface TermRow {
  id: string;
  schoolId: string;
  name: string;
  startDate: string;
  endDate: string;
}
export type ClosureRow = TermRow;
export interface LessonTypeRow {
  id: string;
  schoolId: string;
  name: string;
  durationMinutes: number;
  format: string;
  rateMinor: number | null;
}
export interface AvailabilityRow {
  personId: string;
  schoolId: string;
  windows: unknown;
  exceptions: unknown;
  bufferMinutes: number;
}
export interface SeriesRow {
  id: string;
  schoolId: string;
  teacherId: string;
  studentIds: string[];
  roomId: string | null;
  accompanistId: string | null;
  lessonTypeId: string | null;
  termId: string;
  rrule: string;
  startTime: string;
  durationMinutes: number;
  firstDate: string;
  untilDate: string;
  timeZone: string;
  copiedFromId: string | null;
}
export interface LessonRow {
  id: string;
  schoolId: string;
  teacherId: string;
  roomId: string | null;
  accompanistId: string | null;
  lessonTypeId: string | null;
  seriesId: string | null;
  makeupCreditId: string | null;
  studentIds: string[];
  startAt: Date;
  endAt: Date;
  status: string;
  cancellation: unknown;
}
export interface AttendeeRow {
  lessonId: string;
  personId: string;
  schoolId: string;
  role: string;
  active: boolean;
}
export interface MakeupCreditRow {
  id: string;
  schoolId: string;
  studentId: string;
  originLessonId: string;
  grantedAt: Date;
  expiresAt: Date;
  status: string;
  usedOnLessonId: string | null;
  voidReason: string | null;
}
export interface LessonRequestRow {
  id: string;
  schoolId: string;
  kind: string;
  status: string;
  requestedBy: string;
  studentId: string;
  teacherId: string;
  lessonId: string | null;
  proposed: unknown;
  series: unknown;
  counter: unknown;
  message: string | null;
  decision: unknown;
  policy: unknown;
  createdAt: Date;
}
export interface PolicyRow {
  schoolId: string;
  cancellationNoticeHours: number;
  makeupCreditDays: number;
}

const uuid = { type: 'uuid' } as const;
const uuidNull = { type: 'uuid', nullable: true } as const;
const ts = { type: 'datetime', columnType: 'timestamptz' } as const;
const json = { type: 'json', nullable: true } as const;
const uuids = { type: 'string[]', columnType: 'uuid[]' } as const;

export const RoomSchema = new EntitySchema<RoomRow>({
  name: 'RoomRow',
  tableName: 'rooms',
  properties: {
    id: { ...uuid, primary: true },
    schoolId: uuid,
    name: { type: 'text' },
    capacity: { type: 'integer' },
    features: { type: 'string[]', columnType: 'text[]' },
    active: { type: 'boolean' },
  },
  filters: schoolOwned(),
});

const calendarProps = {
  id: { ...uuid, primary: true },
  schoolId: uuid,
  name: { type: 'text' },
  startDate: { type: 'date' },
  endDate: { type: 'date' },
} as const;
export const TermSchema = new EntitySchema<TermRow>({ name: 'TermRow', tableName: 'terms', properties: calendarProps, filters: schoolOwned() });
export const ClosureSchema = new EntitySchema<ClosureRow>({ name: 'ClosureRow', tableName: 'closures', properties: calendarProps, filters: schoolOwned() });

export const LessonTypeSchema = new EntitySchema<LessonTypeRow>({
  name: 'LessonTypeRow',
  tableName: 'lesson_types',
  properties: {
    id: { ...uuid, primary: true },
    schoolId: uuid,
    name: { type: 'text' },
    durationMinutes: { type: 'integer' },
    format: { type: 'text' },
    rateMinor: { type: 'integer', columnType: 'bigint', nullable: true },
  },
  filters: schoolOwned(),
});

export const AvailabilitySchema = new EntitySchema<AvailabilityRow>({
  name: 'AvailabilityRow',
  tableName: 'availabilities',
  properties: {
    personId: { ...uuid, primary: true },
    schoolId: uuid,
    windows: { type: 'json' },
    exceptions: { type: 'json' },
    bufferMinutes: { type: 'integer' },
  },
  filters: schoolOwned(),
});

export const SeriesSchema = new EntitySchema<SeriesRow>({
  name: 'SeriesRow',
  tableName: 'lesson_series',
  properties: {
    id: { ...uuid, primary: true },
    schoolId: uuid,
    teacherId: uuid,
    studentIds: uuids,
    roomId: uuidNull,
    accompanistId: uuidNull,
    lessonTypeId: uuidNull,
    termId: uuid,
    rrule: { type: 'text' },
    startTime: { type: 'text' },
    durationMinutes: { type: 'integer' },
    firstDate: { type: 'date' },
    untilDate: { type: 'date' },
    timeZone: { type: 'text' },
    copiedFromId: uuidNull,
  },
  filters: schoolOwned(),
});

export const LessonSchema = new EntitySchema<LessonRow>({
  name: 'LessonRow',
  tableName: 'lessons',
  properties: {
    id: { ...uuid, primary: true },
    schoolId: uuid,
    teacherId: uuid,
    roomId: uuidNull,
    accompanistId: uuidNull,
    lessonTypeId: uuidNull,
    seriesId: uuidNull,
    makeupCreditId: uuidNull,
    studentIds: uuids,
    startAt: ts,
    endAt: ts,
    status: { type: 'text' },
    cancellation: json,
  },
  filters: schoolOwned(),
});

/** Written by the database (a trigger on lessons); read to find who is busy. */
export const AttendeeSchema = new EntitySchema<AttendeeRow>({
  name: 'AttendeeRow',
  tableName: 'lesson_attendees',
  properties: {
    lessonId: { ...uuid, primary: true },
    personId: { ...uuid, primary: true },
    schoolId: uuid,
    role: { type: 'text' },
    active: { type: 'boolean' },
  },
  filters: schoolOwned(),
});

export const MakeupCreditSchema = new EntitySchema<MakeupCreditRow>({
  name: 'MakeupCreditRow',
  tableName: 'makeup_credits',
  properties: {
    id: { ...uuid, primary: true },
    schoolId: uuid,
    studentId: uuid,
    originLessonId: uuid,
    grantedAt: ts,
    expiresAt: ts,
    status: { type: 'text' },
    usedOnLessonId: uuidNull,
    voidReason: { type: 'text', nullable: true },
  },
  filters: schoolOwned(),
});

export const LessonRequestSchema = new EntitySchema<LessonRequestRow>({
  name: 'LessonRequestRow',
  tableName: 'lesson_requests',
  properties: {
    id: { ...uuid, primary: true },
    schoolId: uuid,
    kind: { type: 'text' },
    status: { type: 'text' },
    requestedBy: uuid,
    studentId: uuid,
    teacherId: uuid,
    lessonId: uuidNull,
    proposed: json,
    series: json,
    counter: json,
    message: { type: 'text', nullable: true },
    decision: json,
    policy: json,
    createdAt: ts,
  },
  filters: schoolOwned(),
});

export const PolicySchema = new EntitySchema<PolicyRow>({
  name: 'PolicyRow',
  tableName: 'scheduling_policies',
  properties: {
    schoolId: { ...uuid, primary: true },
    cancellationNoticeHours: { type: 'integer' },
    makeupCreditDays: { type: 'integer' },
  },
  filters: schoolOwned(),
});

export const schedulingEntities = [
  RoomSchema,
  TermSchema,
  ClosureSchema,
  LessonTypeSchema,
  AvailabilitySchema,
  SeriesSchema,
  LessonSchema,
  AttendeeSchema,
  MakeupCreditSchema,
  LessonRequestSchema,
  PolicySchema,
];
