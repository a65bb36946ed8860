import type { Routes } from '@angular/router';
import { redirectSignedIn, requireAudience, requireSession } from '@cadenza/web/shared/data-access-api';

export const appRoutes: Routes = [
  {
    path: 'sign-in',
    canActivate: [redirectSignedIn],
    loadChildren: () => import('@cadenza/web/identity/feature-sign-in').then((m) => m.signInRoutes),
  },
  {
    path: 'accept-invitation',
    loadChildren: () => import('@cadenza/web/identity/feature-sign-in').then((m) => m.acceptInvitationRoutes),
  },
  {
    path: 'forgot-password',
    loadChildren: () => import('@cadenza/web/identity/feature-sign-in').then((m) => m.forgotPasswordRoutes),
  },
  {
    path: 'reset-password',
    loadChildren: () => import('@cadenza/web/identity/feature-sign-in').then((m) => m.resetPasswordRoutes),
  },
  {
    path: 'switch-app',
    canActivate: [requireSession],
    loadChildren: () => import('@cadenza/web/identity/feature-sign-in').then((m) => m.switchAppRoutes),
  },
  {
    path: '',
    canActivate: [requireSession, requireAudience],
    loadComponent: () => import('@cadenza/web/shared/feature-shell').then((m) => m.AppShell),
    children: [
      { path: '', loadChildren: () => import('@cadenza/web/identity/feature-home').then((m) => m.homeRoutes) },
      { path: 'schedule', loadChildren: () => import('@cadenza/web/scheduling/feature-console').then((m) => m.scheduleRoutes) },
      { path: 'requests', loadChildren: () => import('@cadenza/web/scheduling/feature-console').then((m) => m.requestsRoutes) },
      { path: 'availability', loadChildren: () => import('@cadenza/web/scheduling/feature-console').then((m) => m.availabilityRoutes) },
      { path: 'makeup-credits', loadChildren: () => import('@cadenza/web/scheduling/feature-console').then((m) => m.makeupCreditsRoutes) },
      { path: 'settings', loadChildren: () => import('@cadenza/web/scheduling/feature-console').then((m) => m.settingsRoutes) },
    ],
  },
  { path: '**', redirectTo: '' },
];
