import type { NavEntry } from '@cadenza/web/shared/data-access-api';

/** The register in the console navigation, for the staff who mark it. */
export const CONSOLE_ATTENDANCE_NAV: readonly NavEntry[] = [{ label: 'Register', path: '/register', roles: ['admin', 'teacher', 'accompanist'] }];
