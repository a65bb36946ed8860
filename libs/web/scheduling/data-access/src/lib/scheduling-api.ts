import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  AddAvailabilityExceptionRequest,
  ApproveRequestRequest,
  Availability,
  AvailabilityException,
  BookLessonRequest,
  CancelLessonRequest,
  CancelLessonResult,
  Closure,
  CreateClosureRequest,
  CreateLessonRequestRequest,
  CreateLessonTypeRequest,
  CreateRoomRequest,
  CreateSeriesRequest,
  CreateTermRequest,
  EditLessonRequest,
  EditLessonResult,
  EndSeriesRequest,
  EndSeriesResult,
  Family,
  FreeSlot,
  ExtendMakeupCreditRequest,
  GrantMakeupCreditRequest,
  Lesson,
  LessonDetail,
  LessonRequest,
  LessonSeries,
  LessonType,
  MakeupCredit,
  MoveLessonRequest,
  MoveLessonResult,
  REQUEST_STATUSES,
  Room,
  RolloverCommitRequest,
  RolloverPreview,
  RolloverResult,
  SchedulingPolicy,
  SetAvailabilityRequest,
  TeacherSummary,
  Term,
  UpdateLessonTypeRequest,
  UpdatePeriodRequest,
  UpdateRoomRequest,
  UserSummary,
} from '@cadenza/shared/contracts';
import { creditSlotRange, minutesBetween } from '@cadenza/web/scheduling/util';
import { API_BASE } from '@cadenza/web/shared/data-access-api';
import { of, switchMap, type Observable } from 'rxjs';

/** Scheduling endpoints, under /api/v1 (see libs/shared/contracts/src/lib/scheduling.ts). */
export const SCHEDULING_API = {
  rooms: `${API_BASE}/rooms`,
  terms: `${API_BASE}/terms`,
  closures: `${API_BASE}/closures`,
  lessonTypes: `${API_BASE}/lesson-types`,
  availability: `${API_BASE}/availability`,
  slots: `${API_BASE}/availability/slots`,
  lessons: `${API_BASE}/lessons`,
  series: `${API_BASE}/lesson-series`,
  requests: `${API_BASE}/lesson-requests`,
  makeupCredits: `${API_BASE}/makeup-credits`,
  policy: `${API_BASE}/scheduling/policy`,
  users: `${API_BASE}/users`,
  students: `${API_BASE}/students`,
  teachers: `${API_BASE}/teachers`,
  families: `${API_BASE}/families`,
} as const;

export interface LessonsFilter {
  from: string;
  to: string;
  teacherId?: string | null;
  studentId?: string | null;
  roomId?: string | null;
  accompanistId?: string | null;
  includeCancelled?: boolean;
}

export interface SlotsQuery {
  teacherId: string;
  durationMinutes: number;
  from: string;
  to: string;
  studentId?: string | null;
  accompanistId?: string | null;
  roomFeature?: string | null;
  roomId?: string | null;
  limit?: number;
}

export interface CreatedSeries {
  series: LessonSeries;
  lessons: Lesson[];
  skipped: string[];
}

export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** Drops empty values so that optional query parameters are left out rather than sent blank. */
function params(values: Record<string, string | number | boolean | null | undefined>): HttpParams {
  let result = new HttpParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== null && value !== undefined && value !== '') result = result.set(key, String(value));
  }
  return result;
}

/** The scheduling REST API, one method per endpoint. Errors are left to the caller (409s carry conflicts). */
@Injectable({ providedIn: 'root' })
export class SchedulingApi {
  private readonly http = inject(HttpClient);

  // ---- people (identity endpoints the scheduling screens read) ----
  users(role: 'teacher' | 'accompanist' | 'admin'): Observable<UserSummary[]> {
    return this.http.get<UserSummary[]>(SCHEDULING_API.users, { params: params({ role }) });
  }
  students(): Observable<UserSummary[]> {
    return this.http.get<UserSummary[]>(SCHEDULING_API.students);
  }
  /** The families the caller belongs to (admins: every family), with each guardian's access to each child. */
  families(): Observable<Family[]> {
    return this.http.get<Family[]>(SCHEDULING_API.families);
  }
  /** Who teaches at the school, by name: everyone may read it. */
  teachers(): Observable<TeacherSummary[]> {
    return this.http.get<TeacherSummary[]>(SCHEDULING_API.teachers);
  }

