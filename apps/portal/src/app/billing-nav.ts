import type { NavEntry } from '@cadenza/web/shared/data-access-api';

/** Invoices in the portal navigation: a family's guardians and payers, and adult students paying for themselves. */
export const PORTAL_BILLING_NAV: readonly NavEntry[] = [{ label: 'Invoices', path: '/invoices', roles: ['student', 'parent'] }];
