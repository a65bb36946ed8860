import type { Routes } from '@angular/router';
import { requireRoles } from '@cadenza/web/shared/data-access-api';

/** The school's messaging policy (console, admins only; the API refuses anyone else's change anyway). */
export const messagingSettingsRoutes: Routes = [
  {
    path: '',
    title: 'Messaging settings',
    canActivate: [requireRoles('admin')],
    loadComponent: () => import('./messaging-settings-page').then((m) => m.MessagingSettingsPage),
  },
];
