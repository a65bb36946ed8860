import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { UpdateStudentRequest, UserSummary } from '@cadenza/shared/contracts';
import { API_BASE } from '@cadenza/web/shared/data-access-api';
import type { Observable } from 'rxjs';

export const PEOPLE_API = { students: `${API_BASE}/students` } as const;

/** Identity's people endpoints the console's People screens use. */
@Injectable({ providedIn: 'root' })
export class PeopleApi {
  private readonly http = inject(HttpClient);

  /** Admins: every student of the school, those archived (who left) too. */
  students(): Observable<UserSummary[]> {
    return this.http.get<UserSummary[]>(PEOPLE_API.students, { params: { status: 'all' } });
  }
  /** Admins: changes a student (here, the day they left the school, or null when they are back). */
  updateStudent(id: string, change: UpdateStudentRequest): Observable<UserSummary> {
    return this.http.patch<UserSummary>(`${PEOPLE_API.students}/${id}`, change);
  }
}
