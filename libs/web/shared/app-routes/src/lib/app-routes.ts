import type { Routes } from '@angular/router';
import { redirectSignedIn, requireAudience, requireSession } from '@cadenza/web/shared/data-access-api';
import { ACCOUNT_PANELS, HOME_PANELS, SHELL_TOOLBAR_ITEMS, type HomePanelLoader } from '@cadenza/web/shared/ui';

export interface SharedRoutesOptions {
  /** Panels of the app's own on the home page, after the live counters (the console's "Today's lessons"). */
  homePanels?: readonly HomePanelLoader[];
}

/**
 * The route list both apps share, around the pages only one of them has: signing in and the
 * emailed links outside the shell; inside it (signed in, in the right app) the home page with
 * its counters, the notification bell and preferences, one's own account, and the inbox; anything else goes home.
 * Everything it loads is meant for every audience; an app's own pages come in `pages`, its own home panels in
 * `options.homePanels`.
 */
export function withSharedRoutes(pages: Routes, options: SharedRoutesOptions = {}): Routes {
  return [
    {
      path: 'sign-in',
      canActivate: [redirectSignedIn],
      loadChildren: () => import('@cadenza/web/identity/feature-sign-in').then((m) => m.signInRoutes),
    },
    { path: 'accept-invitation', loadChildren: () => import('@cadenza/web/identity/feature-sign-in').then((m) => m.acceptInvitationRoutes) },
    { path: 'forgot-password', loadChildren: () => import('@cadenza/web/identity/feature-sign-in').then((m) => m.forgotPasswordRoutes) },
    { path: 'reset-password', loadChildren: () => import('@cadenza/web/identity/feature-sign-in').then((m) => m.resetPasswordRoutes) },
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
          // The live counters on the home page, loaded with it, then the app's own panels.
          providers: [
            {
              provide: HOME_PANELS,
              useValue: [() => import('@cadenza/web/reporting/feature-counters').then((m) => m.CountersPanel), ...(options.homePanels ?? [])],
            },
          ],
          loadChildren: () => import('@cadenza/web/identity/feature-home').then((m) => m.homeRoutes),
        },
        { path: 'notifications/preferences', loadChildren: () => import('@cadenza/web/messaging/feature-notifications').then((m) => m.notificationPreferencesRoutes) },
        {
          path: 'account',
          // One's calendar feed (calendar sync's) under one's profile and password.
          providers: [{ provide: ACCOUNT_PANELS, useValue: [() => import('@cadenza/web/calendar-sync/feature-feed').then((m) => m.CalendarFeedPanel)] }],
          loadChildren: () => import('@cadenza/web/identity/feature-account').then((m) => m.accountRoutes),
        },
        { path: 'messages', loadChildren: () => import('@cadenza/web/messaging/feature-inbox').then((m) => m.inboxRoutes) },
        ...pages,
      ],
    },
    { path: '**', redirectTo: '' },
  ];
}
