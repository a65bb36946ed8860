import { AsyncLocalStorage } from 'node:async_hooks';
import { AdvisoryLocks } from '@cadenza/server/platform/db';
import { Lesson } from '@cadenza/server/scheduling/domain';

const HOUR_MS = 3_600_000;

/**
 * The slot locks a write of these lessons takes before it reaches the exclusion constraints: a transaction-scoped
 * advisory lock per person or room and UTC hour each scheduled lesson touches, all taken by one statement in
 * ascending key order.
 *
 * Without them, two racing inserts that overlap can each see the other's uncommitted row in the constraint's index
 * and wait on each other; PostgreSQL breaks that deadlock only after `deadlock_timeout` (a second by default), and
 * a burst of racing bookings queues those seconds up. With them, any two writes that could clash share a key (two
 * overlapping ranges share an instant, hence an hour, and a person or the room), so the later one waits for the
 * earlier one's commit and then meets its row at once; and since every writer takes its keys in the same order,
 * the locks themselves cannot deadlock. A hash collision only makes two unrelated writes wait on each other.
 *
 * Returns null when nothing is to be locked (cancelled lessons).
 */
export function slotLocks(lessons: readonly Lesson[]): AdvisoryLocks | null {
  const bulk = bulkWrites.getStore();
  if (bulk !== undefined) return AdvisoryLocks.on([`bulk:${bulk}`]);
  const keys = new Set<string>();
  for (const lesson of lessons) {
    const s = lesson.snapshot();
    if (s.status === 'cancelled') continue;
    const resources = [s.teacherId, s.accompanistId, s.roomId, ...s.studentIds].filter((r): r is NonNullable<typeof r> => r != null);
    const last = Math.ceil(new Date(s.end).getTime() / HOUR_MS) - 1;
    for (let hour = Math.floor(new Date(s.start).getTime() / HOUR_MS); hour <= last; hour++) {
      for (const resource of resources) keys.add(`${resource}@${hour}`);
    }
  }
  return AdvisoryLocks.on(keys);
}

const bulkWrites = new AsyncLocalStorage<string>();

/**
 * Runs `work` with every lesson write inside it taking one lock, `bulk:<key>`, instead of its slot locks. For a bulk
 * import that writes thousands of series in one transaction: its slot locks would be held to the commit and overflow
 * PostgreSQL's lock table (`max_locks_per_transaction`; 36 locks a weekly series of 12 lessons). The exclusion
 * constraints still refuse any overlap; a booking racing the import may wait on the import's row in their index for
 * PostgreSQL's deadlock check instead of queuing at a slot lock.
 */
export function withBulkLessonWrites<T>(key: string, work: () => Promise<T>): Promise<T> {
  return bulkWrites.run(key, work);
}
