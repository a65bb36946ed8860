import { copyData, DomainError, newId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { assertLocalDate, assertWallTime, minutesOf, weekdayOf, type LocalDate, type WallTime } from '../time/zoned-time.js';
import type { AvailabilityExceptionId } from './ids.js';
import { optionalText, wholeNumber } from './validation.js';

/** Weekly window in the school's zone; weekday 1 = Monday … 7 = Sunday. */
export interface AvailabilityWindow {
  weekday: number;
  startTime: WallTime;
  endTime: WallTime;
}

export interface AvailabilityException {
  id: AvailabilityExceptionId;
  date: LocalDate;
  /** `unavailable`: the whole day, or between the times when given. `available`: extra time that day. */
  kind: 'unavailable' | 'available';
  startTime: WallTime | null;
  endTime: WallTime | null;
  reason: string | null;
}

export interface AvailabilityState {
  schoolId: SchoolId;
  personId: UserId;
  windows: AvailabilityWindow[];
  exceptions: AvailabilityException[];
  /** Changeover / travel time kept free after each lesson. */
  bufferMinutes: number;
}

/** A span of minutes since local midnight, [start, end). */
export interface MinuteSpan {
  start: number;
  end: number;
}

function assertSpan(startTime: string, endTime: string, field: string): void {
  assertWallTime(startTime, `${field}startTime`);
  assertWallTime(endTime, `${field}endTime`);
  if (minutesOf(endTime) <= minutesOf(startTime)) {
    throw DomainError.invalid('SCHEDULING.END_BEFORE_START', `${field}endTime`, 'The end time must come after the start time.');
  }
}

/** Merges overlapping or touching spans, sorted. */
export function mergeSpans(spans: readonly MinuteSpan[]): MinuteSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const merged: MinuteSpan[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

/** `spans` minus `cut`. */
export function subtractSpan(spans: readonly MinuteSpan[], cut: MinuteSpan): MinuteSpan[] {
  const out: MinuteSpan[] = [];
  for (const s of spans) {
    if (cut.end <= s.start || s.end <= cut.start) out.push({ ...s });
    else {
      if (s.start < cut.start) out.push({ start: s.start, end: cut.start });
      if (cut.end < s.end) out.push({ start: cut.end, end: s.end });
    }
  }
  return out;
}

/** When a person (teacher, accompanist) can teach: weekly windows, dated exceptions and a changeover buffer. */
export class Availability {
  private constructor(private state: AvailabilityState) {}

  static restore(state: AvailabilityState): Availability {
    return new Availability(copyData(state));
  }

  /** A person who has not said when they are available: no windows yet. */
  static empty(schoolId: SchoolId, personId: UserId): Availability {
    return new Availability({ schoolId, personId, windows: [], exceptions: [], bufferMinutes: 0 });
  }

  get personId(): UserId {
    return this.state.personId;
  }
  get windows(): readonly AvailabilityWindow[] {
    return this.state.windows;
  }
  get exceptions(): readonly AvailabilityException[] {
    return this.state.exceptions;
  }
  get bufferMinutes(): number {
    return this.state.bufferMinutes;
  }

  /** Replaces the weekly windows and the buffer; exceptions stay. */
  setWeekly(windows: readonly AvailabilityWindow[], bufferMinutes: number): void {
    if (windows.length > 50) throw DomainError.invalid('SCHEDULING.TOO_MANY_WINDOWS', 'windows', 'At most 50 windows.');
    windows.forEach((w, i) => {
      wholeNumber(w.weekday, `windows.${i}.weekday`, 1, 7);
      assertSpan(w.startTime, w.endTime, `windows.${i}.`);
    });
    this.state.windows = windows.map((w) => ({ weekday: w.weekday, startTime: w.startTime, endTime: w.endTime }));
    this.state.bufferMinutes = wholeNumber(bufferMinutes, 'bufferMinutes', 0, 120);
  }

  addException(input: { date: string; kind: string; startTime?: string | null; endTime?: string | null; reason?: string | null }): AvailabilityException {
    assertLocalDate(input.date, 'date');
    if (input.kind !== 'unavailable' && input.kind !== 'available') {
      throw DomainError.invalid('SCHEDULING.INVALID_EXCEPTION', 'kind', 'The kind is unavailable or available.');
    }
    const startTime = input.startTime ?? null;
    const endTime = input.endTime ?? null;
    if ((startTime === null) !== (endTime === null)) {
      throw DomainError.invalid('SCHEDULING.INVALID_EXCEPTION', 'endTime', 'Give both a start and an end time, or neither.');
    }
    if (startTime !== null && endTime !== null) assertSpan(startTime, endTime, '');
    else if (input.kind === 'available') {
      throw DomainError.invalid('SCHEDULING.INVALID_EXCEPTION', 'startTime', 'Extra availability needs a start and an end time.');
    }
    const exception: AvailabilityException = {
      id: newId<AvailabilityExceptionId>(),
      date: input.date,
      kind: input.kind,
      startTime,
      endTime,
      reason: optionalText(input.reason, 'reason', 200),
    };
    this.state.exceptions.push(exception);
    return { ...exception };
  }

  removeException(id: AvailabilityExceptionId): boolean {
    const before = this.state.exceptions.length;
    this.state.exceptions = this.state.exceptions.filter((e) => e.id !== id);
    return this.state.exceptions.length !== before;
  }

  /** The spans of a local date when the person is available, in minutes since midnight, merged and sorted. */
  spansOn(date: LocalDate): MinuteSpan[] {
    const weekday = weekdayOf(date);
    let spans = mergeSpans(this.state.windows.filter((w) => w.weekday === weekday).map((w) => ({ start: minutesOf(w.startTime), end: minutesOf(w.endTime) })));
    const exceptions = this.state.exceptions.filter((e) => e.date === date);
    for (const e of exceptions) {
      if (e.kind !== 'unavailable') continue;
      spans = e.startTime && e.endTime ? subtractSpan(spans, { start: minutesOf(e.startTime), end: minutesOf(e.endTime) }) : [];
    }
    const extra = exceptions.filter((e) => e.kind === 'available' && e.startTime && e.endTime);
    return mergeSpans([...spans, ...extra.map((e) => ({ start: minutesOf(e.startTime as string), end: minutesOf(e.endTime as string) }))]);
  }

  snapshot(): AvailabilityState {
    return copyData(this.state);
  }
}
