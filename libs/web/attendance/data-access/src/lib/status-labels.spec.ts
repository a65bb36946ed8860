import type { LessonRegister } from '@cadenza/shared/contracts';
import { statusText } from './status-labels';

const register = (entries: LessonRegister['entries']): LessonRegister => ({
  lessonId: 'l',
  teacherId: 't',
  accompanistId: null,
  studentIds: ['a', 'b', 'c'],
  start: '2026-12-07T16:00:00.000Z',
  end: '2026-12-07T16:45:00.000Z',
  cancelled: false,
  startedAt: null,
  endedAt: null,
  complete: false,
  delivered: false,
  counts: { students: 3, marked: entries.length, present: 0, late: 0, absentWithNotice: 0, absentWithoutNotice: 0, excused: 0 },
  entries,
});
const entry = (studentId: string, status: LessonRegister['entries'][number]['status'], lateMinutes: number | null = null) => ({ studentId, status, lateMinutes, note: null, markedBy: 't', markedAt: '2026-12-07T16:02:00.000Z' });

describe('statusText', () => {
  it('says each student’s mark in words, with a late mark’s minutes, and "Not marked" for the rest', () => {
    const r = register([entry('a', 'late', 10), entry('b', 'absent_notice')]);
    expect(['a', 'b', 'c'].map((id) => statusText(r, id))).toEqual(['Late 10 min', 'Absent, told us', 'Not marked']);
  });
});
