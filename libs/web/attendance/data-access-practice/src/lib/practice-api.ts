import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  Achievement,
  Assignment,
  ProgressTarget,
  RecordAchievementRequest,
  SetProgressTargetRequest,
  LogPracticeRequest,
  PracticeHistory,
  PracticeLog,
  PracticeStudent,
  ProgressScale,
  SaveProgressScaleRequest,
  SetAssignmentRequest,
  StudentProgress,
} from '@cadenza/shared/contracts';
import { API_BASE } from '@cadenza/web/shared/data-access-api';
import type { Observable } from 'rxjs';

export const PRACTICE_API = `${API_BASE}/practice`;

/** Practice and progress's endpoints, for the console (a teacher's student) and the portal (a student, a parent's children). */
@Injectable({ providedIn: 'root' })
export class PracticeApi {
  private readonly http = inject(HttpClient);

  students(): Observable<PracticeStudent[]> {
    return this.http.get<PracticeStudent[]>(`${PRACTICE_API}/students`);
  }
  progress(studentId: string): Observable<StudentProgress> {
    return this.http.get<StudentProgress>(`${PRACTICE_API}/students/${studentId}/progress`);
  }
  assignments(studentId: string): Observable<Assignment[]> {
    return this.http.get<Assignment[]>(`${PRACTICE_API}/students/${studentId}/assignments`);
  }
  setAssignment(studentId: string, request: SetAssignmentRequest): Observable<Assignment> {
    return this.http.post<Assignment>(`${PRACTICE_API}/students/${studentId}/assignments`, request);
  }
  markAssignment(assignmentId: string, done: boolean): Observable<Assignment> {
    return this.http.patch<Assignment>(`${PRACTICE_API}/assignments/${assignmentId}`, { done });
  }
  logs(studentId: string): Observable<PracticeHistory> {
    return this.http.get<PracticeHistory>(`${PRACTICE_API}/students/${studentId}/logs`, { params: new HttpParams() });
  }
  log(studentId: string, request: LogPracticeRequest): Observable<PracticeLog> {
    return this.http.post<PracticeLog>(`${PRACTICE_API}/students/${studentId}/logs`, request);
  }
  recordAchievement(studentId: string, request: RecordAchievementRequest): Observable<Achievement> {
    return this.http.post<Achievement>(`${PRACTICE_API}/students/${studentId}/achievements`, request);
  }
  setTarget(studentId: string, request: SetProgressTargetRequest): Observable<ProgressTarget> {
    return this.http.post<ProgressTarget>(`${PRACTICE_API}/students/${studentId}/targets`, request);
  }
  scale(): Observable<ProgressScale> {
    return this.http.get<ProgressScale>(`${PRACTICE_API}/scale`);
  }
  saveScale(request: SaveProgressScaleRequest): Observable<ProgressScale> {
    return this.http.put<ProgressScale>(`${PRACTICE_API}/scale`, request);
  }
  comment(logId: string, body: string): Observable<PracticeLog> {
    return this.http.post<PracticeLog>(`${PRACTICE_API}/logs/${logId}/comments`, { body });
  }
}
