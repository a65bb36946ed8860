import type { AttendanceCounts, LessonScope, OpenHours, Page, ReportPeriod, RoomDayBooking, StudentMarks } from '../model/reports.js';

export type AttendanceDimension = 'teacher' | 'student' | 'instrument' | 'week';
export type HoursUnit = 'week' | 'month';

/** What narrows the attendance figures and the students at risk. */
export interface AttendanceFilter {
  teacherId?: string;
  studentId?: string;
  instrument?: string;
}

export interface AttendanceGroup {
  key: string;
  label: string;
  counts: AttendanceCounts;
}

export interface TeacherHours {
  teacherId: string;
  name: string;
  /** The first day of the week or month. */
  period: string;
  lessons: number;
  scheduledMinutes: number;
  delivered: number;
  deliveredMinutes: number;
}

export interface ReportLesson {
  lessonId: string;
  start: Date;
  end: Date;
  teacherId: string;
  teacherName: string;
  roomId: string | null;
  roomName: string | null;
  studentIds: string[];
  startedAt: Date | null;
  delivered: boolean;
}

/**
 * What the reports read from the contexts' records: scheduling's lessons, rooms and closures, attendance's registers
 * and marks and its on-time grace, identity's names and students' instruments. Reporting owns the questions; the app
 * answers them over those tables (`libs/server/bridges`). Every read is scoped to the school in force, takes the
 * school's time zone for its days, and counts lessons that began in the period and were not cancelled.
 */
export abstract class ReportsReadModel {
  /** The school's IANA time zone. */
  abstract timeZone(): Promise<string>;
  /** Attendance's on-time grace for the school, in minutes. */
  abstract onTimeGraceMinutes(): Promise<number>;
  /** The school's active rooms (or the one asked for, active or not), by name. */
  abstract rooms(roomId?: string): Promise<{ id: string; name: string }[]>;
  /** Days of the period within a closure. */
  abstract closedDays(period: ReportPeriod, timeZone: string): Promise<string[]>;
  /** Per room and day, the minutes booked within that day's `opens`–`closes` (days with none are left out). */
  abstract roomBookings(period: ReportPeriod, timeZone: string, hours: OpenHours, roomId?: string): Promise<RoomDayBooking[]>;
  /** The counts per teacher, student, instrument or week, of lessons and of students' places. */
  abstract attendance(period: ReportPeriod, timeZone: string, graceMinutes: number, by: AttendanceDimension, filter: AttendanceFilter): Promise<AttendanceGroup[]>;
  /** Each student marked in the period or the one before: their marks of the period in order, and the counts of the one before. */
  abstract studentMarks(period: ReportPeriod, previous: ReportPeriod, timeZone: string, filter: AttendanceFilter): Promise<StudentMarks[]>;
  /** Per teacher and week or month, their lessons and those delivered, by teacher's name then period. */
  abstract teacherHours(period: ReportPeriod, timeZone: string, unit: HoursUnit, teacherId?: string): Promise<TeacherHours[]>;
  /** One page of the lessons in scope, in start order, and how many there are. */
  abstract lessons(scope: LessonScope, timeZone: string, page: Page | undefined): Promise<{ total: number; lessons: ReportLesson[] }>;
}
