import { Injectable } from '@nestjs/common';
import { google, type calendar_v3 } from 'googleapis';
import { GoogleAccounts, type ExternalGrant, type GoogleCalendarEntry } from '@cadenza/server/calendar-sync/domain';
import { asGrantFailure, oauthErrorOf } from './google-errors.js';
import { GoogleCalendarSettings } from './google-calendar-settings.js';

/**
 * The scopes Cadenza asks for, the narrowest that do the job (see docs/calendar-sync.md): the calendar list to choose
 * from (`calendar.calendarlist.readonly`, never changing it), events read with sync tokens for busy times and written
 * for lessons on the calendar the person chooses (`calendar.events`, events only: no calendar's settings or sharing),
 * and making the dedicated "Cadenza" calendar (`calendar.app.created`, which reaches only calendars the app made). The
 * full `calendar` scope is not asked for.
 */
export const GOOGLE_CALENDAR_SCOPES = [
  'https://www.googleapis.com/auth/calendar.calendarlist.readonly',
  'https://www.googleapis.com/auth/calendar.events',
  'https://www.googleapis.com/auth/calendar.app.created',
] as const;

/**
 * Connecting a Google account through the official client (google-auth-library's OAuth2 client and the Calendar API):
 * the consent URL (authorization code, `access_type=offline`, `prompt=consent` so a refresh token comes every time,
 * the state, the scopes above), the code's exchange, the calendar list, a new calendar, and revocation.
 */
@Injectable()
export class GoogleapisGoogleAccounts extends GoogleAccounts {
  constructor(private readonly settings: GoogleCalendarSettings) {
    super();
  }

  get available(): boolean {
    return this.settings.clientId !== '';
  }

  consentUrl(state: string, loginHint: string | null): string {
    return this.oauth().generateAuthUrl({ access_type: 'offline', prompt: 'consent', scope: [...GOOGLE_CALENDAR_SCOPES], state, include_granted_scopes: false, ...(loginHint ? { login_hint: loginHint } : {}) });
  }

  async exchange(code: string): Promise<ExternalGrant | null> {
    try {
      const { tokens } = await this.oauth().getToken(code);
      return tokens.refresh_token ? { refreshToken: tokens.refresh_token } : null;
    } catch (error) {
      if (oauthErrorOf(error) === 'invalid_grant' || oauthErrorOf(error) === 'redirect_uri_mismatch') return null;
      throw error;
    }
  }

  async calendars(grant: ExternalGrant): Promise<GoogleCalendarEntry[]> {
    const calendar = this.calendarApi(grant);
    const entries: GoogleCalendarEntry[] = [];
    let pageToken: string | undefined;
    try {
      do {
        const page = (await calendar.calendarList.list({ pageToken, maxResults: 250 })).data;
        for (const item of page.items ?? []) {
          if (item.id) entries.push({ id: item.id, summary: item.summaryOverride ?? item.summary ?? item.id, primary: item.primary === true, writable: item.accessRole === 'owner' || item.accessRole === 'writer' });
        }
        pageToken = page.nextPageToken ?? undefined;
      } while (pageToken);
    } catch (error) {
      throw asGrantFailure(error);
    }
    return entries;
  }

  async createCalendar(grant: ExternalGrant, summary: string, timeZone: string): Promise<string> {
    try {
      const made = (await this.calendarApi(grant).calendars.insert({ requestBody: { summary, timeZone, description: 'Lessons from Cadenza. Changes made here are not read back.' } })).data;
      if (!made.id) throw new Error('Google made a calendar without an id.');
      return made.id;
    } catch (error) {
      throw asGrantFailure(error);
    }
  }

  async revoke(grant: ExternalGrant): Promise<void> {
    try {
      await this.oauth().revokeToken(grant.refreshToken);
    } catch (error) {
      // Already ended (by its owner, or an earlier revocation): nothing more to end.
      const code = oauthErrorOf(error);
      if (code === 'invalid_token' || code === 'invalid_grant') return;
      throw error;
    }
  }

  private oauth() {
    const { clientId, clientSecret, redirectUri, oauthEndpoints } = this.settings;
    return new google.auth.OAuth2({ clientId, clientSecret, redirectUri, ...(oauthEndpoints ? { endpoints: oauthEndpoints } : {}) });
  }

  private calendarApi(grant: ExternalGrant): calendar_v3.Calendar {
    const auth = this.oauth();
    auth.setCredentials({ refresh_token: grant.refreshToken });
    return google.calendar({ version: 'v3', auth, ...(this.settings.apiRootUrl ? { rootUrl: this.settings.apiRootUrl } : {}) });
  }
}
