import type { Id } from '@cadenza/shared/kernel';

export type RoomId = Id<'Room'>;
export type TermId = Id<'Term'>;
export type ClosureId = Id<'Closure'>;
export type LessonTypeId = Id<'LessonType'>;
export type AvailabilityExceptionId = Id<'AvailabilityException'>;
export type LessonId = Id<'Lesson'>;
export type SeriesId = Id<'LessonSeries'>;
export type LessonRequestId = Id<'LessonRequest'>;
export type MakeupCreditId = Id<'MakeupCredit'>;
