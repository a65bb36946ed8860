import { addDays, localDateOf, QUARTER_HOUR, startOfLocalDay, type LocalDate } from '../time/zoned-time.js';
import { availableIntervals, type ConflictContext, type FreeSlotSuggestion, type TimetableEntry } from './conflict-checker.js';

export interface FreeSlotQuery {
  teacherId: string;
  studentIds?: readonly string[];
  accompanistId?: string | null;
  /** Rooms to choose from, in order of preference; absent or null when no room is needed. */
  rooms?: readonly { id: string }[] | null;
  durationMinutes: number;
  from: Date;
  to: Date;
  /** Default 5. */
  limit?: number;
  excludeLessonIds?: readonly string[];
}

export const DEFAULT_SLOT_LIMIT = 5;
const MINUTE = 60_000;
const DAY_LIMIT = 400;

type Span = [number, number];

function mergeSorted(spans: Span[]): Span[] {
  spans.sort((a, b) => a[0] - b[0]);
  const out: Span[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else out.push([s[0], s[1]]);
  }
  return out;
}

function intersect(a: readonly Span[], b: readonly Span[]): Span[] {
  const out: Span[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const s = Math.max(a[i][0], b[j][0]);
    const e = Math.min(a[i][1], b[j][1]);
    if (s < e) out.push([s, e]);
    if (a[i][1] < b[j][1]) i++;
    else j++;
  }
  return out;
}

/** Index of the first span whose end is after `t` (spans merged and sorted). */
function firstEndingAfter(spans: readonly Span[], t: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid][1] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function isFree(spans: readonly Span[], start: number, end: number): boolean {
  const i = firstEndingAfter(spans, start);
  return i >= spans.length || spans[i][0] >= end;
}

const alignUp = (t: number) => Math.ceil(t / QUARTER_HOUR) * QUARTER_HOUR;

/**
 * The earliest free slots, every quarter hour, with no hard conflict and nothing soft: inside
 * the availability of the teacher (and accompanist), inside a term, not on a closure. With
 * rooms, the first room free for the whole slot is chosen. Busy time is indexed once
 * (merged, sorted, buffers applied) and scanned with one forward pointer.
 * Quarter hours are aligned on UTC, which is the school's quarter hour in every zone whose
 * offset is a multiple of 15 minutes (all of them today).
 */
export function findFreeSlots(query: FreeSlotQuery, context: ConflictContext): FreeSlotSuggestion[] {
  const limit = query.limit ?? DEFAULT_SLOT_LIMIT;
  const duration = query.durationMinutes * MINUTE;
  const from = query.from.getTime();
  const to = query.to.getTime();
  if (limit <= 0 || duration <= 0 || to - from < duration) return [];

  const excluded = new Set(query.excludeLessonIds ?? []);
  const students = new Set(query.studentIds ?? []);
  const teacherBuffer = (context.availability.get(query.teacherId)?.bufferMinutes ?? 0) * MINUTE;
  const accompanistBuffer = query.accompanistId ? (context.availability.get(query.accompanistId)?.bufferMinutes ?? 0) * MINUTE : 0;
  const roomIds = new Map<string, Span[]>((query.rooms ?? []).map((r) => [r.id, []]));
  const busy: Span[] = [];
  const involves = (l: TimetableEntry, p: string) => l.teacherId === p || l.accompanistId === p || l.studentIds.includes(p);
  for (const lesson of context.lessons) {
    if (lesson.status === 'cancelled' || excluded.has(lesson.id)) continue;
    const s = lesson.start.getTime();
    const e = lesson.end.getTime();
    if (involves(lesson, query.teacherId)) busy.push([s - teacherBuffer, e + teacherBuffer]);
    if (query.accompanistId && involves(lesson, query.accompanistId)) busy.push([s - accompanistBuffer, e + accompanistBuffer]);
    if (students.size > 0 && lesson.studentIds.concat(lesson.teacherId, lesson.accompanistId ?? []).some((p) => students.has(p))) busy.push([s, e]);
    if (lesson.roomId && roomIds.has(lesson.roomId)) roomIds.get(lesson.roomId)?.push([s, e]);
  }
  const blocked = mergeSorted(busy);
  const rooms = [...roomIds.entries()].map(([id, spans]) => ({ id, spans: mergeSorted(spans) }));

  // Allowed time: each local day in a term and not closed, within the people's availability.
  const allowedRaw: Span[] = [];
  const firstDay: LocalDate = localDateOf(query.from, context.timeZone);
  const lastDay: LocalDate = localDateOf(new Date(to - 1), context.timeZone);
  const teacherAvailability = context.availability.get(query.teacherId);
  const accompanistAvailability = query.accompanistId ? context.availability.get(query.accompanistId) : undefined;
  for (let day = firstDay, n = 0; day <= lastDay && n < DAY_LIMIT; day = addDays(day, 1), n++) {
    if (context.terms.length > 0 && !context.terms.some((t) => t.startDate <= day && day <= t.endDate)) continue;
    if (context.closures.some((c) => c.startDate <= day && day <= c.endDate)) continue;
    let spans: Span[] = [[startOfLocalDay(day, context.timeZone).getTime(), startOfLocalDay(addDays(day, 1), context.timeZone).getTime()]];
    if (teacherAvailability) spans = intersect(spans, availableIntervals(teacherAvailability, [day], context.timeZone));
    if (accompanistAvailability) spans = intersect(spans, availableIntervals(accompanistAvailability, [day], context.timeZone));
    allowedRaw.push(...spans);
  }
  const allowed = mergeSorted(allowedRaw);

  const slots: FreeSlotSuggestion[] = [];
  let j = 0;
  for (const [a, b] of allowed) {
    let t = alignUp(Math.max(a, from));
    const last = Math.min(b, to);
    while (t + duration <= last && slots.length < limit) {
      while (j < blocked.length && blocked[j][1] <= t) j++;
      if (j < blocked.length && blocked[j][0] < t + duration) {
        t = alignUp(blocked[j][1]);
        continue;
      }
      let roomId: string | null = null;
      if (query.rooms) {
        const room = rooms.find((r) => isFree(r.spans, t, t + duration));
        if (!room) {
          t += QUARTER_HOUR;
          continue;
        }
        roomId = room.id;
      }
      slots.push({ start: new Date(t), end: new Date(t + duration), roomId });
      t += QUARTER_HOUR;
    }
    if (slots.length >= limit) break;
  }
  return slots;
}
