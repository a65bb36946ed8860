import { MESSAGES_NAV } from '@cadenza/web/messaging/data-access';
import type { NavEntry } from '@cadenza/web/shared/data-access-api';

/** Messaging entries of the portal navigation. */
export const PORTAL_MESSAGING_NAV: readonly NavEntry[] = [MESSAGES_NAV];
