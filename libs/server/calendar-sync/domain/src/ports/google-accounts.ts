import type { GoogleCalendarEntry } from '../model/google-connection.js';
import type { ExternalGrant } from './external-calendars.js';

/**
 * A person's Google account as connecting needs it: the consent page's address (OAuth 2.0 authorization code, offline
 * access, the narrowest calendar scopes), the code exchanged for a grant, their calendars, the calendar Cadenza writes
 * to, and revoking the grant. A refused grant is `GrantRevoked`.
 */
export abstract class GoogleAccounts {
  /** Whether a Google client is configured (else connecting is refused). */
  abstract get available(): boolean;
  abstract consentUrl(state: string, loginHint: string | null): string;
  /** The grant for a code Google's redirect gave; null when Google refuses the code (used, expired or made up). */
  abstract exchange(code: string): Promise<ExternalGrant | null>;
  abstract calendars(grant: ExternalGrant): Promise<GoogleCalendarEntry[]>;
  /** Makes a calendar of the account's for Cadenza's lessons, answering its id. */
  abstract createCalendar(grant: ExternalGrant, summary: string, timeZone: string): Promise<string>;
  /** Ends the grant at Google; a grant already ended is no failure. */
  abstract revoke(grant: ExternalGrant): Promise<void>;
}
