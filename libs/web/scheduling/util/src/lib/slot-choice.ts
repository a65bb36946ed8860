/** A free time as the slot search answers it. */
interface Timed {
  start: string;
}

/**
 * The `count` slots nearest to `around` (earlier or later), in time order: the times offered to move a lesson
 * centre on the lesson's own week rather than starting from the first free time found.
 */
export function nearestSlots<T extends Timed>(slots: readonly T[], around: string, count: number): T[] {
  const at = Date.parse(around);
  return [...slots]
    .sort((a, b) => Math.abs(Date.parse(a.start) - at) - Math.abs(Date.parse(b.start) - at))
    .slice(0, count)
    .sort((a, b) => a.start.localeCompare(b.start));
}

const DAY_MS = 86_400_000;

/** The server's longest lesson listing, in days (`GET /lessons` refuses longer ranges). */
export const LESSON_LIST_MAX_DAYS = 93;
/** The server's longest free-slot search, in days (`GET /availability/slots` refuses longer ranges). */
export const FREE_SLOTS_MAX_DAYS = 62;

/** Where to look for free times to spend a credit: from an hour from now until it expires, within the longest search. */
export function creditSlotRange(expiresAt: string, now: Date): { from: string; to: string } | null {
  const from = now.getTime() + 60 * 60_000;
  const to = Math.min(Date.parse(expiresAt), from + FREE_SLOTS_MAX_DAYS * DAY_MS);
  return to > from ? { from: new Date(from).toISOString(), to: new Date(to).toISOString() } : null;
}
