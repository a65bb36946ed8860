import type { Availability } from '../model/availability.js';
import { addDays, localDatesTouched, startOfLocalDay, zonedInstantAtMinutes, type LocalDate } from '../time/zoned-time.js';

export const CONFLICT_KINDS = ['teacher', 'student', 'room', 'accompanist', 'buffer', 'closure', 'outside_term', 'outside_availability'] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];
export const HARD_CONFLICT_KINDS: readonly ConflictKind[] = ['teacher', 'student', 'room', 'accompanist', 'buffer'];

/** As the contract's `Conflict`, with instants as dates. Hard conflicts refuse; soft ones need an admin's override. */
export interface SchedulingConflict {
  kind: ConflictKind;
  severity: 'hard' | 'soft';
  /** The other lesson, the closure or the person concerned. */
  id: string | null;
  start: Date;
  end: Date;
  message: string;
}

/** As the contract's `FreeSlot`, with instants as dates. */
export interface FreeSlotSuggestion {
  start: Date;
  end: Date;
  roomId: string | null;
}

/** What the checker needs of a lesson on the timetable (a `Lesson` fits). */
export interface TimetableEntry {
  readonly id: string;
  readonly teacherId: string;
  readonly studentIds: readonly string[];
  readonly roomId: string | null;
  readonly accompanistId: string | null;
  readonly start: Date;
  readonly end: Date;
  readonly status: string;
}

export interface ConflictCandidate {
  start: Date;
  end: Date;
  teacherId: string;
  studentIds: readonly string[];
  roomId?: string | null;
  accompanistId?: string | null;
  /** Lessons being moved: they do not conflict with their own new times. */
  excludeLessonIds?: readonly string[];
}

export interface DateRange {
  id: string;
  startDate: LocalDate;
  endDate: LocalDate;
}

/**
 * The timetable around a candidate. `availability` holds the teacher's and accompanist's
 * availability; a person without an entry has not restricted their hours (and has no buffer).
 * `terms` empty means the school has not set up terms, so nothing is outside one.
 */
export interface ConflictContext {
  lessons: readonly TimetableEntry[];
  availability: ReadonlyMap<string, Availability>;
  terms: readonly DateRange[];
  closures: readonly DateRange[];
  timeZone: string;
}

const MINUTE = 60_000;

function involves(entry: TimetableEntry, personId: string): boolean {
  return entry.teacherId === personId || entry.accompanistId === personId || entry.studentIds.includes(personId);
}

const HARD_MESSAGES: Record<'teacher' | 'student' | 'room' | 'accompanist' | 'buffer', string> = {
  teacher: 'The teacher already has a lesson at this time.',
  student: 'A student already has a lesson at this time.',
  room: 'The room is already booked at this time.',
  accompanist: 'The accompanist already has a lesson at this time.',
  buffer: 'This falls within the changeover time kept free around another lesson.',
};

/** Hard conflicts only: people or the room already busy, or a changeover buffer cut short. */
export function hardConflicts(candidate: ConflictCandidate, context: Pick<ConflictContext, 'lessons' | 'availability'>): SchedulingConflict[] {
  const cs = candidate.start.getTime();
  const ce = candidate.end.getTime();
  const excluded = new Set(candidate.excludeLessonIds ?? []);
  const buffered: { personId: string; ms: number }[] = [];
  for (const personId of [candidate.teacherId, candidate.accompanistId]) {
    const minutes = personId ? (context.availability.get(personId)?.bufferMinutes ?? 0) : 0;
    if (personId && minutes > 0) buffered.push({ personId, ms: minutes * MINUTE });
  }
  const found: SchedulingConflict[] = [];
  const seen = new Set<string>();
  const add = (kind: keyof typeof HARD_MESSAGES, entry: TimetableEntry) => {
    const key = `${kind}:${entry.id}`;
    if (seen.has(key)) return;
    seen.add(key);
    found.push({ kind, severity: 'hard', id: entry.id, start: new Date(entry.start.getTime()), end: new Date(entry.end.getTime()), message: HARD_MESSAGES[kind] });
  };
  for (const entry of context.lessons) {
    if (entry.status === 'cancelled' || excluded.has(entry.id)) continue;
    const ls = entry.start.getTime();
    const le = entry.end.getTime();
    if (ls < ce && cs < le) {
      if (involves(entry, candidate.teacherId)) add('teacher', entry);
      if (candidate.studentIds.some((s) => involves(entry, s))) add('student', entry);
      if (candidate.roomId && entry.roomId === candidate.roomId) add('room', entry);
      if (candidate.accompanistId && involves(entry, candidate.accompanistId)) add('accompanist', entry);
    } else {
      for (const { personId, ms } of buffered) {
        if (involves(entry, personId) && ls < ce + ms && cs < le + ms) add('buffer', entry);
      }
    }
  }
  return found;
}

/** The instants of a person's available spans over the given dates, merged. */
export function availableIntervals(availability: Availability, dates: readonly LocalDate[], timeZone: string): [number, number][] {
  const out: [number, number][] = [];
  for (const date of dates) {
    for (const span of availability.spansOn(date)) {
      const start = zonedInstantAtMinutes(date, span.start, timeZone).getTime();
      const end = zonedInstantAtMinutes(date, span.end, timeZone).getTime();
      if (end <= start) continue;
      const last = out[out.length - 1];
      if (last && start <= last[1]) last[1] = Math.max(last[1], end);
      else out.push([start, end]);
    }
  }
  return out;
}

/** Soft conflicts: a closure, outside every term, or outside the teacher's or accompanist's availability. */
export function softConflicts(candidate: ConflictCandidate, context: Omit<ConflictContext, 'lessons'>): SchedulingConflict[] {
  const dates = localDatesTouched(candidate.start, candidate.end, context.timeZone);
  const found: SchedulingConflict[] = [];
  for (const closure of context.closures) {
    if (dates.some((d) => closure.startDate <= d && d <= closure.endDate)) {
      found.push({
        kind: 'closure',
        severity: 'soft',
        id: closure.id,
        start: startOfLocalDay(closure.startDate, context.timeZone),
        end: startOfLocalDay(addDays(closure.endDate, 1), context.timeZone),
        message: 'The school is closed on this date.',
      });
    }
  }
  if (context.terms.length > 0 && !dates.every((d) => context.terms.some((t) => t.startDate <= d && d <= t.endDate))) {
    found.push({ kind: 'outside_term', severity: 'soft', id: null, start: candidate.start, end: candidate.end, message: 'This is outside the school terms.' });
  }
  const people: [string, string][] = [[candidate.teacherId, 'teacher']];
  if (candidate.accompanistId) people.push([candidate.accompanistId, 'accompanist']);
  for (const [personId, role] of people) {
    const availability = context.availability.get(personId);
    if (!availability) continue;
    const cs = candidate.start.getTime();
    const ce = candidate.end.getTime();
    const covered = availableIntervals(availability, dates, context.timeZone).some(([s, e]) => s <= cs && ce <= e);
    if (!covered) {
      found.push({ kind: 'outside_availability', severity: 'soft', id: personId, start: candidate.start, end: candidate.end, message: `This is outside the ${role}'s availability.` });
    }
  }
  return found;
}

/** Every conflict of a candidate lesson, hard first. Cancelled lessons never conflict; intervals are half-open. */
export function checkConflicts(candidate: ConflictCandidate, context: ConflictContext): SchedulingConflict[] {
  return [...hardConflicts(candidate, context), ...softConflicts(candidate, context)];
}

export function isHard(conflict: SchedulingConflict): boolean {
  return conflict.severity === 'hard';
}
