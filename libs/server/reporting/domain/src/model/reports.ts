import { DomainError, type Actor } from '@cadenza/shared/kernel';

/**
 * The school's reports: what they compute from the counts the read model gathers. Days are `YYYY-MM-DD` in the
 * school's time zone, both ends of a period included; weeks start on Monday.
 */

/** A period of days, both included. */
export interface ReportPeriod {
  from: string;
  to: string;
}

/** What narrows the lessons behind a figure (those that began in the period, not cancelled). */
export interface LessonScope extends ReportPeriod {
  teacherId?: string;
  studentId?: string;
  roomId?: string;
  instrument?: string;
  delivered?: boolean;
}

/** Reports are the school's figures: its admins read them. */
export function assertMayReadReports(actor: Actor): void {
  if (!actor.roles.includes('admin')) throw new DomainError('REPORTING.ADMINS_ONLY', 'forbidden', 'Only the school’s admins read its reports.');
}

/**
 * A teacher's own figures: admins read any teacher's, a teacher their own. Another teacher's are not found to a
 * teacher (that they exist is not theirs to learn); anyone else is refused.
 */
export function assertMayReadTeacherFigures(actor: Actor, teacherId: string): void {
  if (actor.roles.includes('admin')) return;
  if (!actor.roles.includes('teacher')) throw new DomainError('REPORTING.TEACHERS_ONLY', 'forbidden', 'Only teachers read their own figures, and admins any teacher’s.');
  if (actor.userId !== teacherId) throw new DomainError('REPORTING.TEACHER_NOT_FOUND', 'not_found', 'No such teacher.');
}

const DAY_MS = 86_400_000;
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const dateOf = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** Every day of the period, in order. */
export function daysOf(period: ReportPeriod): string[] {
  const days: string[] = [];
  for (let n = dayNumber(period.from); n <= dayNumber(period.to); n++) days.push(dateOf(n));
  return days;
}

/** The ISO weekday of a date, 1 (Monday) to 7 (Sunday). */
export function weekdayOf(date: string): number {
  return ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

/** The Monday of a date's week. */
export function weekOf(date: string): string {
  return dateOf(dayNumber(date) - (weekdayOf(date) - 1));
}

/** The period of the same length just before this one (what "falling" compares with). */
export function previousPeriod(period: ReportPeriod): ReportPeriod {
  const length = dayNumber(period.to) - dayNumber(period.from) + 1;
  return { from: dateOf(dayNumber(period.from) - length), to: dateOf(dayNumber(period.from) - 1) };
}

/** The days of the week or month starting on `start`, within the period. */
export function periodWithin(period: ReportPeriod, start: string, unit: 'week' | 'month'): ReportPeriod {
  const first = new Date(`${start}T00:00:00Z`);
  const next = unit === 'week' ? dayNumber(start) + 7 : Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1) / DAY_MS;
  const last = dateOf(next - 1);
  return { from: start > period.from ? start : period.from, to: last < period.to ? last : period.to };
}

/** A share, or null when there is nothing to divide by. */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** Minutes since midnight of an `HH:mm` time (`24:00` is the end of the day). */
export function minutesOf(time: string): number {
  const [h = 0, m = 0] = time.split(':').map(Number);
  return h * 60 + m;
}

// ---- room utilisation ---------------------------------------------------------------------------------------

/** When rooms are open: from `opens` to `closes` (`HH:mm`) on the ISO weekdays listed. */
export interface OpenHours {
  opens: string;
  closes: string;
  days: readonly number[];
}

/** A room's booked minutes on a day (within that day's open hours) and the lessons booked. */
export interface RoomDayBooking {
  roomId: string;
  date: string;
  bookedMinutes: number;
}

export interface UtilisationCell {
  bookedMinutes: number;
  openMinutes: number;
  utilisation: number | null;
}

export interface RoomUtilisation extends UtilisationCell {
  roomId: string;
  name: string;
  days: (UtilisationCell & { date: string })[];
  weeks: (UtilisationCell & { week: string })[];
}

const cell = (bookedMinutes: number, openMinutes: number): UtilisationCell => ({ bookedMinutes, openMinutes, utilisation: rate(bookedMinutes, openMinutes) });

/**
 * Booked over open minutes per room, per day and per week, least used rooms first (rooms with no open time at all
 * last, then by name). A day the school is closed (not an open weekday, or a closure) has no open minutes, and what is
 * booked on it is shown but counts in no week's or period's share.
 */
export function roomUtilisation(
  period: ReportPeriod,
  hours: OpenHours,
  closedDays: ReadonlySet<string>,
  rooms: readonly { id: string; name: string }[],
  bookings: readonly RoomDayBooking[],
): RoomUtilisation[] {
  const perDay = minutesOf(hours.closes) - minutesOf(hours.opens);
  const days = daysOf(period).map((date) => ({ date, open: hours.days.includes(weekdayOf(date)) && !closedDays.has(date) ? perDay : 0 }));
  const booked = new Map(bookings.map((b) => [`${b.roomId}|${b.date}`, b.bookedMinutes]));
  const result = rooms.map((room) => {
    const roomDays = days.map(({ date, open }) => ({ date, ...cell(booked.get(`${room.id}|${date}`) ?? 0, open) }));
    const weeks = new Map<string, { booked: number; open: number }>();
    for (const d of roomDays) {
      const week = weeks.get(weekOf(d.date)) ?? { booked: 0, open: 0 };
      if (d.openMinutes > 0) {
        week.booked += d.bookedMinutes;
        week.open += d.openMinutes;
      }
      weeks.set(weekOf(d.date), week);
    }
    const total = [...weeks.values()].reduce((sum, w) => ({ booked: sum.booked + w.booked, open: sum.open + w.open }), { booked: 0, open: 0 });
    return {
      roomId: room.id,
      name: room.name,
      ...cell(total.booked, total.open),
      days: roomDays,
      weeks: [...weeks.entries()].map(([week, w]) => ({ week, ...cell(w.booked, w.open) })),
    };
  });
  return result.sort((a, b) => (a.utilisation ?? Infinity) - (b.utilisation ?? Infinity) || a.name.localeCompare(b.name));
}

