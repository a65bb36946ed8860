import type { Routes } from '@angular/router';
import { requireRoles } from '@cadenza/web/shared/data-access-api';

/** The school's delivery log and reminder defaults (console, admins only; the API refuses anyone else anyway). */
export const deliveryLogRoutes: Routes = [
  {
    path: '',
    title: 'Delivery log',
    canActivate: [requireRoles('admin')],
    loadComponent: () => import('./delivery-log-page').then((m) => m.DeliveryLogPage),
  },
];
