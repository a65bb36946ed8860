import type { Routes } from '@angular/router';
import { requireRoles } from '@cadenza/web/shared/data-access-api';

/**
 * People in the console: for admins students, families and staff as tabs of one page, each searchable and paged,
 * a person's page (`people/students/:id`, `people/staff/:id`) and a family's (`people/families/:id`); for a teacher
 * their own students (the server answers a teacher only theirs) and each one's page, read-only.
 */
export const peopleRoutes: Routes = [
  {
    path: '',
    canActivate: [requireRoles('admin', 'teacher')],
    children: [
      { path: 'students/:id', title: 'Student', data: { kind: 'students' }, loadComponent: () => import('./person-page').then((m) => m.PersonPage) },
      { path: 'staff/:id', title: 'Staff member', canActivate: [requireRoles('admin')], data: { kind: 'staff' }, loadComponent: () => import('./person-page').then((m) => m.PersonPage) },
      { path: 'families/:id', title: 'Family', canActivate: [requireRoles('admin')], loadComponent: () => import('./family-page').then((m) => m.FamilyPage) },
      {
        path: '',
        loadComponent: () => import('./people-shell').then((m) => m.PeopleShell),
        children: [
          { path: '', pathMatch: 'full', redirectTo: 'students' },
          { path: 'students', title: 'Students', data: { kind: 'students' }, loadComponent: () => import('./people-list').then((m) => m.PeopleList) },
          { path: 'families', title: 'Families', canActivate: [requireRoles('admin')], loadComponent: () => import('./families-page').then((m) => m.FamiliesPage) },
          { path: 'staff', title: 'Staff', canActivate: [requireRoles('admin')], data: { kind: 'staff' }, loadComponent: () => import('./people-list').then((m) => m.PeopleList) },
        ],
      },
    ],
  },
];
