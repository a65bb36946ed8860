import type { NavEntry } from '@cadenza/web/shared/data-access-api';

/** The parents' family page in the portal navigation. */
export const PORTAL_FAMILY_NAV: readonly NavEntry[] = [{ label: 'Family', path: '/family', roles: ['parent'] }];
