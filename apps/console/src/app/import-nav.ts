import type { NavEntry } from '@cadenza/web/shared/data-access-api';

/** The import wizard in the console navigation, for admins. */
export const CONSOLE_IMPORT_NAV: readonly NavEntry[] = [{ label: 'Import', path: '/import', roles: ['admin'] }];
