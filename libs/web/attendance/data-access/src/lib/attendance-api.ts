import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { AttendanceMark, LessonRegister, TeacherSummary, UserSummary } from '@cadenza/shared/contracts';
import { API_BASE } from '@cadenza/web/shared/data-access-api';
import type { Observable } from 'rxjs';

export const ATTENDANCE_API = `${API_BASE}/attendance`;

/** Attendance's endpoints for the staff: lessons with their registers, marks, start and end; and the students' names. */
@Injectable({ providedIn: 'root' })
export class AttendanceApi {
  private readonly http = inject(HttpClient);

  lessons(from: Date, to: Date): Observable<LessonRegister[]> {
    const params = new HttpParams().set('from', from.toISOString()).set('to', to.toISOString());
    return this.http.get<LessonRegister[]>(`${ATTENDANCE_API}/lessons`, { params });
  }
  lesson(lessonId: string): Observable<LessonRegister> {
    return this.http.get<LessonRegister>(`${ATTENDANCE_API}/lessons/${lessonId}`);
  }
  mark(lessonId: string, marks: AttendanceMark[]): Observable<LessonRegister> {
    return this.http.post<LessonRegister>(`${ATTENDANCE_API}/lessons/${lessonId}/marks`, { marks });
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
  /** The school's teachers and accompanists by name (everyone may read them). */
  teachers(): Observable<TeacherSummary[]> {
    return this.http.get<TeacherSummary[]>(`${API_BASE}/teachers`);
  }
}
