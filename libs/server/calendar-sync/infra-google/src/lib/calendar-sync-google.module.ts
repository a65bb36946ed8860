import { Module } from '@nestjs/common';
import { ExternalCalendars, GoogleAccounts } from '@cadenza/server/calendar-sync/domain';
import { GoogleCalendarConfig } from '@cadenza/server/platform/config';
import { GoogleCalendarSettings } from './google-calendar-settings.js';
import { GoogleapisExternalCalendars } from './googleapis-external-calendars.js';
import { GoogleapisGoogleAccounts } from './googleapis-google-accounts.js';

/** Google as configured: Google itself, or a Google-compatible server at GOOGLE_API_URL (the local fake). Without a client, connecting is refused (503). */
export function googleCalendarSettings(config: GoogleCalendarConfig): GoogleCalendarSettings {
  const base = config.apiUrl?.replace(/\/+$/, '') ?? null;
  return new GoogleCalendarSettings(
    config.enabled ? (config.clientId ?? '') : '',
    config.clientSecret ?? '',
    config.redirectUri,
    base ? `${base}/` : null,
    base ? { oauth2AuthBaseUrl: `${base}/o/oauth2/v2/auth`, oauth2TokenUrl: `${base}/token`, oauth2RevokeUrl: `${base}/revoke` } : null,
  );
}

const providers = [
  { provide: GoogleCalendarSettings, useFactory: googleCalendarSettings, inject: [GoogleCalendarConfig] },
  { provide: GoogleAccounts, useClass: GoogleapisGoogleAccounts },
  { provide: ExternalCalendars, useClass: GoogleapisExternalCalendars },
];

/** Calendar sync's ports on Google (the only code that talks to it). */
@Module({ providers, exports: [GoogleAccounts, ExternalCalendars] })
export class CalendarSyncGoogleModule {}
