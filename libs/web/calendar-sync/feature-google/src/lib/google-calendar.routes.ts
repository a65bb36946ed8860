import type { Routes } from '@angular/router';
import { requireRoles } from '@cadenza/web/shared/data-access-api';

/** A teacher's or accompanist's Google Calendar connection; Google sends the browser back here after consent. */
export const googleCalendarRoutes: Routes = [
  { path: '', canActivate: [requireRoles('teacher', 'accompanist')], title: 'Google Calendar', loadComponent: () => import('./google-calendar-page').then((m) => m.GoogleCalendarPage) },
];
