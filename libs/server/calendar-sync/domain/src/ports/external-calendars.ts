import type { ExternalChange } from '../model/busy-block.js';

/** The person's standing permission to read their outside calendar (for Google, the OAuth refresh token). */
export interface ExternalGrant {
  refreshToken: string;
}

/** Every change since a sync token (or, without one, every event), pages followed to the end, and the token to use next. */
export interface ExternalChanges {
  changes: ExternalChange[];
  nextSyncToken: string;
}

/** A person's outside calendars (Google Calendar), as busy and free times. */
export abstract class ExternalCalendars {
  /** The changes since `syncToken`, or everything when it is null; `'expired'` when the calendar wants a full sync (Google's 410). */
  abstract changes(grant: ExternalGrant, calendarId: string, syncToken: string | null): Promise<ExternalChanges | 'expired'>;
}
