import type { Routes } from '@angular/router';

/** Family scheduling screens; each page is its own lazy chunk. */
export const lessonsRoutes: Routes = [{ path: '', title: 'Lessons', loadComponent: () => import('./lessons-page').then((m) => m.LessonsPage) }];
export const requestsRoutes: Routes = [{ path: '', title: 'Requests', loadComponent: () => import('./requests-page').then((m) => m.FamilyRequestsPage) }];
export const makeupCreditsRoutes: Routes = [{ path: '', title: 'Makeup credits', loadComponent: () => import('./makeup-page').then((m) => m.FamilyMakeupPage) }];
