import type { Routes } from '@angular/router';
import { requireRoles } from '@cadenza/web/shared/data-access-api';

/** The console's register: today's lessons of a teacher or accompanist (admins: every lesson of the day). */
export const registerRoutes: Routes = [
  { path: '', canActivate: [requireRoles('admin', 'teacher', 'accompanist')], title: 'Register', loadComponent: () => import('./register-page').then((m) => m.RegisterPage) },
];
