import type { Routes } from '@angular/router';
import { requireSafeguardingLead } from '@cadenza/web/messaging/data-access';

/** The safeguarding lead's view (console only): flags, overseen threads, any thread with its audited read. */
export const safeguardingRoutes: Routes = [
  {
    path: '',
    canActivate: [requireSafeguardingLead],
    children: [
      { path: '', title: 'Safeguarding', loadComponent: () => import('./safeguarding-page').then((m) => m.SafeguardingPage) },
      { path: 'threads/:threadId', title: 'Thread (lead’s read)', loadComponent: () => import('./lead-thread-page').then((m) => m.LeadThreadPage) },
    ],
  },
];
