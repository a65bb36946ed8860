import type { NavEntry } from '@cadenza/web/shared/data-access-api';

/** The register in the console navigation, for the staff who mark it; the day register across every teacher and the attendance settings for admins; the reports (a teacher's: their own figures). */
export const CONSOLE_ATTENDANCE_NAV: readonly NavEntry[] = [
  { label: 'Register', path: '/register', roles: ['admin', 'teacher', 'accompanist'] },
  { label: 'Day register', path: '/day-register', roles: ['admin'] },
  { label: 'Attendance settings', path: '/attendance-settings', roles: ['admin'] },
  { label: 'Reports', path: '/reports', roles: ['admin', 'teacher'] },
];
