import { inject } from '@angular/core';
import { InboxStore } from './inbox-store';
import type { NavEntry } from '@cadenza/web/shared/data-access-api';

/** The inbox's navigation entry, with the unread total as its badge (both apps). */
export const MESSAGES_NAV: NavEntry = {
  label: 'Messages',
  path: '/messages',
  badge: () => {
    const store = inject(InboxStore);
    store.start();
    return { count: store.unread, describe: (n) => `${n} unread` };
  },
};
