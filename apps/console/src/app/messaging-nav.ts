import { MESSAGES_NAV } from '@cadenza/web/messaging/data-access';
import type { NavEntry } from '@cadenza/web/shared/data-access-api';

/** Messaging entries of the console navigation: the inbox for all staff, the safeguarding view for the lead only, the policy and the delivery log for admins. */
export const CONSOLE_MESSAGING_NAV: readonly NavEntry[] = [
  MESSAGES_NAV,
  { label: 'Safeguarding', path: '/safeguarding', roles: ['admin'], visible: (user) => user.safeguardingLead === true },
  { label: 'Messaging settings', path: '/messaging-settings', roles: ['admin'] },
  { label: 'Delivery log', path: '/notifications/deliveries', roles: ['admin'] },
];
