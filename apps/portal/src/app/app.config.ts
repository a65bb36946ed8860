import { provideBrowserGlobalErrorListeners, type ApplicationConfig } from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { provideAppProfile, provideCadenzaApi } from '@cadenza/web/shared/data-access-api';
import { providePageTitles } from '@cadenza/web/shared/ui';
import { appRoutes } from './app.routes';
import { PORTAL_BILLING_NAV } from './billing-nav';
import { PORTAL_FAMILY_NAV } from './family-nav';
import { PORTAL_MESSAGING_NAV } from './messaging-nav';
import { PORTAL_PRACTICE_NAV } from './practice-nav';
import { PORTAL_SCHEDULING_NAV } from './scheduling-nav';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideRouter(appRoutes, withComponentInputBinding()),
    provideCadenzaApi(),
    provideAppProfile({
  product: 'Portal',
  audience: 'family',
  audienceDescription: 'for students and parents',
  otherApp: { name: 'staff console', url: '/console/' },
  nav: [{ label: 'Home', path: '/' }, ...PORTAL_SCHEDULING_NAV, ...PORTAL_MESSAGING_NAV, ...PORTAL_PRACTICE_NAV, ...PORTAL_BILLING_NAV, ...PORTAL_FAMILY_NAV],
}),
    providePageTitles('Cadenza Portal'),
  ],
};