  // ---- rooms, terms, closures, lesson types ----
  rooms(): Observable<Room[]> {
    return this.http.get<Room[]>(SCHEDULING_API.rooms);
  }
  createRoom(body: CreateRoomRequest): Observable<Room> {
    return this.http.post<Room>(SCHEDULING_API.rooms, body);
  }
  updateRoom(id: string, body: UpdateRoomRequest): Observable<Room> {
    return this.http.patch<Room>(`${SCHEDULING_API.rooms}/${id}`, body);
  }
  terms(): Observable<Term[]> {
    return this.http.get<Term[]>(SCHEDULING_API.terms);
  }
  createTerm(body: CreateTermRequest): Observable<Term> {
    return this.http.post<Term>(SCHEDULING_API.terms, body);
  }
  updateTerm(id: string, body: UpdatePeriodRequest): Observable<Term> {
    return this.http.patch<Term>(`${SCHEDULING_API.terms}/${id}`, body);
  }
  deleteTerm(id: string): Observable<void> {
    return this.http.delete<void>(`${SCHEDULING_API.terms}/${id}`);
  }
  /** What copying a term's series into a later term would create, with each date's clashes. */
  rolloverPreview(sourceTermId: string, targetTermId: string): Observable<RolloverPreview> {
    return this.http.post<RolloverPreview>(`${SCHEDULING_API.terms}/${sourceTermId}/rollover/preview`, { targetTermId });
  }
  /** Copies the chosen series into the later term, all at once or none. */
  rollover(sourceTermId: string, body: RolloverCommitRequest): Observable<RolloverResult> {
    return this.http.post<RolloverResult>(`${SCHEDULING_API.terms}/${sourceTermId}/rollover`, body);
  }
  closures(): Observable<Closure[]> {
    return this.http.get<Closure[]>(SCHEDULING_API.closures);
  }
  createClosure(body: CreateClosureRequest): Observable<Closure> {
    return this.http.post<Closure>(SCHEDULING_API.closures, body);
  }
  updateClosure(id: string, body: UpdatePeriodRequest): Observable<Closure> {
    return this.http.patch<Closure>(`${SCHEDULING_API.closures}/${id}`, body);
  }
  deleteClosure(id: string): Observable<void> {
    return this.http.delete<void>(`${SCHEDULING_API.closures}/${id}`);
  }
  lessonTypes(): Observable<LessonType[]> {
    return this.http.get<LessonType[]>(SCHEDULING_API.lessonTypes);
  }
  createLessonType(body: CreateLessonTypeRequest): Observable<LessonType> {
    return this.http.post<LessonType>(SCHEDULING_API.lessonTypes, body);
  }
  updateLessonType(id: string, body: UpdateLessonTypeRequest): Observable<LessonType> {
    return this.http.patch<LessonType>(`${SCHEDULING_API.lessonTypes}/${id}`, body);
  }
  deleteLessonType(id: string): Observable<void> {
    return this.http.delete<void>(`${SCHEDULING_API.lessonTypes}/${id}`);
  }

  // ---- availability ----
  availability(personId: string): Observable<Availability> {
    return this.http.get<Availability>(`${SCHEDULING_API.availability}/${personId}`);
  }
  setAvailability(personId: string, body: SetAvailabilityRequest): Observable<Availability> {
    return this.http.put<Availability>(`${SCHEDULING_API.availability}/${personId}`, body);
  }
  addException(personId: string, body: AddAvailabilityExceptionRequest): Observable<AvailabilityException> {
    return this.http.post<AvailabilityException>(`${SCHEDULING_API.availability}/${personId}/exceptions`, body);
  }
  freeSlots(query: SlotsQuery): Observable<FreeSlot[]> {
    return this.http.get<FreeSlot[]>(SCHEDULING_API.slots, { params: params({ ...query }) });
  }

  // ---- lessons and series ----
  lessons(filter: LessonsFilter): Observable<Lesson[]> {
    const { includeCancelled, ...rest } = filter;
    return this.http.get<Lesson[]>(SCHEDULING_API.lessons, { params: params({ ...rest, includeCancelled: includeCancelled ? 'true' : undefined }) });
  }
  /** One lesson with its series, room, type, people, open requests and (for staff) history. */
  lesson(id: string): Observable<LessonDetail> {
    return this.http.get<LessonDetail>(`${SCHEDULING_API.lessons}/${id}`);
  }
  bookLesson(body: BookLessonRequest): Observable<Lesson> {
    return this.http.post<Lesson>(SCHEDULING_API.lessons, body);
  }
  /** The lessons moved (one, or it and the following in its series) and the series as it is now. */
  moveLesson(id: string, body: MoveLessonRequest): Observable<MoveLessonResult> {
    return this.http.post<MoveLessonResult>(`${SCHEDULING_API.lessons}/${id}/move`, body);
  }
  /** The lessons changed (one, or it and the following in its series) and the new series when it split. */
  editLesson(id: string, body: Partial<EditLessonRequest>): Observable<EditLessonResult> {
    return this.http.patch<EditLessonResult>(`${SCHEDULING_API.lessons}/${id}`, body);
  }
  /** The series as it now ends, and its lessons after the last day, cancelled. */
  endSeries(id: string, body: EndSeriesRequest): Observable<EndSeriesResult> {
    return this.http.post<EndSeriesResult>(`${SCHEDULING_API.series}/${id}/end`, body);
  }
  /** The lessons cancelled and the makeup credits the policy granted. */
  cancelLesson(id: string, body: CancelLessonRequest): Observable<CancelLessonResult> {
    return this.http.post<CancelLessonResult>(`${SCHEDULING_API.lessons}/${id}/cancel`, body);
  }
  createSeries(body: CreateSeriesRequest): Observable<CreatedSeries> {
    return this.http.post<CreatedSeries>(SCHEDULING_API.series, body);
  }

