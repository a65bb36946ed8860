import { provideBrowserGlobalErrorListeners, type ApplicationConfig } from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { provideAppProfile, provideCadenzaApi } from '@cadenza/web/shared/data-access-api';
import { providePageTitles } from '@cadenza/web/shared/ui';
import { appRoutes } from './app.routes';
import { CONSOLE_ATTENDANCE_NAV } from './attendance-nav';
import { CONSOLE_BILLING_NAV } from './billing-nav';
import { CONSOLE_CALENDAR_SYNC_NAV } from './calendar-sync-nav';
import { CONSOLE_IMPORT_NAV } from './import-nav';
import { CONSOLE_MESSAGING_NAV } from './messaging-nav';
import { CONSOLE_PEOPLE_NAV } from './people-nav';
import { CONSOLE_SCHEDULING_NAV } from './scheduling-nav';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideRouter(appRoutes, withComponentInputBinding()),
    provideCadenzaApi(),
    provideAppProfile({
  product: 'Console',
  audience: 'staff',
  audienceDescription: 'for school staff: admins, teachers and accompanists',
  otherApp: { name: 'family portal', url: '/' },
  nav: [{ label: 'Home', path: '/' }, ...CONSOLE_SCHEDULING_NAV, ...CONSOLE_ATTENDANCE_NAV, ...CONSOLE_MESSAGING_NAV, ...CONSOLE_PEOPLE_NAV, ...CONSOLE_BILLING_NAV, ...CONSOLE_IMPORT_NAV, ...CONSOLE_CALENDAR_SYNC_NAV],
}),
    providePageTitles('Cadenza Console'),
  ],
};
