import { DomainError, MINUTE, rateLimited, type Actor, type AuditTrail, type Clock, type RateLimiter, type UnitOfWork, type UserId } from '@cadenza/shared/kernel';
import { GrantRevoked, notConnected, type GoogleCalendarEntry, type GoogleConnection } from '../model/google-connection.js';
import type { BusyBlocks, BusySyncStates } from '../ports/busy-blocks.js';
import type { CalendarDirectory } from '../ports/calendar-directory.js';
import type { FeedSecrets } from '../ports/feed-secrets.js';
import type { GoogleAccounts } from '../ports/google-accounts.js';
import type { ConnectStates, GoogleConnections } from '../ports/google-connections.js';

/** How long a started consent may take before its `state` stops holding. */
export const CONNECT_STATE_MS = 10 * MINUTE;
/** Finishing a connection calls Google three or four times: 10 at once per person, then one every 30 s. */
export const CONNECTS_PER_PERSON = { burst: 10, everyMs: 30_000 };
/** The calendar Cadenza makes in the person's account for their lessons. */
export const CADENZA_CALENDAR_NAME = 'Cadenza';

/** Teachers and accompanists connect a calendar: they are the people booked, whose outside busy times count. */
export function requireCalendarStaff(actor: Actor): void {
  if (!actor.roles.includes('teacher') && !actor.roles.includes('accompanist')) {
    throw new DomainError('CALENDAR_SYNC.FORBIDDEN', 'forbidden', 'Only teachers and accompanists connect a Google calendar.');
  }
}

const unavailable = () => new DomainError('CALENDAR_SYNC.GOOGLE_UNAVAILABLE', 'unavailable', 'Google Calendar is not set up on this server.');
const reconnectNeeded = () => new DomainError('CALENDAR_SYNC.RECONNECT_NEEDED', 'conflict', 'Google no longer accepts this connection: connect again.');

/** Forgets a calendar's busy blocks and sync token (no longer read, or the account gone). */
async function forgetCalendar(blocks: BusyBlocks, states: BusySyncStates, personId: UserId, calendarId: string): Promise<void> {
  await blocks.replaceCalendar(personId, calendarId, []);
  await states.forget(personId, calendarId);
}

/**
 * Starts connecting the caller's Google account: a single-use `state` (random, kept as its digest, bound to the caller
 * and expiring after `CONNECT_STATE_MS`) and Google's consent page to send them to, asking for offline access.
 */
export class StartGoogleConnect {
  constructor(
    private readonly accounts: GoogleAccounts,
    private readonly states: ConnectStates,
    private readonly directory: CalendarDirectory,
    private readonly secrets: FeedSecrets,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor): Promise<{ url: string; expiresAt: Date }> {
    requireCalendarStaff(actor);
    if (!this.accounts.available) throw unavailable();
    const person = await this.directory.activePerson(actor.userId);
    const state = this.secrets.generate();
    const expiresAt = new Date(this.clock.now().getTime() + CONNECT_STATE_MS);
    await this.states.save({ stateHash: this.secrets.digest(state), personId: actor.userId, expiresAt });
    return { url: this.accounts.consentUrl(state, person?.email ?? null), expiresAt };
  }
}

/**
 * Finishes connecting when Google sends the caller back: the `state` must be one the caller started, unused and
 * unexpired (else nothing happens); the code is exchanged for the grant; the account's primary calendar counts as busy
 * and a "Cadenza" calendar is made for their lessons (a reconnection keeps the choices and the calendar it had; an
 * account that already has Cadenza's calendar, from a connection ended before, gets that one back).
 */
