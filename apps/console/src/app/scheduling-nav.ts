import type { NavEntry } from '@cadenza/web/shared/data-access-api';

/** Scheduling entries of the console navigation: only what each role may use. */
export const CONSOLE_SCHEDULING_NAV: readonly NavEntry[] = [
  { label: 'Schedule', path: '/schedule', roles: ['admin', 'teacher', 'accompanist'] },
  { label: 'Requests', path: '/requests', roles: ['admin', 'teacher'] },
  { label: 'Availability', path: '/availability', roles: ['admin', 'teacher', 'accompanist'] },
  { label: 'Makeup credits', path: '/makeup-credits', roles: ['admin'] },
  { label: 'Settings', path: '/settings', roles: ['admin'] },
];
