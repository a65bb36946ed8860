import { DomainError, type UserId } from '@cadenza/shared/kernel';

/** `active`: synced; `reconnect_needed`: Google refused the grant (revoked or expired), nothing syncs until the person connects again. */
export type GoogleConnectionStatus = 'active' | 'reconnect_needed';

/**
 * A person's Google account connected to Cadenza: the grant (the OAuth refresh token; sealed at rest by the adapter),
 * the calendars that count as busy, and the calendar Cadenza writes their lessons to (the "Cadenza" calendar made for
 * them when they connected).
 */
export interface GoogleConnection {
  personId: UserId;
  /** The Google account's email (its primary calendar's id). */
  account: string;
  refreshToken: string;
  busyCalendarIds: string[];
  writeCalendarId: string;
  status: GoogleConnectionStatus;
  connectedAt: Date;
  lastSyncAt: Date | null;
  /** The last failure, in words, or null. */
  lastError: string | null;
}

/** A started consent, kept until Google sends the person back: the `state` (as its digest), whose it is, and until when it holds. */
export interface ConnectState {
  stateHash: string;
  personId: UserId;
  expiresAt: Date;
}

/** One of the person's Google calendars, as its calendar list names it. */
export interface GoogleCalendarEntry {
  id: string;
  summary: string;
  primary: boolean;
  /** The person may change its events (Google's `owner` or `writer`): lessons may be written to it. */
  writable: boolean;
}

/** Google refused the grant (`invalid_grant`: revoked by its owner, or expired): the person must connect again. */
export class GrantRevoked extends Error {
  constructor(message = 'Google refused the grant (invalid_grant).') {
    super(message);
    this.name = 'GrantRevoked';
  }
}

export const notConnected = () => new DomainError('CALENDAR_SYNC.NOT_CONNECTED', 'not_found', 'No Google account is connected.');
