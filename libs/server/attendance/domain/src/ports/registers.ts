import type { LessonId } from '../model/ids.js';
import type { Register, RegisterChange } from '../model/register.js';

/** Lessons' registers and the history of every change to them. */
export abstract class Registers {
  /**
   * The lesson's register (empty when none was kept yet), held for the rest of the unit of work: another unit asking
   * for it waits until this one ends and then reads what it wrote, so racing marks never lose each other's entries.
   */
  abstract forUpdate(lessonId: LessonId): Promise<Register>;
  abstract find(lessonId: LessonId): Promise<Register | null>;
  /** The registers kept for these lessons (lessons without one are absent). */
  abstract findMany(lessonIds: readonly LessonId[]): Promise<Register[]>;
  /** Stores the register's start, end, delivery and entries, and appends the changes to its history. */
  abstract save(register: Register, changes: readonly RegisterChange[]): Promise<void>;
  /** Every change of the lesson's register, oldest first. */
  abstract history(lessonId: LessonId): Promise<RegisterChange[]>;
}
