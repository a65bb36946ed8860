import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { AttendanceReport, AttendanceReportDimension, HoursPeriod, ReportLessons, RoomUtilisationReport, StudentsAtRiskReport, TeacherFigures, TeacherHoursReport } from '@cadenza/shared/contracts';
import { API_BASE } from '@cadenza/web/shared/data-access-api';
import type { Observable } from 'rxjs';

export const REPORTS_API = `${API_BASE}/reports`;

/** A report's period: days in the school's time zone, both included (a type, so it is also a report's query). */
export type ReportRange = { from: string; to: string };

/** The query of a report: its period and its own choices (`by`, `period`, paging, a narrowing). */
export type ReportQuery = ReportRange & Record<string, string | number | undefined>;

/** The report names the CSV downloads and the lessons behind a figure go by: `/reports/<name>`. */
export type ReportName = 'room-utilisation' | 'attendance' | 'students-at-risk' | 'teacher-hours' | 'lessons';

const paramsOf = (query: Record<string, string | number | undefined>) => {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params = params.set(key, String(value));
  return params;
};

/**
 * The query of the lessons behind a figure, from the link the API gives with it (`/api/v1/reports/lessons?…`): what
 * the console's lessons page takes as its query parameters.
 */
export function lessonsQueryOf(link: string): Record<string, string> {
  return Object.fromEntries(new URL(link, 'http://cadenza.invalid').searchParams.entries());
}

/** The school's reports (admins), and a teacher's own figures (the teacher, or an admin). */
@Injectable({ providedIn: 'root' })
export class ReportsApi {
  private readonly http = inject(HttpClient);

  roomUtilisation(range: ReportRange): Observable<RoomUtilisationReport> {
    return this.http.get<RoomUtilisationReport>(`${REPORTS_API}/room-utilisation`, { params: paramsOf({ ...range }) });
  }
  attendance(range: ReportRange, by: AttendanceReportDimension, page: { offset: number; limit: number }): Observable<AttendanceReport> {
    return this.http.get<AttendanceReport>(`${REPORTS_API}/attendance`, { params: paramsOf({ ...range, by, ...page }) });
  }
  studentsAtRisk(range: ReportRange, page: { offset: number; limit: number }): Observable<StudentsAtRiskReport> {
    return this.http.get<StudentsAtRiskReport>(`${REPORTS_API}/students-at-risk`, { params: paramsOf({ ...range, ...page }) });
  }
  teacherHours(range: ReportRange, period: HoursPeriod, page: { offset: number; limit: number }): Observable<TeacherHoursReport> {
    return this.http.get<TeacherHoursReport>(`${REPORTS_API}/teacher-hours`, { params: paramsOf({ ...range, period, ...page }) });
  }
  lessons(query: Record<string, string | number | undefined>): Observable<ReportLessons> {
    return this.http.get<ReportLessons>(`${REPORTS_API}/lessons`, { params: paramsOf(query) });
  }
  teacherFigures(teacherId: string, range: ReportRange): Observable<TeacherFigures> {
    return this.http.get<TeacherFigures>(`${REPORTS_API}/teachers/${teacherId}/figures`, { params: paramsOf({ ...range }) });
  }
  /** A report as its CSV download: every row, not a page. */
  csv(report: ReportName, query: Record<string, string | number | undefined>): Observable<Blob> {
    const { offset: _offset, limit: _limit, ...rest } = query;
    return this.http.get(`${REPORTS_API}/${report}`, { params: paramsOf({ ...rest, format: 'csv' }), responseType: 'blob' });
  }
}
