import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { AttendanceMark, AttendanceSettings, DayRegister, LessonRegister, RegisterChange, RegisterProgress, TeacherSummary, UpdateAttendanceSettingsRequest, UserSummary } from '@cadenza/shared/contracts';
import { API_BASE } from '@cadenza/web/shared/data-access-api';
import type { Observable } from 'rxjs';

export const ATTENDANCE_API = `${API_BASE}/attendance`;

/** Which school day `GET /attendance/day` reads (today in the school's zone without a date), and whose lessons in what standing. */
export interface DayQuery {
  date?: string;
  teacherId?: string;
  state?: RegisterProgress;
}

/**
 * Attendance's endpoints for the staff: a school day's or a period's lessons with their registers, marks (with the
 * reason of a late correction), start and end, a register's history, the school's settings; and the people's names.
 */
@Injectable({ providedIn: 'root' })
export class AttendanceApi {
  private readonly http = inject(HttpClient);

  lessons(from: Date, to: Date): Observable<LessonRegister[]> {
    const params = new HttpParams().set('from', from.toISOString()).set('to', to.toISOString());
    return this.http.get<LessonRegister[]>(`${ATTENDANCE_API}/lessons`, { params });
  }
  /** A school day's lessons, the day as the school's time zone has it. */
  day(query: DayQuery = {}): Observable<DayRegister> {
    let params = new HttpParams();
    for (const [key, value] of Object.entries(query)) if (value) params = params.set(key, value);
    return this.http.get<DayRegister>(`${ATTENDANCE_API}/day`, { params });
  }
  lesson(lessonId: string): Observable<LessonRegister> {
    return this.http.get<LessonRegister>(`${ATTENDANCE_API}/lessons/${lessonId}`);
  }
  /** Marks some students; `reason` is what an admin's correction after the marking window must say. */
  mark(lessonId: string, marks: AttendanceMark[], reason?: string): Observable<LessonRegister> {
    return this.http.post<LessonRegister>(`${ATTENDANCE_API}/lessons/${lessonId}/marks`, reason ? { marks, reason } : { marks });
  }
  /** Every change of the register, oldest first. */
  history(lessonId: string): Observable<RegisterChange[]> {
    return this.http.get<RegisterChange[]>(`${ATTENDANCE_API}/lessons/${lessonId}/history`);
  }
  settings(): Observable<AttendanceSettings> {
    return this.http.get<AttendanceSettings>(`${ATTENDANCE_API}/settings`);
  }
  updateSettings(changes: UpdateAttendanceSettingsRequest): Observable<AttendanceSettings> {
    return this.http.patch<AttendanceSettings>(`${ATTENDANCE_API}/settings`, changes);
  }
  start(lessonId: string): Observable<LessonRegister> {
    return this.http.post<LessonRegister>(`${ATTENDANCE_API}/lessons/${lessonId}/start`, {});
  }
  end(lessonId: string): Observable<LessonRegister> {
    return this.http.post<LessonRegister>(`${ATTENDANCE_API}/lessons/${lessonId}/end`, {});
  }
  /** The students the caller may name (a teacher: the school's students, as identity lists them). */
  students(): Observable<UserSummary[]> {
    return this.http.get<UserSummary[]>(`${API_BASE}/students`);
  }
  /** Everyone of the school by name (admins only: who changed a register, as the history names them). */
  users(): Observable<UserSummary[]> {
    return this.http.get<UserSummary[]>(`${API_BASE}/users`);
  }
  /** The school's teachers and accompanists by name (everyone may read them). */
  teachers(): Observable<TeacherSummary[]> {
    return this.http.get<TeacherSummary[]>(`${API_BASE}/teachers`);
  }
}
