/** The hours a week or day timetable shows, and how tall one of them is drawn. */
export interface TimetableHours {
  /** The first hour drawn (0–23). */
  dayStartHour: number;
  /** The last hour drawn (0–23): the grid ends at its close. */
  dayEndHour: number;
  /** Where to open when the period holds no lessons. */
  quietHour: number;
}

/**
 * The hour a timetable opens at: an hour before the period's first lesson (by its wall-clock time
 * of day, whichever day it falls on), so the lessons are in view without scrolling, or `quietHour`
 * when there are none; never before the first hour drawn. (Scrolled there, a view too short for
 * the hours after it stops at the grid's end, as scrolling does.)
 */
export function openingHour(starts: readonly Date[], hours: TimetableHours): number {
  let first = Infinity;
  for (const start of starts) first = Math.min(first, start.getHours() + start.getMinutes() / 60);
  const wanted = Number.isFinite(first) ? Math.floor(first) - 1 : hours.quietHour;
  return Math.min(Math.max(wanted, hours.dayStartHour), hours.dayEndHour);
}
