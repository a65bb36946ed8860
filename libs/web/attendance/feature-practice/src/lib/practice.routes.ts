import type { Routes } from '@angular/router';
import { requireRoles } from '@cadenza/web/shared/data-access-api';

/** The portal's practice: a student's own, or each child's of a parent. */
export const practiceRoutes: Routes = [
  { path: '', canActivate: [requireRoles('student', 'parent')], title: 'Practice', loadComponent: () => import('./practice-page').then((m) => m.PracticePage) },
];

/** The console's progress scale, for admins. */
export const progressScaleRoutes: Routes = [
  { path: '', canActivate: [requireRoles('admin')], title: 'Progress scale', loadComponent: () => import('./scale-page').then((m) => m.ScalePage) },
];
