import type { NavEntry } from '@cadenza/web/shared/data-access-api';

/** People entries of the console navigation: students, families and staff, for admins. */
export const CONSOLE_PEOPLE_NAV: readonly NavEntry[] = [{ label: 'People', path: '/people/students', roles: ['admin'] }];
