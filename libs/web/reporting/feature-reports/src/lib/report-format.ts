import type { AttendanceReportDimension } from '@cadenza/shared/contracts';
import type { ReportRange } from '@cadenza/web/reporting/data-access';

/** What the attendance figures are grouped by, as the page names it. */
export const BY_LABELS: Record<AttendanceReportDimension, string> = { teacher: 'Teacher', student: 'Student', instrument: 'Instrument', week: 'Week' };

/** A share as a whole percentage, or a dash when there was nothing to divide by. */
export const percent = (share: number | null): string => (share === null ? '—' : `${Math.round(share * 100)}%`);

/** Minutes as hours with one decimal. */
export const hours = (minutes: number): string => `${(minutes / 60).toFixed(1)} h`;

const DAY_MS = 86_400_000;
const isoDay = (at: number) => new Date(at).toISOString().slice(0, 10);

/** The last `days` days up to today (the browser's day), both included. */
export function lastDays(days: number, today = new Date()): ReportRange {
  const to = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  return { from: isoDay(to - (days - 1) * DAY_MS), to: isoDay(to) };
}

/** Days from `from` to `to`, both included. */
export const spanDays = (range: ReportRange): number => (Date.parse(range.to) - Date.parse(range.from)) / DAY_MS + 1;

/** A day or a week's Monday as the reports show it: `Mon 7 Dec`. */
export const dayLabel = (date: string): string => new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });

/**
 * A heat map cell's colours for a share of open time booked: from a pale to a mid blue as the share grows, the text
 * always near black, so it keeps its contrast; a dash (no opening) is left blank.
 */
export function heat(share: number | null): string {
  if (share === null) return 'background: transparent';
  const lightness = 96 - Math.round(Math.min(1, share) * 38);
  return `background: hsl(212 80% ${lightness}%); color: #111`;
}
