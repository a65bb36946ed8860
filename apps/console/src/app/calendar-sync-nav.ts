import type { NavEntry } from '@cadenza/web/shared/data-access-api';

/** Google Calendar in the console navigation, for the teachers and accompanists who connect theirs. */
export const CONSOLE_CALENDAR_SYNC_NAV: readonly NavEntry[] = [{ label: 'Google Calendar', path: '/calendar-sync/google', roles: ['teacher', 'accompanist'] }];