export class CompleteGoogleConnect {
  constructor(
    private readonly accounts: GoogleAccounts,
    private readonly states: ConnectStates,
    private readonly connections: GoogleConnections,
    private readonly directory: CalendarDirectory,
    private readonly secrets: FeedSecrets,
    private readonly blocks: BusyBlocks,
    private readonly syncStates: BusySyncStates,
    private readonly limiter: RateLimiter,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, input: { code: string; state: string }): Promise<GoogleConnection> {
    requireCalendarStaff(actor);
    if (!this.accounts.available) throw unavailable();
    const now = this.clock.now();
    const turn = await this.limiter.take([{ key: `calendar_sync.google.connect:${actor.userId}`, ...CONNECTS_PER_PERSON }], now);
    if (!turn.granted) throw rateLimited('CALENDAR_SYNC.TOO_MANY_CONNECTS', 'Too many connections were tried. Wait a moment and try again.', turn.retryAfterMs);
    const state = await this.uow.run(() => this.states.take(this.secrets.digest(input.state), actor.userId));
    if (!state || state.expiresAt.getTime() <= now.getTime()) {
      throw DomainError.invalid('CALENDAR_SYNC.UNKNOWN_STATE', 'state', 'This connection was not started here, was already finished or took too long: connect again.');
    }
    const grant = await this.accounts.exchange(input.code);
    if (!grant) throw DomainError.invalid('CALENDAR_SYNC.CODE_REFUSED', 'code', 'Google did not accept this sign-in: connect again.');
    const calendars = await this.accounts.calendars(grant);
    const primary = calendars.find((c) => c.primary) ?? calendars[0];
    if (!primary) throw DomainError.invalid('CALENDAR_SYNC.NO_CALENDAR', 'code', 'This Google account has no calendar.');
    const before = await this.connections.ofPerson(actor.userId);
    const sameAccount = before?.account === primary.id;
    const known = new Set(calendars.map((c) => c.id));
    // A reconnection keeps its calendar; an account that had Cadenza's calendar before (connected, then disconnected) gets it back.
    const kept = sameAccount && before && known.has(before.writeCalendarId) ? before.writeCalendarId : calendars.find((c) => c.summary === CADENZA_CALENDAR_NAME && c.writable && !c.primary)?.id;
    const writeCalendarId = kept ?? (await this.accounts.createCalendar(grant, CADENZA_CALENDAR_NAME, await this.directory.timeZone()));
    const stillBusy = sameAccount && before ? before.busyCalendarIds.filter((id) => known.has(id)) : [];
    const connection: GoogleConnection = {
      personId: actor.userId,
      account: primary.id,
      refreshToken: grant.refreshToken,
      busyCalendarIds: stillBusy.length > 0 ? stillBusy : [primary.id],
      writeCalendarId,
      status: 'active',
      connectedAt: now,
      lastSyncAt: sameAccount ? (before?.lastSyncAt ?? null) : null,
      lastError: null,
    };
    return this.uow.run(async () => {
      for (const id of before?.busyCalendarIds ?? []) if (!connection.busyCalendarIds.includes(id)) await forgetCalendar(this.blocks, this.syncStates, actor.userId, id);
      await this.connections.save(connection);
      await this.audit.record({
        schoolId: actor.schoolId,
        actorId: actor.userId,
        action: before ? 'calendar_sync.google.reconnected' : 'calendar_sync.google.connected',
        entityType: 'google_connection',
        entityId: actor.userId,
        after: { busyCalendars: connection.busyCalendarIds.length },
      });
      return connection;
    });
  }
}

/** The caller's connection, or null. */
export class GetGoogleConnection {
  constructor(private readonly connections: GoogleConnections) {}

  async execute(actor: Actor): Promise<GoogleConnection | null> {
    requireCalendarStaff(actor);
    return this.connections.ofPerson(actor.userId);
  }
}

/** The caller's Google calendars, to choose from; a refused grant marks the connection "reconnect needed" (409). */
export class ListGoogleCalendars {
  constructor(
    private readonly accounts: GoogleAccounts,
    private readonly connections: GoogleConnections,
  ) {}

  async execute(actor: Actor): Promise<GoogleCalendarEntry[]> {
    requireCalendarStaff(actor);
    const connection = await this.connections.ofPerson(actor.userId);
    if (!connection) throw notConnected();
    return readCalendars(this.accounts, this.connections, connection);
  }
}

