import { DomainError } from '@cadenza/shared/kernel';
import rrulePackage from 'rrule';
import type { Options } from 'rrule';
import { zonedInstant, type LocalDate, type WallTime } from './zoned-time.js';

// rrule ships CommonJS: Node's ESM loader only gives it a default export.
const { RRule, Frequency } = rrulePackage;

/** The most lessons one series may have (as `MAX_SERIES_OCCURRENCES` in the contracts). */
export const MAX_SERIES_OCCURRENCES = 60;

const ALLOWED_KEYS = new Set(['FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'BYDAY', 'BYMONTH', 'BYMONTHDAY', 'BYSETPOS', 'BYWEEKNO', 'BYYEARDAY', 'WKST']);
const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

function invalid(message: string): DomainError {
  return DomainError.invalid('SCHEDULING.INVALID_RRULE', 'rrule', message);
}

export interface SeriesRule {
  /** The rule as given, normalised (upper case, without an `RRULE:` prefix). */
  text: string;
  options: Partial<Options>;
}

/**
 * Parses and validates an RFC 5545 RRULE without DTSTART. Refused: unparsable text,
 * frequencies finer than DAILY, BYHOUR/BYMINUTE/BYSECOND (the series has one start time),
 * DTSTART/TZID (the series has a first date and the school's zone) and COUNT above
 * `MAX_SERIES_OCCURRENCES`. The bound is the term end, so no COUNT or UNTIL is needed.
 */
export function parseSeriesRule(text: string): SeriesRule {
  const normalised = text.trim().replace(/^RRULE:/i, '').toUpperCase();
  if (normalised.length === 0 || normalised.length > 200) throw invalid('Enter a recurrence rule of up to 200 characters.');
  const seen = new Set<string>();
  for (const part of normalised.split(';')) {
    const [key, value, extra] = part.split('=');
    if (!key || !value || extra !== undefined) throw invalid(`"${part}" is not a KEY=VALUE part of a recurrence rule.`);
    if (['BYHOUR', 'BYMINUTE', 'BYSECOND'].includes(key)) throw invalid(`${key} is not allowed: the series has one start time.`);
    if (!ALLOWED_KEYS.has(key)) throw invalid(`${key} is not supported in a lesson series.`);
    if (seen.has(key)) throw invalid(`${key} appears twice.`);
    seen.add(key);
    if (key === 'BYDAY' && !value.split(',').every((d) => /^[+-]?\d{0,2}(MO|TU|WE|TH|FR|SA|SU)$/.test(d))) {
      throw invalid(`"${value}" is not a list of weekdays (MO … SU).`);
    }
    if (key === 'WKST' && !DAYS.includes(value)) throw invalid(`"${value}" is not a weekday.`);
    if (['INTERVAL', 'COUNT'].includes(key) && !/^\d{1,4}$/.test(value)) throw invalid(`${key} must be a whole number.`);
  }
  if (!seen.has('FREQ')) throw invalid('The rule needs a FREQ.');
  let options: Partial<Options>;
  try {
    options = RRule.parseString(normalised);
  } catch (error) {
    throw invalid(`The recurrence rule cannot be read: ${(error as Error).message}`);
  }
  if (options.freq === undefined || options.freq === null) throw invalid('FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY.');
  if (options.freq === Frequency.HOURLY || options.freq === Frequency.MINUTELY || options.freq === Frequency.SECONDLY) {
    throw invalid('A lesson series repeats at most daily.');
  }
  if (options.interval !== undefined && options.interval !== null && options.interval < 1) throw invalid('INTERVAL must be at least 1.');
  if (options.count !== undefined && options.count !== null && (options.count < 1 || options.count > MAX_SERIES_OCCURRENCES)) {
    throw invalid(`COUNT must be between 1 and ${MAX_SERIES_OCCURRENCES}.`);
  }
  return { text: normalised, options };
}

/** Shifts the weekdays of a rule by whole days (a series moved from Tuesdays to Wednesdays). */
export function shiftRuleWeekdays(rule: string, days: number): string {
  const shift = ((days % 7) + 7) % 7;
  if (shift === 0) return rule;
  return rule
    .split(';')
    .map((part) => {
      if (!part.startsWith('BYDAY=')) return part;
      const list = part
        .slice(6)
        .split(',')
        .map((d) => {
          const day = d.slice(-2);
          return d.slice(0, -2) + DAYS[(DAYS.indexOf(day) + shift) % 7];
        });
      return `BYDAY=${list.join(',')}`;
    })
    .join(';');
}

/**
 * How many dates a rule with a COUNT produces from `firstDate` up to, not including, `date`.
 * Dates later skipped for a closure count too: COUNT counts the rule's dates, as RFC 5545
 * counts them before EXDATE removes any.
 */
export function ruleDatesBefore(rule: string, firstDate: LocalDate, date: LocalDate): number {
  const { options } = parseSeriesRule(rule);
  const recurrence = new RRule({ ...options, dtstart: floating(firstDate), tzid: null });
  const end = floating(date).getTime();
  return recurrence.all((d, i) => i <= MAX_SERIES_OCCURRENCES && d.getTime() < end).filter((d) => d.getTime() < end).length;
}

/** The rule with its COUNT set to `count` (added if it had none). */
export function withRuleCount(rule: string, count: number): string {
  const parts = rule.split(';').filter((part) => !part.startsWith('COUNT='));
  return [...parts, `COUNT=${count}`].join(';');
}

export interface SeriesOccurrence {
  date: LocalDate;
  start: Date;
  end: Date;
}

export interface SeriesExpansion {
  occurrences: SeriesOccurrence[];
  /** Dates the rule produced that fall inside a closure, with the closure. */
  skipped: { date: LocalDate; closureId: string }[];
}

export interface ExpandSeriesInput {
  rrule: string;
  firstDate: LocalDate;
  /** Inclusive: the term's end date. */
  untilDate: LocalDate;
  startTime: WallTime;
  durationMinutes: number;
  timeZone: string;
  closures?: readonly { id: string; startDate: LocalDate; endDate: LocalDate }[];
}

function floating(date: LocalDate): Date {
  return new Date(`${date}T00:00:00Z`);
}

/**
 * Expands a series in floating wall-clock time (dates as naive local dates), then places
 * each date's start time in the school's zone, so a 16:00 lesson stays at 16:00 local across
 * daylight-saving changes. Dates inside a closure are skipped and reported; nothing falls
 * after `untilDate`. More than `MAX_SERIES_OCCURRENCES` lessons are refused.
 */
export function expandSeries(input: ExpandSeriesInput): SeriesExpansion {
  const rule = parseSeriesRule(input.rrule);
  let until = floating(input.untilDate);
  if (rule.options.until && rule.options.until.getTime() < until.getTime()) until = rule.options.until;
  const recurrence = new RRule({ ...rule.options, dtstart: floating(input.firstDate), until, tzid: null });
  const dates = recurrence.all((_, i) => i <= MAX_SERIES_OCCURRENCES);
  if (dates.length > MAX_SERIES_OCCURRENCES) {
    throw invalid(`The series would have more than ${MAX_SERIES_OCCURRENCES} lessons before the end of the term.`);
  }
  const occurrences: SeriesOccurrence[] = [];
  const skipped: SeriesExpansion['skipped'] = [];
  for (const d of dates) {
    const date = d.toISOString().slice(0, 10);
    if (date < input.firstDate || date > input.untilDate) continue;
    const closure = input.closures?.find((c) => c.startDate <= date && date <= c.endDate);
    if (closure) {
      skipped.push({ date, closureId: closure.id });
      continue;
    }
    const start = zonedInstant(date, input.startTime, input.timeZone);
    occurrences.push({ date, start, end: new Date(start.getTime() + input.durationMinutes * 60_000) });
  }
  return { occurrences, skipped };
}

