import { DAY, Interval, type UserId } from '@cadenza/shared/kernel';
import { Temporal } from 'temporal-polyfill';

/** The roles a dashboard is shaped for, in the order that decides for a person with several. */
export const DASHBOARD_ROLES = ['admin', 'teacher', 'accompanist', 'parent', 'student'] as const;
export type DashboardRole = (typeof DASHBOARD_ROLES)[number];

/** The dashboard a person gets: that of their first role in `DASHBOARD_ROLES`, or none. */
export function dashboardRoleOf(roles: readonly string[]): DashboardRole | null {
  return DASHBOARD_ROLES.find((role) => roles.includes(role)) ?? null;
}

/** Whom counters are computed for. */
export interface DashboardPerson {
  id: UserId;
  roles: readonly string[];
  /** Only meaningful with the admin role. */
  safeguardingLead: boolean;
}

export interface AdminCounters {
  role: 'admin';
  lessonsToday: number;
  lessonsInProgress: number;
  checkedInNow: number;
  registersMissingToday: number;
  freeRoomsNow: number;
  pendingRequests: number;
  unreadMessages: number;
  /** Only for the safeguarding lead, or every admin of a school without one. */
  openFlags?: number;
}
export interface TeacherCounters {
  role: 'teacher' | 'accompanist';
  lessonsToday: number;
  unreadMessages: number;
}
export interface FamilyCounters {
  role: 'student' | 'parent';
  unreadMessages: number;
  upcomingLessons: number;
}
export type DashboardCounters = AdminCounters | TeacherCounters | FamilyCounters;

/** How far ahead a student's or parent's "upcoming lessons" look. */
export const UPCOMING_DAYS = 7;

/** The school's calendar day that contains `now`, midnight to midnight in its zone (23 or 25 hours across a clock change). */
export function schoolDay(now: Date, timeZone: string): Interval {
  const start = Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(timeZone).startOfDay();
  const end = start.add({ days: 1 }).startOfDay();
  return Interval.of(new Date(start.epochMilliseconds), new Date(end.epochMilliseconds));
}

/** From now until `UPCOMING_DAYS` later. */
export function upcomingWindow(now: Date): Interval {
  return Interval.of(now, new Date(now.getTime() + UPCOMING_DAYS * DAY));
}
