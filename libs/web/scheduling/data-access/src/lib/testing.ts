import type { Lesson } from '@cadenza/shared/contracts';

/** A scheduled 30-minute lesson for specs; override what the test is about. */
export function aLesson(overrides: Partial<Lesson> = {}): Lesson {
  return {
    id: 'l-1',
    teacherId: 't-1',
    studentIds: ['s-1'],
    roomId: null,
    accompanistId: null,
    lessonTypeId: null,
    seriesId: null,
    start: '2030-01-07T16:00:00.000Z',
    end: '2030-01-07T16:30:00.000Z',
    status: 'scheduled',
    cancellation: null,
    ...overrides,
  };
}
