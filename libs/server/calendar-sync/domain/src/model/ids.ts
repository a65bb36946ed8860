import type { Id } from '@cadenza/shared/kernel';

/** A lesson's id, as scheduling's events name it. */
export type LessonId = Id<'Lesson'>;
/** A room's id, as scheduling's events name it. */
export type RoomId = Id<'Room'>;
