import { HttpErrorResponse } from '@angular/common/http';
import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { withBackend } from '@cadenza/web/shared/data-access-api/testing';
import type { Lesson, MoveLessonResult } from '@cadenza/shared/contracts';
import { conflictProblemOf, seriesConflictOf } from './conflicts';
import { SCHEDULING_API, SchedulingApi } from './scheduling-api';
import { aLesson } from './testing';

const lesson = aLesson();
const conflict409 = {
  type: 'https://cadenza.school/problems/conflict',
  title: 'That time is not free',
  status: 409,
  code: 'SCHEDULING.CONFLICT',
  conflicts: [{ kind: 'teacher', severity: 'hard', id: 'l-2', start: lesson.start, end: lesson.end, message: 'Teacher has another lesson.' }],
  suggestions: [{ start: '2030-01-07T17:00:00.000Z', end: '2030-01-07T17:30:00.000Z', roomId: 'r-1' }],
};

describe('SchedulingApi', () => {
  let api: SchedulingApi;
  let http: HttpTestingController;

  beforeEach(() => {
    ({ http } = withBackend());
    api = TestBed.inject(SchedulingApi);
  });
  afterEach(() => http.verify());

  it('lists lessons in a range, leaving out empty filters', () => {
    let result: Lesson[] = [];
    api.lessons({ from: '2030-01-06T00:00:00.000Z', to: '2030-01-13T00:00:00.000Z', teacherId: 't-1', roomId: null, studentId: '' }).subscribe((l) => (result = l));
    const request = http.expectOne((r) => r.url === SCHEDULING_API.lessons);
    expect(request.request.method).toBe('GET');
    expect(request.request.params.keys().sort()).toEqual(['from', 'teacherId', 'to']);
    expect(request.request.params.get('teacherId')).toBe('t-1');
    request.flush([lesson]);
    expect(result).toEqual([lesson]);
  });

  it('asks for cancelled lessons only when told to', () => {
    api.lessons({ from: 'a', to: 'b', includeCancelled: true }).subscribe();
    expect(http.expectOne((r) => r.url === SCHEDULING_API.lessons).request.params.get('includeCancelled')).toBe('true');
  });

  it('books a lesson and moves one', () => {
    api.bookLesson({ teacherId: 't-1', studentIds: ['s-1'], roomId: null, accompanistId: null, lessonTypeId: null, start: lesson.start, end: lesson.end }).subscribe();
    const book = http.expectOne(SCHEDULING_API.lessons);
    expect(book.request.method).toBe('POST');
    expect(book.request.body.studentIds).toEqual(['s-1']);
    book.flush(lesson);

    let moved: MoveLessonResult | undefined;
    api.moveLesson('l-1', { start: lesson.start, end: lesson.end, scope: 'this' }).subscribe((result) => (moved = result));
    const move = http.expectOne('/api/v1/lessons/l-1/move');
    expect(move.request.method).toBe('POST');
    expect(move.request.body).toEqual({ start: lesson.start, end: lesson.end, scope: 'this' });
    move.flush({ lessons: [lesson], series: null });
    // The server answers with the lessons moved, not a lesson.
    expect(moved?.lessons).toEqual([lesson]);
  });

  it('hands back the conflicts and suggestions of a refused move', () => {
    let error: unknown;
    api.moveLesson('l-1', { start: lesson.start, end: lesson.end, scope: 'this' }).subscribe({ error: (e: unknown) => (error = e) });
    http.expectOne('/api/v1/lessons/l-1/move').flush(conflict409, { status: 409, statusText: 'Conflict' });
    expect(error).toBeInstanceOf(HttpErrorResponse);
    const problem = conflictProblemOf(error);
    expect(problem?.conflicts).toHaveLength(1);
    expect(problem?.suggestions[0].start).toBe('2030-01-07T17:00:00.000Z');
    expect(seriesConflictOf(error)).toBeNull();
  });

  it('reads a refused series occurrence by occurrence', () => {
    let error: unknown;
    api.createSeries({} as never).subscribe({ error: (e: unknown) => (error = e) });
    http.expectOne(SCHEDULING_API.series).flush(
      { title: 'Conflicts', status: 409, code: 'SCHEDULING.SERIES_CONFLICT', occurrences: [{ date: '2030-01-14', start: 'x', end: 'y', conflicts: [], suggestions: [] }] },
      { status: 409, statusText: 'Conflict' },
    );
    expect(seriesConflictOf(error)?.occurrences.map((o) => o.date)).toEqual(['2030-01-14']);
    expect(conflictProblemOf(error)).toBeNull();
  });

  it('ignores other errors when looking for conflicts', () => {
    expect(conflictProblemOf(new HttpErrorResponse({ status: 400, error: conflict409 }))).toBeNull();
    expect(conflictProblemOf(new HttpErrorResponse({ status: 409, error: { code: 'OTHER' } }))).toBeNull();
    expect(conflictProblemOf(new Error('x'))).toBeNull();
  });

  it('queries free slots with optional filters', () => {
    api.freeSlots({ teacherId: 't-1', durationMinutes: 30, from: 'a', to: 'b', studentId: 's-1', limit: 10 }).subscribe();
    const request = http.expectOne((r) => r.url === SCHEDULING_API.slots);
    expect(request.request.params.get('durationMinutes')).toBe('30');
    expect(request.request.params.get('studentId')).toBe('s-1');
    expect(request.request.params.has('roomFeature')).toBe(false);
    request.flush([]);
  });

  it('acts on lesson requests', () => {
    api.requests('pending').subscribe();
    expect(http.expectOne((r) => r.url === SCHEDULING_API.requests).request.params.get('status')).toBe('pending');
    api.approveRequest('q-1').subscribe();
    expect(http.expectOne('/api/v1/lesson-requests/q-1/approve').request.method).toBe('POST');
    api.declineRequest('q-1', 'Full that day').subscribe();
    expect(http.expectOne('/api/v1/lesson-requests/q-1/decline').request.body).toEqual({ reason: 'Full that day' });
    api.counterRequest('q-1', { start: 'a', end: 'b' }).subscribe();
    expect(http.expectOne('/api/v1/lesson-requests/q-1/counter').request.body).toEqual({ start: 'a', end: 'b' });
    api.acceptCounter('q-1').subscribe();
    http.expectOne('/api/v1/lesson-requests/q-1/accept-counter');
    api.withdrawRequest('q-1').subscribe();
    http.expectOne('/api/v1/lesson-requests/q-1/withdraw');
    api.createRequest({ kind: 'cancellation', lessonId: 'l-1' }).subscribe();
    expect(http.expectOne(SCHEDULING_API.requests).request.body).toEqual({ kind: 'cancellation', lessonId: 'l-1' });
  });

  it('manages availability, settings, credits and policy', () => {
    api.availability('p-1').subscribe();
    http.expectOne('/api/v1/availability/p-1');
    api.setAvailability('p-1', { windows: [{ weekday: 1, startTime: '09:00', endTime: '17:00' }], bufferMinutes: 10 }).subscribe();
    expect(http.expectOne('/api/v1/availability/p-1').request.method).toBe('PUT');
    api.addException('p-1', { date: '2030-01-01', kind: 'unavailable', startTime: null, endTime: null, reason: null }).subscribe();
    expect(http.expectOne('/api/v1/availability/p-1/exceptions').request.method).toBe('POST');
    api.updateRoom('r-1', { active: false }).subscribe();
    expect(http.expectOne('/api/v1/rooms/r-1').request.method).toBe('PATCH');
    api.deleteClosure('c-1').subscribe();
    expect(http.expectOne('/api/v1/closures/c-1').request.method).toBe('DELETE');
    api.makeupCredits('s-1').subscribe();
    expect(http.expectOne((r) => r.url === SCHEDULING_API.makeupCredits).request.params.get('studentId')).toBe('s-1');
    api.bookMakeup('m-1', { start: 'a', end: 'b' }).subscribe();
    expect(http.expectOne('/api/v1/makeup-credits/m-1/book').request.body).toEqual({ start: 'a', end: 'b' });
    api.updatePolicy({ cancellationNoticeHours: 48 }).subscribe();
    expect(http.expectOne(SCHEDULING_API.policy).request.method).toBe('PATCH');
    api.users('teacher').subscribe();
    expect(http.expectOne((r) => r.url === SCHEDULING_API.users).request.params.get('role')).toBe('teacher');
    api.teachers().subscribe();
    expect(http.expectOne(SCHEDULING_API.teachers).request.method).toBe('GET');
  });
});
