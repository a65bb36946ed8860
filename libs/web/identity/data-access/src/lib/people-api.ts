import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  AddChildRequest,
  AddGuardianRequest,
  ArchivePersonRequest,
  ArchivePreview,
  AssignableRole,
  ChangeGuardianAccessRequest,
  CreateFamilyRequest,
  Family,
  InviteGuardianRequest,
  MoveChildRequest,
  PeoplePage,
  PeopleQueryInput,
  TeacherProfile,
  TeacherSummary,
  UpdateTeacherProfileRequest,
  UpdateFamilyRequest,
  Student,
  UpdateStudentRequest,
  UserSummary,
} from '@cadenza/shared/contracts';
import { API_BASE } from '@cadenza/web/shared/data-access-api';
import type { Observable } from 'rxjs';

export const PEOPLE_API = {
  people: `${API_BASE}/people`,
  students: `${API_BASE}/students`,
  users: `${API_BASE}/users`,
  teachers: `${API_BASE}/teachers`,
  families: `${API_BASE}/families`,
} as const;

/** The query string of a people list: only the fields given, in the order written. */
export function peopleParams(query: PeopleQueryInput): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params = params.set(key, String(value));
  }
  return params;
}

/** Identity's people endpoints the console's People screens use. */
@Injectable({ providedIn: 'root' })
export class PeopleApi {
  private readonly http = inject(HttpClient);

  /** One page of the school's students or staff, with the total (admins; a teacher their own students). */
  people(query: PeopleQueryInput): Observable<PeoplePage> {
    return this.http.get<PeoplePage>(PEOPLE_API.people, { params: peopleParams(query) });
  }
  /** Admins: every student of the school, those archived (who left) too. */
  students(): Observable<UserSummary[]> {
    return this.http.get<UserSummary[]>(PEOPLE_API.students, { params: { status: 'all' } });
  }
  student(id: string): Observable<Student> {
    return this.http.get<Student>(`${PEOPLE_API.students}/${id}`);
  }
  /** Admins: anyone of the school. */
  user(id: string): Observable<UserSummary> {
    return this.http.get<UserSummary>(`${PEOPLE_API.users}/${id}`);
  }
  teachers(): Observable<TeacherSummary[]> {
    return this.http.get<TeacherSummary[]>(PEOPLE_API.teachers);
  }
  /** A teacher's or accompanist's profile: what they teach, levels, bio (families see it), the work contact for staff. */
  teacher(id: string): Observable<TeacherProfile> {
    return this.http.get<TeacherProfile>(`${PEOPLE_API.teachers}/${id}`);
  }
  /** Admins, or the teacher themself: changes only the fields given (null clears one). */
  updateTeacher(id: string, request: UpdateTeacherProfileRequest): Observable<TeacherProfile> {
    return this.http.patch<TeacherProfile>(`${PEOPLE_API.teachers}/${id}`, request);
  }
  /** Admins: every family of the school. */
  families(): Observable<Family[]> {
    return this.http.get<Family[]>(PEOPLE_API.families);
  }
  family(id: string): Observable<Family> {
    return this.http.get<Family>(`${PEOPLE_API.families}/${id}`);
  }
  /** Admins: changes a student (name, date of birth, the day they left the school or null when they are back). */
  updateStudent(id: string, change: UpdateStudentRequest): Observable<Student> {
    return this.http.patch<Student>(`${PEOPLE_API.students}/${id}`, change);
  }
  /** Admins: what archiving a person leaves behind (their lessons still to come). */
  archivePreview(id: string): Observable<ArchivePreview> {
    return this.http.get<ArchivePreview>(`${PEOPLE_API.users}/${id}/archive-preview`);
  }
  /** Admins: archives someone who left (they cannot sign in any more; their history stays). */
  archive(id: string, request: ArchivePersonRequest): Observable<UserSummary> {
    return this.http.post<UserSummary>(`${PEOPLE_API.users}/${id}/archive`, request);
  }
  /** Admins: which of admin, teacher, accompanist and parent the person is from now on (a student stays one). */
  changeRoles(id: string, roles: AssignableRole[]): Observable<UserSummary> {
    return this.http.put<UserSummary>(`${PEOPLE_API.users}/${id}/roles`, { roles });
  }
  /** Admins: brings an archived person back. */
  restore(id: string): Observable<UserSummary> {
    return this.http.post<UserSummary>(`${PEOPLE_API.users}/${id}/restore`, {});
  }
  /** Admins: everyone of the school at it (a guardian may be anyone); with `all`, those who left too. */
  users(status: 'active' | 'all' = 'active'): Observable<UserSummary[]> {
    return status === 'all' ? this.http.get<UserSummary[]>(PEOPLE_API.users, { params: { status } }) : this.http.get<UserSummary[]>(PEOPLE_API.users);
  }
  /** Admins: a new, empty family. */
  createFamily(request: CreateFamilyRequest): Observable<Family> {
    return this.http.post<Family>(PEOPLE_API.families, request);
  }
  addGuardian(familyId: string, request: AddGuardianRequest): Observable<Family> {
    return this.http.post<Family>(`${PEOPLE_API.families}/${familyId}/guardians`, request);
  }
  /** Admins: someone not yet at the school becomes a guardian, with their access per child, and is sent an invitation. */
  inviteGuardian(familyId: string, request: InviteGuardianRequest): Observable<Family> {
    return this.http.post<Family>(`${PEOPLE_API.families}/${familyId}/guardian-invitations`, request);
  }
  removeGuardian(familyId: string, guardianId: string): Observable<Family> {
    return this.http.delete<Family>(`${PEOPLE_API.families}/${familyId}/guardians/${guardianId}`);
  }
  addChild(familyId: string, request: AddChildRequest): Observable<Family> {
    return this.http.post<Family>(`${PEOPLE_API.families}/${familyId}/children`, request);
  }
  /** Admins: renames a family, or marks (null: clears) the guardian who pays. */
  updateFamily(familyId: string, request: UpdateFamilyRequest): Observable<Family> {
    return this.http.patch<Family>(`${PEOPLE_API.families}/${familyId}`, request);
  }
  /** Admins: a guardian's access per child (`none` takes it away). */
  changeAccess(familyId: string, guardianId: string, request: ChangeGuardianAccessRequest): Observable<Family> {
    return this.http.patch<Family>(`${PEOPLE_API.families}/${familyId}/guardians/${guardianId}`, request);
  }
  /** Admins: a child leaves this family for another; answers the other family. */
  moveChild(familyId: string, childId: string, request: MoveChildRequest): Observable<Family> {
    return this.http.post<Family>(`${PEOPLE_API.families}/${familyId}/children/${childId}/move`, request);
  }
}
