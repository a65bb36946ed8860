import type { DashboardCounters } from '@cadenza/shared/contracts';

/** One card of the home page: a number, what it counts, and where to see more (a route of the app, with its query), if anywhere. */
export interface CounterCard {
  key: string;
  label: string;
  value: number;
  link: string | null;
  query?: Record<string, string>;
}

/** The cards for the person's role, in reading order. Fields the server left out (the lead's flags for other admins) have no card. */
export function counterCards(counters: DashboardCounters): CounterCard[] {
  switch (counters.role) {
    case 'admin':
      return [
        { key: 'lessonsToday', label: 'Lessons today', value: counters.lessonsToday, link: '/schedule' },
        { key: 'lessonsInProgress', label: 'In progress now', value: counters.lessonsInProgress, link: '/day-register', query: { state: 'in_progress' } },
        { key: 'checkedInNow', label: 'Checked in now', value: counters.checkedInNow, link: '/day-register', query: { state: 'in_progress' } },
        { key: 'registersMissingToday', label: 'Registers missing today', value: counters.registersMissingToday, link: '/day-register', query: { state: 'missing' } },
        { key: 'freeRoomsNow', label: 'Rooms free now', value: counters.freeRoomsNow, link: null },
        { key: 'pendingRequests', label: 'Pending requests', value: counters.pendingRequests, link: '/requests' },
        { key: 'unreadMessages', label: 'Unread messages', value: counters.unreadMessages, link: '/messages' },
        ...(counters.openFlags !== undefined ? [{ key: 'openFlags', label: 'Flagged messages', value: counters.openFlags, link: null }] : []),
      ];
    case 'teacher':
    case 'accompanist':
      return [
        { key: 'lessonsToday', label: 'Your lessons today', value: counters.lessonsToday, link: '/schedule' },
        { key: 'unreadMessages', label: 'Unread messages', value: counters.unreadMessages, link: '/messages' },
      ];
    case 'student':
    case 'parent':
      return [
        { key: 'upcomingLessons', label: counters.role === 'parent' ? 'Lessons in the next 7 days' : 'Your lessons in the next 7 days', value: counters.upcomingLessons, link: '/lessons' },
        { key: 'unreadMessages', label: 'Unread messages', value: counters.unreadMessages, link: '/messages' },
      ];
  }
}
