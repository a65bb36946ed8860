import type { Routes } from '@angular/router';
import { requireRoles } from '@cadenza/web/shared/data-access-api';

/** Staff scheduling screens; each page is its own lazy chunk. */
export const scheduleRoutes: Routes = [
  { path: '', title: 'Schedule', loadComponent: () => import('./schedule/schedule-page').then((m) => m.SchedulePage) },
];

/** One lesson's page: `/lessons/:id`, opened from the calendar, a person's lessons or a notification's link. */
export const lessonRoutes: Routes = [
  { path: ':id', title: 'Lesson', loadComponent: () => import('./lesson/lesson-page').then((m) => m.LessonPage) },
  { path: '', pathMatch: 'full', redirectTo: '/schedule' },
];

export const requestsRoutes: Routes = [
  { path: '', title: 'Requests', canActivate: [requireRoles('admin', 'teacher')], loadComponent: () => import('./requests/requests-page').then((m) => m.RequestsPage) },
];

export const availabilityRoutes: Routes = [
  { path: '', title: 'Availability', loadComponent: () => import('./availability/availability-page').then((m) => m.AvailabilityPage) },
];

export const makeupCreditsRoutes: Routes = [
  { path: '', title: 'Makeup credits', canActivate: [requireRoles('admin')], loadComponent: () => import('./makeup/makeup-credits-page').then((m) => m.MakeupCreditsPage) },
];

export const settingsRoutes: Routes = [
  {
    path: '',
    canActivate: [requireRoles('admin')],
    loadComponent: () => import('./settings/settings-page').then((m) => m.SettingsPage),
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'rooms' },
      { path: 'rooms', title: 'Rooms', loadComponent: () => import('./settings/rooms-settings').then((m) => m.RoomsSettings) },
      { path: 'terms', title: 'Terms & closures', loadComponent: () => import('./settings/terms-settings').then((m) => m.TermsSettings) },
      { path: 'rollover', title: 'Term rollover', loadComponent: () => import('./settings/rollover-settings').then((m) => m.RolloverSettings) },
      { path: 'lesson-types', title: 'Lesson types', loadComponent: () => import('./settings/lesson-types-settings').then((m) => m.LessonTypesSettings) },
      { path: 'policy', title: 'Scheduling policy', loadComponent: () => import('./settings/policy-settings').then((m) => m.PolicySettings) },
    ],
  },
];
