import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Access, actorOf, CurrentPrincipal, Endpoint, validate, type Principal } from '@cadenza/server/platform/http';
import { AttendanceReport, periodWithin, ReportLessons, RoomUtilisationReport, StudentsAtRiskReport, TeacherFiguresReport, TeacherHoursReport, type LessonScope } from '@cadenza/server/reporting/domain';
import {
  AttendanceReportQuery,
  AttendanceReport as AttendanceReportBody,
  ReportLessons as ReportLessonsBody,
  ReportLessonsQuery,
  RoomUtilisationQuery,
  RoomUtilisationReport as RoomUtilisationBody,
  StudentsAtRiskQuery,
  StudentsAtRiskReport as StudentsAtRiskBody,
  TeacherFigures as TeacherFiguresBody,
  TeacherFiguresParams,
  TeacherFiguresQuery,
  TeacherHoursQuery,
  TeacherHoursReport as TeacherHoursBody,
} from '@cadenza/shared/contracts';
import { csvDownload, csvRate } from './csv.js';

const ADMINS = ['admin'] as const;
const WHY = 'the school’s figures: admins';
const CSV = ' With `format=csv`, the same rows as a CSV download (every row, not a page).';

/** The path of the lessons behind a figure (`GET /reports/lessons` with the figure's narrowing). */
export function lessonsLink(scope: LessonScope): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(scope)) if (value !== undefined) query.set(key, String(value));
  return `/api/v1/reports/lessons?${query.toString()}`;
}

const page = (q: { format: string; offset: number; limit: number }) => (q.format === 'csv' ? undefined : { offset: q.offset, limit: q.limit });
const iso = (d: Date | null) => (d === null ? null : d.toISOString());
const fileName = (report: string, q: { from: string; to: string }) => `cadenza-${report}-${q.from}-${q.to}.csv`;

