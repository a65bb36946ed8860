import type { NavEntry } from '@cadenza/web/shared/data-access-api';

/** Scheduling entries of the portal navigation (students and parents alike). */
export const PORTAL_SCHEDULING_NAV: readonly NavEntry[] = [
  { label: 'Lessons', path: '/lessons' },
  { label: 'Requests', path: '/requests' },
  { label: 'Makeup credits', path: '/makeup-credits' },
];
