import type { NavEntry } from '@cadenza/web/shared/data-access-api';

/** People entries of the console navigation: students, families and staff for admins; a teacher's own students. */
export const CONSOLE_PEOPLE_NAV: readonly NavEntry[] = [
  { label: 'People', path: '/people/students', roles: ['admin'] },
  // A teacher's own students (the same list, which the server narrows to them); an admin who teaches has People.
  { label: 'My students', path: '/people/students', roles: ['teacher'], visible: (user) => !user.roles.includes('admin') },
];
