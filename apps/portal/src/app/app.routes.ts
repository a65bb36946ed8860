import { withSharedRoutes } from '@cadenza/web/shared/app-routes';

/** The portal: the routes both apps share, with the families' pages in the shell. */
export const appRoutes = withSharedRoutes([
  // Notifications link to a lesson by `/lessons/:id`: the lessons list.
  { path: 'lessons/:id', redirectTo: '/lessons' },
  { path: 'lessons', loadChildren: () => import('@cadenza/web/scheduling/feature-portal').then((m) => m.lessonsRoutes) },
  { path: 'requests', loadChildren: () => import('@cadenza/web/scheduling/feature-portal').then((m) => m.requestsRoutes) },
  { path: 'makeup-credits', loadChildren: () => import('@cadenza/web/scheduling/feature-portal').then((m) => m.makeupCreditsRoutes) },
  { path: 'practice', loadChildren: () => import('@cadenza/web/attendance/feature-practice').then((m) => m.practiceRoutes) },
  { path: 'invoices', loadChildren: () => import('@cadenza/web/billing/feature-portal').then((m) => m.invoicesRoutes) },
  { path: 'family', loadChildren: () => import('@cadenza/web/identity/feature-family').then((m) => m.familyRoutes) },
]);
