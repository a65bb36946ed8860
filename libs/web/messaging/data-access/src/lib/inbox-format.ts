import type { ReadReceipt, ThreadKind, ThreadSummary } from '@cadenza/shared/contracts';

/** Names by id; anyone unknown is "Someone". */
export type Names = ReadonlyMap<string, string>;

export function nameOf(names: Names, id: string, meId?: string | null): string {
  if (meId && id === meId) return 'You';
  return names.get(id) ?? 'Someone';
}

/** A list in words: "A", "A and B", "A, B and C". */
export function inWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The other participants' names, in words (or "Only you"). */
export function participantNames(thread: Pick<ThreadSummary, 'participantIds'>, names: Names, meId: string | null): string {
  const others = thread.participantIds.filter((id) => id !== meId).map((id) => nameOf(names, id));
  return others.length ? inWords(others) : 'Only you';
}

/** What a thread is called in lists: its subject, else who is in it. */
export function threadTitle(thread: Pick<ThreadSummary, 'subject' | 'participantIds'>, names: Names, meId: string | null): string {
  return thread.subject?.trim() || participantNames(thread, names, meId);
}

export const THREAD_KIND_LABELS: Record<ThreadKind, string> = {
  direct: 'Private',
  family: 'Family',
  group: 'Group',
  staff: 'Staff',
};

/**
 * "Seen by …" under a message: the other people whose receipt reaches its `seq`
 * (never the author, never the viewer). Empty when nobody has.
 */
export function seenBy(seq: number, authorId: string, receipts: readonly ReadReceipt[], names: Names, meId: string | null): string {
  const readers = receipts.filter((r) => r.lastReadSeq >= seq && r.userId !== authorId && r.userId !== meId).map((r) => nameOf(names, r.userId));
  return readers.length ? `Seen by ${inWords(readers.sort((a, b) => a.localeCompare(b)))}` : '';
}

/** The sum of unread counts (for the navigation badge). */
export function unreadTotal(threads: readonly Pick<ThreadSummary, 'unreadCount'>[]): number {
  return threads.reduce((sum, t) => sum + t.unreadCount, 0);
}

/** The viewer's zone: their own, else the school's, else the browser's. */
export function viewerZone(me: { timeZone?: string | null; school?: { timeZone?: string | null } } | null): string {
  return me?.timeZone || me?.school?.timeZone || Intl.DateTimeFormat().resolvedOptions().timeZone;
}

function dayKey(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

/** A message time: "14:05" today, "Mon 3 Mar, 14:05" otherwise, in the viewer's zone. */
export function messageTime(iso: string, timeZone: string, now: Date, locale = 'en-GB'): string {
  const at = new Date(iso);
  const time = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit' }).format(at);
  if (dayKey(at, timeZone) === dayKey(now, timeZone)) return time;
  const day = new Intl.DateTimeFormat(locale, { timeZone, weekday: 'short', day: 'numeric', month: 'short' }).format(at);
  return `${day}, ${time}`;
}

/** A thread's last activity in a list: the time today, else the date. */
export function listTime(iso: string | null, timeZone: string, now: Date, locale = 'en-GB'): string {
  if (!iso) return '';
  const at = new Date(iso);
  if (dayKey(at, timeZone) === dayKey(now, timeZone)) return new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit' }).format(at);
  return new Intl.DateTimeFormat(locale, { timeZone, day: 'numeric', month: 'short' }).format(at);
}

/** The full instant for a `<time>`'s title, e.g. "Monday 3 March 2026 at 14:05". */
export function fullTime(iso: string, timeZone: string, locale = 'en-GB'): string {
  return new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'full', timeStyle: 'short' }).format(new Date(iso));
}
