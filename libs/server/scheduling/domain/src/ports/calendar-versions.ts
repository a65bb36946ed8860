import type { LessonQuery } from './index.js';

/**
 * A cheap fingerprint of the lessons that answer a calendar query: it changes whenever the answer
 * could (a lesson booked into the range, moved in or out, changed, cancelled, removed), so that a
 * stored answer may be reused for as long as the fingerprint stays the same. Scoped to the school in
 * force, over the same conditions as `LessonRepository.inRange`.
 */
export abstract class CalendarVersions {
  abstract ofRange(query: LessonQuery): Promise<string>;
}
