import { Injectable } from '@nestjs/common';
import { google, type calendar_v3 } from 'googleapis';
import { ExternalCalendars, type ExternalChange, type ExternalChanges, type ExternalGrant } from '@cadenza/server/calendar-sync/domain';
import { GoogleCalendarSettings } from './google-calendar-settings.js';
import { toExternalChange } from './to-external-change.js';
import { asGrantFailure, statusOf } from './google-errors.js';

/** Google's answer when a sync token is no longer good: list everything again. */
const FULL_SYNC_REQUIRED = 410;



/**
 * A person's Google calendars through the official googleapis client: `events.list` with `singleEvents` (recurring
 * events as their instances, changed and cancelled ones included), from a sync token or from the start, every page
 * followed to the sync token on the last; a 410 is `'expired'`, a refused grant `GrantRevoked`. Each call authenticates with the person's refresh
 * token through an OAuth client of its own (google-auth-library refreshes the access token).
 */
@Injectable()
export class GoogleapisExternalCalendars extends ExternalCalendars {
  constructor(private readonly settings: GoogleCalendarSettings) {
    super();
  }

  async changes(grant: ExternalGrant, calendarId: string, syncToken: string | null): Promise<ExternalChanges | 'expired'> {
    const calendar = this.client(grant);
    const changes: ExternalChange[] = [];
    let pageToken: string | undefined;
    for (;;) {
      let page: calendar_v3.Schema$Events;
      try {
        page = (await calendar.events.list({ calendarId, singleEvents: true, maxResults: this.settings.pageSize, pageToken, ...(syncToken ? { syncToken } : {}) })).data;
      } catch (error) {
        if (statusOf(error) === FULL_SYNC_REQUIRED) return 'expired';
        throw asGrantFailure(error);
      }
      const zone = page.timeZone ?? 'UTC';
      for (const event of page.items ?? []) {
        const change = toExternalChange(event, zone);
        if (change) changes.push(change);
      }
      if (page.nextPageToken) {
        pageToken = page.nextPageToken;
        continue;
      }
      if (!page.nextSyncToken) throw new Error('Google answered the last page without a sync token.');
      return { changes, nextSyncToken: page.nextSyncToken };
    }
  }

  private client(grant: ExternalGrant): calendar_v3.Calendar {
    const { clientId, clientSecret, redirectUri, apiRootUrl, oauthEndpoints } = this.settings;
    const auth = new google.auth.OAuth2({ clientId, clientSecret, redirectUri, ...(oauthEndpoints ? { endpoints: oauthEndpoints } : {}) });
    auth.setCredentials({ refresh_token: grant.refreshToken });
    return google.calendar({ version: 'v3', auth, ...(apiRootUrl ? { rootUrl: apiRootUrl } : {}) });
  }
}
