import type { Lesson } from '@cadenza/shared/contracts';
import { splitLessons } from './person-lessons-panel';

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
