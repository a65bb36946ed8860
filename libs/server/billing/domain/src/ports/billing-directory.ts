import type { LessonFormat } from '../model/rate.js';
import type { LessonTypeId } from '../model/ids.js';

/** A lesson type as billing needs it. */
export interface BillableLessonType {
  id: LessonTypeId;
  name: string;
  durationMinutes: number;
  format: LessonFormat;
}

/**
 * What billing reads of other contexts, for the school in force: its currency (identity's school) and its lesson types
 * (scheduling's). Implemented in bridges; billing never imports another context.
 */
export abstract class BillingDirectory {
  abstract currency(): Promise<string>;
  abstract lessonType(id: LessonTypeId): Promise<BillableLessonType | null>;
}
