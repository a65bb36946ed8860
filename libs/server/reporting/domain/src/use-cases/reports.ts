import type { Actor } from '@cadenza/shared/kernel';
import {
  assertMayReadReports,
  assertMayReadTeacherFigures,
  attendanceFigures,
  pageOf,
  periodWithin,
  previousPeriod,
  roomUtilisation,
  studentsAtRisk,
  sumCounts,
  type AttendanceFigures,
  type LessonScope,
  type OpenHours,
  type Page,
  type Paged,
  type ReportPeriod,
  type RoomUtilisation,
  type StudentAtRisk,
} from '../model/reports.js';
import { ReportsReadModel, type AttendanceDimension, type AttendanceFilter, type HoursUnit, type ReportLesson, type TeacherHours } from '../ports/reports-read-model.js';

/** Booked over open hours per room, per day and week, least used first. */
export class RoomUtilisationReport {
  constructor(private readonly readModel: ReportsReadModel) {}

  async execute(actor: Actor, input: { period: ReportPeriod; hours: OpenHours; roomId?: string }): Promise<{ timeZone: string; rooms: RoomUtilisation[] }> {
    assertMayReadReports(actor);
    const timeZone = await this.readModel.timeZone();
    const [rooms, closed, bookings] = await Promise.all([
      this.readModel.rooms(input.roomId),
      this.readModel.closedDays(input.period, timeZone),
      this.readModel.roomBookings(input.period, timeZone, input.hours, input.roomId),
    ]);
    return { timeZone, rooms: roomUtilisation(input.period, input.hours, new Set(closed), rooms, bookings) };
  }
}

export interface AttendanceRow extends AttendanceFigures {
  key: string;
  label: string;
  /** The lessons behind the row's figures. */
  scope: LessonScope;
}

export interface AttendanceReportResult extends Paged<AttendanceRow> {
  onTimeGraceMinutes: number;
  totals: AttendanceFigures;
}

/** On-time starts and attendance rates by teacher, student, instrument or week. */
export class AttendanceReport {
  constructor(private readonly readModel: ReportsReadModel) {}

  async execute(actor: Actor, input: { period: ReportPeriod; by: AttendanceDimension; filter: AttendanceFilter; page?: Page }): Promise<AttendanceReportResult> {
    assertMayReadReports(actor);
    const [timeZone, grace] = await Promise.all([this.readModel.timeZone(), this.readModel.onTimeGraceMinutes()]);
    const groups = await this.readModel.attendance(input.period, timeZone, grace, input.by, input.filter);
    const base: LessonScope = { ...input.period, ...input.filter };
    const rows = groups.map((g) => ({ key: g.key, label: g.label, ...attendanceFigures(g.counts), scope: scopeOf(base, input.by, g.key) }));
    // A lesson counts once in the totals, however many students' rows it is in.
    const totals = input.by === 'teacher' || input.by === 'week' ? sumCounts(groups.map((g) => g.counts))   : sumCounts((await this.readModel.attendance(input.period, timeZone, grace, 'week', input.filter)).map((g) => g.counts));
    return { onTimeGraceMinutes: grace, totals: attendanceFigures(totals), ...pageOf(rows, input.page) };
  }
}

/** The lessons behind one row: the period's, of its teacher, student or instrument, or of its week only. */
function scopeOf(base: LessonScope, by: AttendanceDimension, key: string): LessonScope {
  switch (by) {
    case 'teacher':
      return { ...base, teacherId: key };
    case 'student':
      return { ...base, studentId: key };
    case 'instrument':
      return { ...base, instrument: key };
    case 'week':
      return { ...base, ...periodWithin(base, key, 'week') };
  }
}

export interface AtRiskRow extends StudentAtRisk {
  scope: LessonScope;
}

/** Students whose attendance fell against the period before, who are on an absence streak, or whose rate is low. */
export class StudentsAtRiskReport {
  constructor(private readonly readModel: ReportsReadModel) {}

  async execute(actor: Actor, input: { period: ReportPeriod; filter: AttendanceFilter; page?: Page }): Promise<Paged<AtRiskRow> & { previous: ReportPeriod }> {
    assertMayReadReports(actor);
    const timeZone = await this.readModel.timeZone();
    const previous = previousPeriod(input.period);
    const students = await this.readModel.studentMarks(input.period, previous, timeZone, input.filter);
    const rows = studentsAtRisk(students).map((s) => ({ ...s, scope: { ...input.period, studentId: s.studentId } }));
    return { previous, ...pageOf(rows, input.page) };
  }
}

export interface TeacherHoursRow extends TeacherHours {
  scope: LessonScope;
}

/** Each teacher's lessons and delivered hours per week or month. */
export class TeacherHoursReport {
  constructor(private readonly readModel: ReportsReadModel) {}

  async execute(actor: Actor, input: { period: ReportPeriod; unit: HoursUnit; teacherId?: string; page?: Page }): Promise<Paged<TeacherHoursRow>> {
    assertMayReadReports(actor);
    const timeZone = await this.readModel.timeZone();
    const rows = await this.readModel.teacherHours(input.period, timeZone, input.unit, input.teacherId);
    return pageOf(
      rows.map((r) => ({ ...r, scope: { ...periodWithin(input.period, r.period, input.unit), teacherId: r.teacherId, delivered: true } })),
      input.page,
    );
  }
}

/** The lessons behind a figure. */
export class ReportLessons {
  constructor(private readonly readModel: ReportsReadModel) {}

  async execute(actor: Actor, input: { scope: LessonScope; page?: Page }): Promise<Paged<ReportLesson>> {
    assertMayReadReports(actor);
    const timeZone = await this.readModel.timeZone();
    const { total, lessons } = await this.readModel.lessons(input.scope, timeZone, input.page);
    return { total, offset: input.page?.offset ?? 0, limit: input.page?.limit ?? total, rows: lessons };
  }
}

export interface TeacherFiguresResult {
  onTimeGraceMinutes: number;
  totals: AttendanceFigures;
  /** Each week of the period with lessons: the teacher's on-time starts and attendance. */
  weeks: (AttendanceFigures & { week: string })[];
  /** Each week's lessons and hours delivered. */
  hours: TeacherHours[];
}

/** One teacher's own figures over a period: on-time starts, attendance rate and hours delivered, per week and in all. */
export class TeacherFiguresReport {
  constructor(private readonly readModel: ReportsReadModel) {}

  async execute(actor: Actor, input: { period: ReportPeriod; teacherId: string }): Promise<TeacherFiguresResult> {
    assertMayReadTeacherFigures(actor, input.teacherId);
    const [timeZone, grace] = await Promise.all([this.readModel.timeZone(), this.readModel.onTimeGraceMinutes()]);
    const filter = { teacherId: input.teacherId };
    const [weeks, hours] = await Promise.all([this.readModel.attendance(input.period, timeZone, grace, 'week', filter), this.readModel.teacherHours(input.period, timeZone, 'week', input.teacherId)]);
    return {
      onTimeGraceMinutes: grace,
      totals: attendanceFigures(sumCounts(weeks.map((w) => w.counts))),
      weeks: weeks.map((w) => ({ week: w.key, ...attendanceFigures(w.counts) })),
      hours,
    };
  }
}
