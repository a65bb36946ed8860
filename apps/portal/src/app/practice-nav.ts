import type { NavEntry } from '@cadenza/web/shared/data-access-api';

/** Practice and progress in the portal navigation: a student's own, a parent's children's. */
export const PORTAL_PRACTICE_NAV: readonly NavEntry[] = [{ label: 'Practice', path: '/practice', roles: ['student', 'parent'] }];