@ApiTags('reporting')
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly roomUtilisation: RoomUtilisationReport,
    private readonly attendance: AttendanceReport,
    private readonly atRisk: StudentsAtRiskReport,
    private readonly teacherHours: TeacherHoursReport,
    private readonly reportLessons: ReportLessons,
    private readonly teacherFigures: TeacherFiguresReport,
  ) {}

  @Get('room-utilisation')
  @Access([...ADMINS], WHY)
  @Endpoint({ summary: 'Room utilisation: booked over open hours per room, per day and week, least used first', description: `Days and weeks in the school’s time zone.${CSV}`, response: RoomUtilisationBody })
  async rooms(@CurrentPrincipal() principal: Principal, @Query(validate(RoomUtilisationQuery)) q: RoomUtilisationQuery): Promise<RoomUtilisationBody | StreamableFile> {
    const period = { from: q.from, to: q.to };
    const hours = { opens: q.opens, closes: q.closes, days: q.openDays.split(',').map(Number) };
    const { timeZone, rooms } = await this.roomUtilisation.execute(actorOf(principal), { period, hours, roomId: q.roomId });
    if (q.format === 'csv') {
      return csvDownload(
        fileName('room-utilisation', q),
        ['room', 'date', 'booked_minutes', 'open_minutes', 'utilisation'],
        rooms.flatMap((r) => r.days.map((d) => [r.name, d.date, d.bookedMinutes, d.openMinutes, csvRate(d.utilisation)])),
      );
    }
    return {
      ...period,
      timeZone,
      rooms: rooms.map((r) => ({
        ...r,
        lessons: lessonsLink({ ...period, roomId: r.roomId }),
        days: r.days.map((d) => ({ ...d, lessons: lessonsLink({ from: d.date, to: d.date, roomId: r.roomId }) })),
        weeks: r.weeks.map((w) => ({ ...w, lessons: lessonsLink({ ...periodWithin(period, w.week, 'week'), roomId: r.roomId }) })),
      })),
    };
  }

  @Get('attendance')
  @Access([...ADMINS], WHY)
  @Endpoint({ summary: 'On-time starts and attendance rates by teacher, student, instrument or week', description: `Paged by \`offset\` and \`limit\`.${CSV}`, response: AttendanceReportBody })
  async attendanceReport(@CurrentPrincipal() principal: Principal, @Query(validate(AttendanceReportQuery)) q: AttendanceReportQuery): Promise<AttendanceReportBody | StreamableFile> {
    const result = await this.attendance.execute(actorOf(principal), {
      period: { from: q.from, to: q.to },
      by: q.by,
      filter: { teacherId: q.teacherId, studentId: q.studentId, instrument: q.instrument },
      page: page(q),
    });
    if (q.format === 'csv') {
      return csvDownload(
        fileName(`attendance-by-${q.by}`, q),
        [q.by, 'lessons', 'started', 'on_time', 'on_time_rate', 'places', 'marked', 'present', 'late', 'absent_with_notice', 'absent_without_notice', 'excused', 'attendance_rate'],
        result.rows.map((r) => [r.label, r.lessons, r.started, r.onTime, csvRate(r.onTimeRate), r.places, r.marked, r.present, r.late, r.absentWithNotice, r.absentWithoutNotice, r.excused, csvRate(r.attendanceRate)]),
      );
    }
    return {
      from: q.from,
      to: q.to,
      by: q.by,
      onTimeGraceMinutes: result.onTimeGraceMinutes,
      totals: result.totals,
      total: result.total,
      offset: result.offset,
      limit: result.limit,
      rows: result.rows.map(({ scope, ...r }) => ({ ...r, lessonsLink: lessonsLink(scope) })),
    };
  }

  @Get('students-at-risk')
  @Access([...ADMINS], WHY)
  @Endpoint({ summary: 'Students at risk: falling attendance, absence streaks, low rates', description: `Against the period of the same length before. Paged.${CSV}`, response: StudentsAtRiskBody })
  async studentsAtRisk(@CurrentPrincipal() principal: Principal, @Query(validate(StudentsAtRiskQuery)) q: StudentsAtRiskQuery): Promise<StudentsAtRiskBody | StreamableFile> {
    const result = await this.atRisk.execute(actorOf(principal), { period: { from: q.from, to: q.to }, filter: { teacherId: q.teacherId, instrument: q.instrument }, page: page(q) });
    if (q.format === 'csv') {
      return csvDownload(
        fileName('students-at-risk', q),
        ['student', 'instrument', 'reasons', 'absence_streak', 'marked', 'attendance_rate', 'previous_marked', 'previous_rate', 'last_lesson_at'],
        result.rows.map((r) => [r.name, r.instrument, r.reasons.join(' '), r.absenceStreak, r.marked, csvRate(r.attendanceRate), r.previousMarked, csvRate(r.previousRate), iso(r.lastLessonAt)]),
      );
    }
    return {
      from: q.from,
      to: q.to,
      previousFrom: result.previous.from,
      previousTo: result.previous.to,
      total: result.total,
      offset: result.offset,
      limit: result.limit,
      rows: result.rows.map(({ scope, ...r }) => ({ ...r, lastLessonAt: iso(r.lastLessonAt), lessonsLink: lessonsLink(scope) })),
    };
  }

  @Get('teacher-hours')
  @Access([...ADMINS], WHY)
  @Endpoint({ summary: 'Teacher hours delivered per week or month', description: `A lesson is delivered when its register is complete. Paged.${CSV}`, response: TeacherHoursBody })
  async hours(@CurrentPrincipal() principal: Principal, @Query(validate(TeacherHoursQuery)) q: TeacherHoursQuery): Promise<TeacherHoursBody | StreamableFile> {
    const result = await this.teacherHours.execute(actorOf(principal), { period: { from: q.from, to: q.to }, unit: q.period, teacherId: q.teacherId, page: page(q) });
    if (q.format === 'csv') {
      return csvDownload(
        fileName(`teacher-hours-by-${q.period}`, q),
        ['teacher', q.period, 'lessons', 'scheduled_minutes', 'delivered', 'delivered_minutes'],
        result.rows.map((r) => [r.name, r.period, r.lessons, r.scheduledMinutes, r.delivered, r.deliveredMinutes]),
      );
    }
    return { from: q.from, to: q.to, period: q.period, total: result.total, offset: result.offset, limit: result.limit, rows: result.rows.map(({ scope, ...r }) => ({ ...r, lessonsLink: lessonsLink(scope) })) };
  }

  @Get('teachers/:teacherId/figures')
  @Access(['admin', 'teacher'], 'a teacher’s own figures: the teacher (another teacher’s are a 404), and admins')
  @Endpoint({ summary: 'A teacher’s own figures: on-time starts, attendance rate and hours delivered', description: 'Per week of the period (weeks with lessons) and in all.', response: TeacherFiguresBody })
  async figures(
    @CurrentPrincipal() principal: Principal,
    @Param(validate(TeacherFiguresParams)) { teacherId }: TeacherFiguresParams,
    @Query(validate(TeacherFiguresQuery)) q: TeacherFiguresQuery,
  ): Promise<TeacherFiguresBody> {
    const result = await this.teacherFigures.execute(actorOf(principal), { period: { from: q.from, to: q.to }, teacherId });
    return { from: q.from, to: q.to, teacherId, ...result, hours: result.hours.map(({ period, lessons, scheduledMinutes, delivered, deliveredMinutes }) => ({ week: period, lessons, scheduledMinutes, delivered, deliveredMinutes })) };
  }

  @Get('lessons')
  @Access([...ADMINS], WHY)
  @Endpoint({ summary: 'The lessons behind a figure', description: `Lessons that began in the period and were not cancelled, narrowed as the figure is. Paged.${CSV}`, response: ReportLessonsBody })
  async lessons(@CurrentPrincipal() principal: Principal, @Query(validate(ReportLessonsQuery)) q: ReportLessonsQuery): Promise<ReportLessonsBody | StreamableFile> {
    const scope: LessonScope = {
      from: q.from,
      to: q.to,
      teacherId: q.teacherId,
      studentId: q.studentId,
      roomId: q.roomId,
      instrument: q.instrument,
      delivered: q.delivered === undefined ? undefined : q.delivered === 'true',
    };
    const result = await this.reportLessons.execute(actorOf(principal), { scope, page: page(q) });
    const lessons = result.rows.map((l) => ({ ...l, start: l.start.toISOString(), end: l.end.toISOString(), startedAt: iso(l.startedAt), register: `/api/v1/attendance/lessons/${l.lessonId}` }));
    if (q.format === 'csv') {
      return csvDownload(
        fileName('lessons', q),
        ['lesson_id', 'start', 'end', 'teacher', 'room', 'students', 'started_at', 'delivered'],
        lessons.map((l) => [l.lessonId, l.start, l.end, l.teacherName, l.roomName, l.studentIds.length, l.startedAt, l.delivered]),
      );
    }
    return { total: result.total, offset: result.offset, limit: result.limit, lessons };
  }
}