async function readCalendars(accounts: GoogleAccounts, connections: GoogleConnections, connection: GoogleConnection): Promise<GoogleCalendarEntry[]> {
  if (connection.status === 'reconnect_needed') throw reconnectNeeded();
  try {
    return await accounts.calendars({ refreshToken: connection.refreshToken });
  } catch (error) {
    if (!(error instanceof GrantRevoked)) throw error;
    await connections.save({ ...connection, status: 'reconnect_needed', lastError: 'Google no longer accepts this connection: connect again.' });
    throw reconnectNeeded();
  }
}

/**
 * Chooses which of the caller's calendars count as busy (any of theirs) and where their lessons are written (one they may
 * change; the "Cadenza" calendar made for them at first). An id Google does not list is a 400 naming the field; a calendar no longer read loses its busy blocks.
 */
export class ChooseGoogleCalendars {
  constructor(
    private readonly accounts: GoogleAccounts,
    private readonly connections: GoogleConnections,
    private readonly blocks: BusyBlocks,
    private readonly syncStates: BusySyncStates,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
  ) {}

  async execute(actor: Actor, input: { busyCalendarIds: string[]; writeCalendarId: string }): Promise<GoogleConnection> {
    requireCalendarStaff(actor);
    const connection = await this.connections.ofPerson(actor.userId);
    if (!connection) throw notConnected();
    const calendars = new Map((await readCalendars(this.accounts, this.connections, connection)).map((c) => [c.id, c]));
    const unknown = input.busyCalendarIds.findIndex((id) => !calendars.has(id));
    if (unknown >= 0) throw DomainError.invalid('CALENDAR_SYNC.UNKNOWN_CALENDAR', `busyCalendarIds.${unknown}`, 'This is not one of your Google calendars.');
    if (!calendars.get(input.writeCalendarId)?.writable) throw DomainError.invalid('CALENDAR_SYNC.UNKNOWN_CALENDAR', 'writeCalendarId', 'Lessons can be written only to one of your calendars you may change.');
    const busyCalendarIds = [...new Set(input.busyCalendarIds)];
    const chosen: GoogleConnection = { ...connection, busyCalendarIds, writeCalendarId: input.writeCalendarId };
    return this.uow.run(async () => {
      for (const id of connection.busyCalendarIds) if (!busyCalendarIds.includes(id)) await forgetCalendar(this.blocks, this.syncStates, actor.userId, id);
      await this.connections.save(chosen);
      await this.audit.record({
        schoolId: actor.schoolId,
        actorId: actor.userId,
        action: 'calendar_sync.google.calendars_chosen',
        entityType: 'google_connection',
        entityId: actor.userId,
        before: { busyCalendars: connection.busyCalendarIds.length },
        after: { busyCalendars: busyCalendarIds.length },
      });
      return chosen;
    });
  }
}

/** Disconnects the caller's Google account: the grant is revoked at Google, and the connection, busy blocks and sync tokens go. */
export class DisconnectGoogle {
  constructor(
    private readonly accounts: GoogleAccounts,
    private readonly connections: GoogleConnections,
    private readonly blocks: BusyBlocks,
    private readonly syncStates: BusySyncStates,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
  ) {}

  async execute(actor: Actor): Promise<void> {
    requireCalendarStaff(actor);
    const connection = await this.connections.ofPerson(actor.userId);
    if (!connection) throw notConnected();
    await this.accounts.revoke({ refreshToken: connection.refreshToken });
    await this.uow.run(async () => {
      for (const id of connection.busyCalendarIds) await forgetCalendar(this.blocks, this.syncStates, actor.userId, id);
      await this.connections.remove(actor.userId);
      await this.audit.record({ schoolId: actor.schoolId, actorId: actor.userId, action: 'calendar_sync.google.disconnected', entityType: 'google_connection', entityId: actor.userId });
    });
  }
}
