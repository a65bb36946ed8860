import type { Routes } from '@angular/router';
import { redirectSignedIn, requireAudience, requireSession } from '@cadenza/web/shared/data-access-api';
import { HOME_PANELS, SHELL_TOOLBAR_ITEMS } from '@cadenza/web/shared/ui';

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
    // The notification bell in the toolbar.
    providers: [{ provide: SHELL_TOOLBAR_ITEMS, useValue: [() => import('@cadenza/web/messaging/feature-notifications').then((m) => m.NotificationBell)] }],
    children: [
      {
        path: '',
        // The live counters on the home page, loaded with it.
        providers: [{ provide: HOME_PANELS, useValue: [() => import('@cadenza/web/reporting/feature-counters').then((m) => m.CountersPanel)] }],
        loadChildren: () => import('@cadenza/web/identity/feature-home').then((m) => m.homeRoutes),
      },
      { path: 'notifications/preferences', loadChildren: () => import('@cadenza/web/messaging/feature-notifications').then((m) => m.notificationPreferencesRoutes) },
      { path: 'schedule', loadChildren: () => import('@cadenza/web/scheduling/feature-console').then((m) => m.scheduleRoutes) },
      // Notifications link to a lesson by `/lessons/:id`, which both apps answer: here, the schedule.
      { path: 'lessons/:id', redirectTo: '/schedule' },
      { path: 'lessons', redirectTo: '/schedule' },
      { path: 'requests', loadChildren: () => import('@cadenza/web/scheduling/feature-console').then((m) => m.requestsRoutes) },
      { path: 'availability', loadChildren: () => import('@cadenza/web/scheduling/feature-console').then((m) => m.availabilityRoutes) },
      { path: 'makeup-credits', loadChildren: () => import('@cadenza/web/scheduling/feature-console').then((m) => m.makeupCreditsRoutes) },
      { path: 'settings', loadChildren: () => import('@cadenza/web/scheduling/feature-console').then((m) => m.settingsRoutes) },
      { path: 'messages', loadChildren: () => import('@cadenza/web/messaging/feature-inbox').then((m) => m.inboxRoutes) },
      { path: 'safeguarding', loadChildren: () => import('@cadenza/web/messaging/feature-safeguarding').then((m) => m.safeguardingRoutes) },
      { path: 'messaging-settings', loadChildren: () => import('@cadenza/web/messaging/feature-settings').then((m) => m.messagingSettingsRoutes) },
      { path: 'notifications/deliveries', loadChildren: () => import('@cadenza/web/messaging/feature-settings').then((m) => m.deliveryLogRoutes) },
      { path: 'people', loadChildren: () => import('@cadenza/web/identity/feature-people').then((m) => m.peopleRoutes) },
    ],
  },
  { path: '**', redirectTo: '' },
];