  // ---- requests ----
  requests(status?: RequestStatus): Observable<LessonRequest[]> {
    return this.http.get<LessonRequest[]>(SCHEDULING_API.requests, { params: params({ status }) });
  }
  createRequest(body: CreateLessonRequestRequest): Observable<LessonRequest> {
    return this.http.post<LessonRequest>(SCHEDULING_API.requests, body);
  }
  /** Approves a request; a series request's clashing dates are skipped or moved as `body.resolutions` says. */
  approveRequest(id: string, body: Partial<ApproveRequestRequest> = {}): Observable<LessonRequest> {
    return this.http.post<LessonRequest>(`${SCHEDULING_API.requests}/${id}/approve`, body);
  }
  declineRequest(id: string, reason: string): Observable<LessonRequest> {
    return this.http.post<LessonRequest>(`${SCHEDULING_API.requests}/${id}/decline`, { reason });
  }
  counterRequest(id: string, body: { start: string; end: string; message?: string }): Observable<LessonRequest> {
    return this.http.post<LessonRequest>(`${SCHEDULING_API.requests}/${id}/counter`, body);
  }
  acceptCounter(id: string): Observable<LessonRequest> {
    return this.http.post<LessonRequest>(`${SCHEDULING_API.requests}/${id}/accept-counter`, {});
  }
  withdrawRequest(id: string): Observable<LessonRequest> {
    return this.http.post<LessonRequest>(`${SCHEDULING_API.requests}/${id}/withdraw`, {});
  }

  // ---- makeup credits and policy ----
  makeupCredits(studentId?: string | null): Observable<MakeupCredit[]> {
    return this.http.get<MakeupCredit[]>(SCHEDULING_API.makeupCredits, { params: params({ studentId }) });
  }
  /** Books at a free time, in the room the search found free with it (without one, the cancelled lesson's room). */
  bookMakeup(creditId: string, slot: { start: string; end: string; roomId?: string | null }): Observable<Lesson> {
    const room = slot.roomId === undefined ? {} : { roomId: slot.roomId };
    return this.http.post<Lesson>(`${SCHEDULING_API.makeupCredits}/${creditId}/book`, { start: slot.start, end: slot.end, ...room });
  }
  /**
   * Where a credit's makeup lesson may go: its cancelled lesson's teacher's free times of that lesson's length, in
   * its room and with its accompanist when it had them, from an hour from now until the credit expires (none once it has).
   */
  makeupSlots(credit: MakeupCredit, limit = 10): Observable<FreeSlot[]> {
    const range = creditSlotRange(credit.expiresAt, new Date());
    if (!range) return of([]);
    return this.lesson(credit.originLessonId).pipe(
      switchMap(({ lesson }) => this.freeSlots({ teacherId: lesson.teacherId, durationMinutes: minutesBetween(lesson.start, lesson.end), ...range, studentId: credit.studentId, accompanistId: lesson.accompanistId, roomId: lesson.roomId, limit })),
    );
  }
  /** Admins: a credit for one of a student's lessons. */
  grantCredit(body: GrantMakeupCreditRequest): Observable<MakeupCredit> {
    return this.http.post<MakeupCredit>(SCHEDULING_API.makeupCredits, body);
  }
  extendCredit(id: string, body: ExtendMakeupCreditRequest): Observable<MakeupCredit> {
    return this.http.post<MakeupCredit>(`${SCHEDULING_API.makeupCredits}/${id}/extend`, body);
  }
  voidCredit(id: string, reason: string): Observable<MakeupCredit> {
    return this.http.post<MakeupCredit>(`${SCHEDULING_API.makeupCredits}/${id}/void`, { reason });
  }
  policy(): Observable<SchedulingPolicy> {
    return this.http.get<SchedulingPolicy>(SCHEDULING_API.policy);
  }
  updatePolicy(body: Partial<SchedulingPolicy>): Observable<SchedulingPolicy> {
    return this.http.patch<SchedulingPolicy>(SCHEDULING_API.policy, body);
  }
}
