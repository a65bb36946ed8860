import type { LessonQuery } from '@cadenza/server/scheduling/domain';

/**
 * A cheap fingerprint of the lessons that answer a calendar query: it changes whenever the answer
 * could (a lesson booked into the range, moved in or out, changed, cancelled, removed), so that a
 * stored answer may be reused for as long as the fingerprint stays the same. Scoped to the school in
 * force, over the same conditions as `LessonRepository.inRange`.
 *
 * Only the HTTP calendar cache needs it, so it lives here, beside that cache, and not in the domain.
 * The app passes the class that implements it to `SchedulingModule.register` (PostgreSQL's:
 * `PostgresCalendarVersions`, which fits this shape without importing it: adapters never import an
 * api library).
 */
export abstract class CalendarVersions {
  abstract ofRange(query: LessonQuery): Promise<string>;
}
