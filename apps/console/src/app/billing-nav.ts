import type { NavEntry } from '@cadenza/web/shared/data-access-api';

/** Billing in the console navigation, for admins: the month's run, the invoices, the rates and the settings. */
export const CONSOLE_BILLING_NAV: readonly NavEntry[] = [{ label: 'Billing', path: '/billing', roles: ['admin'] }];
