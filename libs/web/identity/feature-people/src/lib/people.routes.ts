import type { Routes } from '@angular/router';
import { requireRoles } from '@cadenza/web/shared/data-access-api';

/** People in the console (admins): so far the students, with the day each one left the school. */
export const peopleRoutes: Routes = [
  {
    path: '',
    canActivate: [requireRoles('admin')],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'students' },
      { path: 'students', title: 'Students', loadComponent: () => import('./students-page').then((m) => m.StudentsPage) },
    ],
  },
];
