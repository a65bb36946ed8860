import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { DEFAULT_ATTENDANCE_SETTINGS } from '@cadenza/server/attendance/domain';
import { schoolRows } from '@cadenza/server/platform/db';
import {
  ReportsReadModel,
  type AttendanceDimension,
  type AttendanceFilter,
  type AttendanceGroup,
  type HoursUnit,
  type LessonScope,
  type Mark,
  type OpenHours,
  type Page,
  type ReportLesson,
  type ReportPeriod,
  type RoomDayBooking,
  type StudentMarks,
  type TeacherHours,
} from '@cadenza/server/reporting/domain';
import { schoolTimeZone } from './sql-dashboard-read-model.js';
import { REPORT_ATTENDANCE, REPORT_ATTENDANCE_OF_PLACES, REPORT_CLOSED_DAYS, REPORT_LESSONS, REPORT_ON_TIME_GRACE, REPORT_ROOM_BOOKINGS, REPORT_ROOMS, REPORT_STUDENT_MARKS, REPORT_TEACHER_HOURS } from './report-statements.js';

const date = (value: Date | string) => (value instanceof Date ? value : new Date(value));

/**
 * The reports' reads in plain SQL (`report-statements.ts`) over the reports' summaries, kept from scheduling's and
 * attendance's tables (`report-summaries.ts`), and over those and identity's tables; each one round trip bound to the
 * school in force. They aggregate in PostgreSQL and return counts, never the period's rows.
 */
@Injectable()
export class SqlReportsReadModel extends ReportsReadModel {
  constructor(private readonly em: EntityManager) {
    super();
  }

  timeZone(): Promise<string> {
    return schoolTimeZone(this.em);
  }

  async onTimeGraceMinutes(): Promise<number> {
    const [row] = await schoolRows(this.em, REPORT_ON_TIME_GRACE, []);
    return row?.grace ?? DEFAULT_ATTENDANCE_SETTINGS.onTimeGraceMinutes;
  }

  async rooms(roomId?: string): Promise<{ id: string; name: string }[]> {
    return schoolRows(this.em, REPORT_ROOMS, [roomId ?? null]);
  }

  async closedDays(period: ReportPeriod): Promise<string[]> {
    return (await schoolRows(this.em, REPORT_CLOSED_DAYS, [period.from, period.to])).map((r) => r.day);
  }

  async roomBookings(period: ReportPeriod, timeZone: string, hours: OpenHours, roomId?: string): Promise<RoomDayBooking[]> {
    const rows = await schoolRows(this.em, REPORT_ROOM_BOOKINGS, [timeZone, period.from, period.to, hours.opens, hours.closes, roomId ?? null]);
    return rows.map((r) => ({ roomId: r.room_id, date: r.day, bookedMinutes: Number(r.booked) }));
  }

  async attendance(period: ReportPeriod, timeZone: string, graceMinutes: number, by: AttendanceDimension, filter: AttendanceFilter): Promise<AttendanceGroup[]> {
    // By teacher or week, a row per lesson answers unless the figures are narrowed to some of its students.
    const statement = (by === 'teacher' || by === 'week') && (filter.studentId || filter.instrument) ? REPORT_ATTENDANCE_OF_PLACES[by] : REPORT_ATTENDANCE[by];
    const rows = await schoolRows(this.em, statement, [timeZone, period.from, period.to, graceMinutes, filter.teacherId ?? null, filter.studentId ?? null, filter.instrument ?? null]);
    return rows.map((r) => ({
      key: r.key,
      label: r.label,
      counts: {
        lessons: Number(r.lessons),
        started: Number(r.started),
        onTime: Number(r.on_time),
        places: Number(r.places),
        marked: Number(r.marked),
        present: Number(r.present),
        late: Number(r.late),
        absentWithNotice: Number(r.absent_notice),
        absentWithoutNotice: Number(r.absent_no_notice),
        excused: Number(r.excused),
      },
    }));
  }

  async studentMarks(period: ReportPeriod, previous: ReportPeriod, timeZone: string, filter: AttendanceFilter): Promise<StudentMarks[]> {
    const rows = await schoolRows(this.em, REPORT_STUDENT_MARKS, [timeZone, period.from, period.to, previous.from, filter.teacherId ?? null, filter.instrument ?? null]);
    return rows.map((r) => ({
      studentId: r.student_id,
      name: r.name,
      instrument: r.instrument,
      marks: r.marks as Mark[],
      lastLessonAt: r.last_lesson_at === null ? null : date(r.last_lesson_at),
      previous: { marked: Number(r.previous_marked), attended: Number(r.previous_attended), excused: Number(r.previous_excused) },
    }));
  }

  async teacherHours(period: ReportPeriod, timeZone: string, unit: HoursUnit, teacherId?: string): Promise<TeacherHours[]> {
    const rows = await schoolRows(this.em, REPORT_TEACHER_HOURS, [timeZone, period.from, period.to, unit, teacherId ?? null]);
    return rows.map((r) => ({
      teacherId: r.teacher_id,
      name: r.name,
      period: r.period,
      lessons: Number(r.lessons),
      scheduledMinutes: Number(r.scheduled_minutes),
      delivered: Number(r.delivered),
      deliveredMinutes: Number(r.delivered_minutes),
    }));
  }

  async lessons(scope: LessonScope, timeZone: string, page: Page | undefined): Promise<{ total: number; lessons: ReportLesson[] }> {
    const read = (offset: number, limit: number | null) =>
      schoolRows(this.em, REPORT_LESSONS, [
        timeZone,
        scope.from,
        scope.to,
        scope.teacherId ?? null,
        scope.studentId ?? null,
        scope.roomId ?? null,
        scope.instrument ?? null,
        scope.delivered ?? null,
        offset,
        limit,
      ]);
    const rows = await read(page?.offset ?? 0, page?.limit ?? null);
    // Past the last page the window counts nothing: ask for the first row to learn the total.
    const total = rows[0] ? Number(rows[0].total) : page && page.offset > 0 ? Number((await read(0, 1))[0]?.total ?? 0) : 0;
    return {
      total,
      lessons: rows.map((r) => ({
        lessonId: r.id,
        start: date(r.start_at),
        end: date(r.end_at),
        teacherId: r.teacher_id,
        teacherName: r.teacher_name,
        roomId: r.room_id,
        roomName: r.room_name,
        studentIds: r.student_ids,
        startedAt: r.started_at === null ? null : date(r.started_at),
        delivered: r.delivered,
      })),
    };
  }
}
