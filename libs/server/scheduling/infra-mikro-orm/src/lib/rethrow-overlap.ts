import { Lesson, TakenMeanwhile } from '@cadenza/server/scheduling/domain';

/** The exclusion constraints that refuse a lesson's row (`Migration20261123000300_scheduling`), by the name PostgreSQL reports. */
export const ROOM_OVERLAP = 'lessons_room_overlap';
export const PERSON_OVERLAP = 'lesson_attendees_person_overlap';
/** The trigger that keeps a teacher's or accompanist's changeover buffer (`Migration20261207000300_lesson_buffer_guard`). */
export const BUFFER_GUARD = 'lesson_attendees_buffer';

/** The fields of pg's `DatabaseError` read here; MikroORM copies them onto its converted exception, and keeps the original as `cause`. */
interface PgErrorFields {
  code?: unknown;
  constraint?: unknown;
  detail?: unknown;
  cause?: unknown;
}

/**
 * An exclusion-constraint refusal from PostgreSQL, as the same conflict the domain reports; anything else is
 * thrown as it is. Told apart by the driver's SQLSTATE and constraint name: `23P01` on `lessons_room_overlap` is
 * the room, on `lesson_attendees_person_overlap` a person, whom the error's `detail` key names, and so on
 * `lesson_attendees_buffer` (a teacher's or accompanist's changeover buffer, which the trigger of that name keeps). `40P01`: two
 * racing writes each waited on the other's row and PostgreSQL chose this one to fail, so the other won.
 */
export function rethrowOverlap(error: unknown, lesson: Lesson): never {
  const refusal = overlapOf(error);
  if (!refusal) throw error;
  const s = lesson.snapshot();
  const person = refusal === 'room' ? null : refusal.personId;
  const kind = refusal === 'room' ? 'room' : person === s.teacherId ? 'teacher' : person && person === s.accompanistId ? 'accompanist' : 'student';
  const taken = new TakenMeanwhile({ kind, id: refusal === 'room' ? s.roomId : person, start: s.start, end: s.end });
  // Kept, so that the unit of work can see a deadlock and try the whole transaction again.
  Object.defineProperty(taken, 'cause', { value: error, enumerable: false });
  throw taken;
}

/** What refused the row, from the error or the errors it wraps: the room, a person (when the key names one), or null for anything else. */
function overlapOf(error: unknown): 'room' | { personId: string | null } | null {
  for (let e = error as PgErrorFields | undefined, depth = 0; e && depth < 4; e = e.cause as PgErrorFields | undefined, depth++) {
    if (e.code === '23P01' && e.constraint === ROOM_OVERLAP) return 'room';
    if (e.code === '23P01' && (e.constraint === PERSON_OVERLAP || e.constraint === BUFFER_GUARD)) return { personId: personInKey(e.detail) };
    if (e.code === '40P01') return { personId: null };
  }
  return null;
}

/**
 * The person of a person-overlap refusal, from the key PostgreSQL puts in `detail`:
 * `Key (person_id, during)=(<uuid>, [...)) conflicts with existing key (...)`.
 */
function personInKey(detail: unknown): string | null {
  if (typeof detail !== 'string') return null;
  const key = 'Key (person_id, during)=(';
  const at = detail.indexOf(key);
  return at < 0 ? null : detail.slice(at + key.length, at + key.length + 36);
}