// ---- attendance ---------------------------------------------------------------------------------------------

/** What the read model counts of a group of lessons (lessons, started, on time) and of their students' places (marks by status). */
export const ATTENDANCE_COUNTS = ['lessons', 'started', 'onTime', 'places', 'marked', 'present', 'late', 'absentWithNotice', 'absentWithoutNotice', 'excused'] as const;
export type AttendanceCounts = Record<(typeof ATTENDANCE_COUNTS)[number], number>;

export interface AttendanceFigures extends AttendanceCounts {
  onTimeRate: number | null;
  /** (present + late) over the places marked, excused ones left out. */
  attendanceRate: number | null;
}

export const NO_COUNTS = Object.fromEntries(ATTENDANCE_COUNTS.map((key) => [key, 0])) as AttendanceCounts;

/** The counts of several groups together. */
export function sumCounts(groups: readonly AttendanceCounts[]): AttendanceCounts {
  return Object.fromEntries(ATTENDANCE_COUNTS.map((key) => [key, groups.reduce((total, g) => total + g[key], 0)])) as AttendanceCounts;
}

export function attendanceFigures(counts: AttendanceCounts): AttendanceFigures {
  return { ...counts, onTimeRate: rate(counts.onTime, counts.lessons), attendanceRate: rate(counts.present + counts.late, counts.marked - counts.excused) };
}

// ---- students at risk ---------------------------------------------------------------------------------------

export type Mark = 'present' | 'late' | 'absent_notice' | 'absent_no_notice' | 'excused';

/** A student's marks of the period in lesson order, and their counts of the period before. */
export interface StudentMarks {
  studentId: string;
  name: string;
  instrument: string;
  marks: readonly Mark[];
  lastLessonAt: Date | null;
  previous: { marked: number; attended: number; excused: number };
}

export type RiskReason = 'absence_streak' | 'falling' | 'low';

export interface StudentAtRisk {
  studentId: string;
  name: string;
  instrument: string;
  absenceStreak: number;
  marked: number;
  attendanceRate: number | null;
  previousMarked: number;
  previousRate: number | null;
  reasons: RiskReason[];
  lastLessonAt: Date | null;
}

/** Two absences in a row make a streak, as the absence alerts count them. */
export const STREAK_AT_RISK = 2;
/** A fall of this much of the rate against the period before. */
export const FALL_AT_RISK = 0.2;
/** A rate under this, over at least `LOW_RATE_MIN_MARKS` marks. */
export const LOW_RATE = 0.75;
export const LOW_RATE_MIN_MARKS = 3;

const isAbsence = (mark: Mark) => mark === 'absent_notice' || mark === 'absent_no_notice';

/** Absences in a row up to the latest mark (an excused lesson neither breaks nor lengthens the streak). */
export function absenceStreak(marks: readonly Mark[]): number {
  let streak = 0;
  for (const mark of [...marks].reverse()) {
    if (mark === 'excused') continue;
    if (!isAbsence(mark)) break;
    streak++;
  }
  return streak;
}

/** The students at risk among these, most at risk first (more reasons, longer streak, lower rate, then name). */
export function studentsAtRisk(students: readonly StudentMarks[]): StudentAtRisk[] {
  const risks: StudentAtRisk[] = [];
  for (const s of students) {
    const excused = s.marks.filter((m) => m === 'excused').length;
    const attended = s.marks.filter((m) => m === 'present' || m === 'late').length;
    const attendanceRate = rate(attended, s.marks.length - excused);
    const previousRate = rate(s.previous.attended, s.previous.marked - s.previous.excused);
    const streak = absenceStreak(s.marks);
    const reasons: RiskReason[] = [];
    if (streak >= STREAK_AT_RISK) reasons.push('absence_streak');
    if (attendanceRate !== null && previousRate !== null && previousRate - attendanceRate >= FALL_AT_RISK - 1e-9) reasons.push('falling');
    if (attendanceRate !== null && s.marks.length - excused >= LOW_RATE_MIN_MARKS && attendanceRate < LOW_RATE) reasons.push('low');
    if (reasons.length === 0) continue;
    risks.push({
      studentId: s.studentId,
      name: s.name,
      instrument: s.instrument,
      absenceStreak: streak,
      marked: s.marks.length,
      attendanceRate,
      previousMarked: s.previous.marked,
      previousRate,
      reasons,
      lastLessonAt: s.lastLessonAt,
    });
  }
  return risks.sort(
    (a, b) => b.reasons.length - a.reasons.length || b.absenceStreak - a.absenceStreak || (a.attendanceRate ?? 1) - (b.attendanceRate ?? 1) || a.name.localeCompare(b.name) || a.studentId.localeCompare(b.studentId),
  );
}

// ---- paging -------------------------------------------------------------------------------------------------

export interface Page {
  offset: number;
  limit: number;
}

export interface Paged<T> extends Page {
  total: number;
  rows: T[];
}

/** One page of the rows; `page` absent: all of them (a CSV export). */
export function pageOf<T>(rows: readonly T[], page: Page | undefined): Paged<T> {
  if (!page) return { total: rows.length, offset: 0, limit: rows.length, rows: [...rows] };
  return { total: rows.length, offset: page.offset, limit: page.limit, rows: rows.slice(page.offset, page.offset + page.limit) };
}
