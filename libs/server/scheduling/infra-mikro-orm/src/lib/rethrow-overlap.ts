import { Lesson, TakenMeanwhile } from '@cadenza/server/scheduling/domain';

/** An exclusion-constraint refusal from PostgreSQL, as the same conflict the domain reports. */
export function rethrowOverlap(error: unknown, lesson: Lesson): never {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    // Two racing inserts can deadlock (40P01) on the constraint check: only `where` names the exclusion constraint then.
    // The key in conflict is in `detail` (or, once the ORM has converted the error, in its message).
    const message = e instanceof Error ? `${e.message}\n${(e as { detail?: unknown }).detail ?? ''}\n${(e as { where?: unknown }).where ?? ''}` : '';
    // 23P01: the exclusion constraint refused it. 40P01: two racing inserts each waited on the
    // other's row and PostgreSQL chose this one to fail: the other booking won, the same outcome.
    if (code === '23P01' || code === '40P01' || /exclusion constraint|deadlock detected/.test(message)) {
      const s = lesson.snapshot();
      const room = /lessons_room_overlap/.test(message);
      const person = /\(person_id, during\)=\(([0-9a-f-]{36})/.exec(message)?.[1];
      const kind = room ? 'room' : person === s.teacherId ? 'teacher' : person && person === s.accompanistId ? 'accompanist' : 'student';
      const refusal = new TakenMeanwhile({ kind, id: room ? s.roomId : (person ?? null), start: s.start, end: s.end });
      // Kept, so that the unit of work can see a deadlock and try the whole transaction again.
      Object.defineProperty(refusal, 'cause', { value: error, enumerable: false });
      throw refusal;
    }
  }
  throw error;
}
