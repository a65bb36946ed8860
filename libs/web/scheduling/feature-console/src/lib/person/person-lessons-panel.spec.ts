import type { Lesson, LessonRequest } from '@cadenza/shared/contracts';
import { requestsOf, splitLessons } from './person-lessons-panel';

const lesson = (id: string, start: string, minutes = 30): Lesson => ({
  id,
  teacherId: 't',
  studentIds: ['s'],
  roomId: null,
  accompanistId: null,
  lessonTypeId: null,
  seriesId: null,
  start,
  end: new Date(new Date(start).getTime() + minutes * 60_000).toISOString(),
  status: 'scheduled',
  cancellation: null,
});

describe('splitLessons', () => {
  it('puts the lessons not over yet first to last, the others last to first, up to the limit each', () => {
    const now = new Date('2026-12-07T16:10:00.000Z');
    const all = [
      lesson('next-week', '2026-12-14T16:00:00.000Z'),
      lesson('running', '2026-12-07T16:00:00.000Z'),
      lesson('last-week', '2026-11-30T16:00:00.000Z'),
      lesson('yesterday', '2026-12-06T16:00:00.000Z'),
      lesson('two-weeks-ago', '2026-11-23T16:00:00.000Z'),
    ];
    const { coming, recent } = splitLessons(all, now, 2);
    expect(coming.map((l) => l.id)).toEqual(['running', 'next-week']);
    expect(recent.map((l) => l.id)).toEqual(['yesterday', 'last-week']);
  });
});

describe('requestsOf', () => {
  const request = (id: string, studentId: string, teacherId: string, createdAt: string): LessonRequest => ({
    id,
    kind: 'new_lesson',
    status: 'pending',
    requestedBy: 'p',
    requesterName: 'Pat Parent',
    studentId,
    teacherId,
    lessonId: null,
    lesson: null,
    proposed: null,
    series: null,
    counter: null,
    message: null,
    decision: null,
    createdAt,
    policy: null,
  });
  const all = [request('old', 's-1', 't-1', '2026-11-01T10:00:00Z'), request('new', 's-1', 't-2', '2026-12-01T10:00:00Z'), request('other', 's-2', 't-1', '2026-12-02T10:00:00Z')];

  it('keeps a student’s requests, or those addressed to a teacher, newest first, up to the limit', () => {
    expect(requestsOf(all, 's-1', 'students').map((r) => r.id)).toEqual(['new', 'old']);
    expect(requestsOf(all, 't-1', 'staff').map((r) => r.id)).toEqual(['other', 'old']);
    expect(requestsOf(all, 's-1', 'students', 1).map((r) => r.id)).toEqual(['new']);
    expect(requestsOf(all, 'nobody', 'students')).toEqual([]);
  });
});
