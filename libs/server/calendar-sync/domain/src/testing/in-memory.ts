import type { SchoolId, UserId } from '@cadenza/shared/kernel';
import { lastWordPerEvent, type BusyBlock, type ExternalChange } from '../model/busy-block.js';
import type { CalendarFeed, FeedOwner } from '../model/calendar-feed.js';
import type { FeedLesson } from '../model/feed-lesson.js';
import type { LessonId, RoomId } from '../model/ids.js';
import { BusyBlocks, BusySyncStates } from '../ports/busy-blocks.js';
import { CalendarDirectory } from '../ports/calendar-directory.js';
import { CalendarFeeds } from '../ports/calendar-feeds.js';
import { ExternalCalendars, type ExternalChanges, type ExternalGrant } from '../ports/external-calendars.js';
import { FeedLessons } from '../ports/feed-lessons.js';
import { FeedSecrets } from '../ports/feed-secrets.js';
import { SchoolContext } from '../ports/school-context.js';
import { GoogleAccounts } from '../ports/google-accounts.js';
import { ConnectStates, GoogleConnections } from '../ports/google-connections.js';
import { GrantRevoked, type ConnectState, type GoogleCalendarEntry, type GoogleConnection } from '../model/google-connection.js';

const copyLesson = (l: FeedLesson): FeedLesson => ({ ...l, studentIds: [...l.studentIds], start: new Date(l.start), end: new Date(l.end), changedAt: new Date(l.changedAt) });

export class InMemoryFeedLessons extends FeedLessons {
  readonly byId = new Map<LessonId, FeedLesson>();

  async get(id: LessonId): Promise<FeedLesson | null> {
    const lesson = this.byId.get(id);
    return lesson ? copyLesson(lesson) : null;
  }
  async record(lesson: FeedLesson): Promise<void> {
    this.byId.set(lesson.id, copyLesson(lesson));
  }
  async involving(people: readonly UserId[], from: Date): Promise<FeedLesson[]> {
    const wanted = new Set(people);
    return [...this.byId.values()]
      .filter((l) => l.start >= from && (wanted.has(l.teacherId) || (l.accompanistId !== null && wanted.has(l.accompanistId)) || l.studentIds.some((id) => wanted.has(id))))
      .sort((a, b) => a.start.getTime() - b.start.getTime() || a.id.localeCompare(b.id))
      .map(copyLesson);
  }
}

/** Feeds of one school (`schoolId`), as a school's adapter holds them. */
export class InMemoryCalendarFeeds extends CalendarFeeds {
  readonly byPerson = new Map<UserId, CalendarFeed>();

  constructor(readonly schoolId: string) {
    super();
  }
  async ofPerson(personId: UserId): Promise<CalendarFeed | null> {
    const feed = this.byPerson.get(personId);
    return feed ? { ...feed } : null;
  }
  async replace(feed: CalendarFeed): Promise<void> {
    this.byPerson.set(feed.personId, { ...feed });
  }
  async byTokenHashAcrossSchools(tokenHash: string): Promise<FeedOwner | null> {
    const feed = [...this.byPerson.values()].find((f) => f.tokenHash === tokenHash);
    return feed ? { schoolId: this.schoolId, personId: feed.personId } : null;
  }
}

/** The school's people, families and rooms as the specs set them. */
export class FakeCalendarDirectory extends CalendarDirectory {
  zone = 'Europe/London';
  readonly people = new Map<UserId, { name: string; left?: boolean; email?: string }>();
  readonly children = new Map<UserId, UserId[]>();
  readonly rooms = new Map<RoomId, string>();

  async timeZone(): Promise<string> {
    return this.zone;
  }
  async activePerson(id: UserId): Promise<{ name: string; email: string | null } | null> {
    const person = this.people.get(id);
    return person && !person.left ? { name: person.name, email: person.email ?? null } : null;
  }
  async childrenOf(guardianId: UserId): Promise<UserId[]> {
    return [...(this.children.get(guardianId) ?? [])];
  }
  async names(ids: readonly UserId[]): Promise<Map<UserId, string>> {
    return new Map(ids.flatMap((id) => (this.people.has(id) ? [[id, this.people.get(id)?.name ?? '']] : [])));
  }
  async roomNames(ids: readonly RoomId[]): Promise<Map<RoomId, string>> {
    return new Map(ids.flatMap((id) => (this.rooms.has(id) ? [[id, this.rooms.get(id) ?? '']] : [])));
  }
}

/** Tokens numbered in order, digested reversibly: plain enough to read in a failing spec. */
export class CountingFeedSecrets extends FeedSecrets {
  private issued = 0;

  generate(): string {
    this.issued++;
    return `token-${this.issued}`;
  }
  digest(token: string): string {
    return `digest(${token})`;
  }
}

/** Records the school a caller entered. */
export class RecordingSchoolContext extends SchoolContext {
  entered: SchoolId | null = null;

  enter(schoolId: SchoolId): void {
    this.entered = schoolId;
  }
}

/** Busy blocks in memory, keyed as the table is: person, calendar, event. */
export class InMemoryBusyBlocks extends BusyBlocks {
  readonly byKey = new Map<string, BusyBlock>();

  private key = (b: { personId: UserId; calendarId: string; eventId: string }) => `${b.personId}|${b.calendarId}|${b.eventId}`;
  private copy = (b: BusyBlock): BusyBlock => ({ ...b, start: new Date(b.start), end: new Date(b.end) });
  private sorted = (blocks: BusyBlock[]) => blocks.sort((a, b) => a.start.getTime() - b.start.getTime() || a.eventId.localeCompare(b.eventId)).map(this.copy);

  async ofCalendar(personId: UserId, calendarId: string): Promise<BusyBlock[]> {
    return this.sorted([...this.byKey.values()].filter((b) => b.personId === personId && b.calendarId === calendarId));
  }
  async merge(personId: UserId, calendarId: string, blocks: readonly BusyBlock[], removedEventIds: readonly string[]): Promise<void> {
    for (const eventId of removedEventIds) this.byKey.delete(this.key({ personId, calendarId, eventId }));
    for (const block of blocks) this.byKey.set(this.key(block), this.copy(block));
  }
  async replaceCalendar(personId: UserId, calendarId: string, blocks: readonly BusyBlock[]): Promise<void> {
    for (const block of await this.ofCalendar(personId, calendarId)) this.byKey.delete(this.key(block));
    for (const block of blocks) this.byKey.set(this.key(block), this.copy(block));
  }
  async overlapping(people: readonly UserId[], from: Date, to: Date): Promise<BusyBlock[]> {
    const wanted = new Set(people);
    return this.sorted([...this.byKey.values()].filter((b) => wanted.has(b.personId) && b.start < to && b.end > from));
  }
}

export class InMemoryBusySyncStates extends BusySyncStates {
  readonly byKey = new Map<string, { syncToken: string | null; syncedAt: Date }>();

  async get(personId: UserId, calendarId: string): Promise<{ syncToken: string | null; syncedAt: Date } | null> {
    const state = this.byKey.get(`${personId}|${calendarId}`);
    return state ? { ...state } : null;
  }
  async save(personId: UserId, calendarId: string, state: { syncToken: string; syncedAt: Date }): Promise<void> {
    this.byKey.set(`${personId}|${calendarId}`, { ...state });
  }
  async forget(personId: UserId, calendarId: string): Promise<void> {
    this.byKey.delete(`${personId}|${calendarId}`);
  }
}

/** An outside calendar in memory: events changed by the spec, sync tokens as change counts, and tokens it can expire. */
export class FakeExternalCalendars extends ExternalCalendars {
  private readonly log: { calendarId: string; change: ExternalChange }[] = [];
  private readonly issued = new Set<string>();
  private readonly expired = new Set<string>();
  readonly reads: { calendarId: string; syncToken: string | null }[] = [];

  /** The owner adds, moves, frees or deletes an event (busy null). */
  set(calendarId: string, eventId: string, busy: { start: string; end: string } | null): void {
    this.log.push({ calendarId, change: { eventId, busy: busy ? { start: new Date(busy.start), end: new Date(busy.end) } : null } });
  }
  /** Every token issued so far is refused from now on. */
  expireTokens(): void {
    for (const token of this.issued) this.expired.add(token);
  }
  async changes(_grant: ExternalGrant, calendarId: string, syncToken: string | null): Promise<ExternalChanges | 'expired'> {
    this.reads.push({ calendarId, syncToken });
    const since = syncToken === null ? 0 : Number(syncToken.slice(1));
    if (syncToken !== null && this.expired.has(syncToken)) return 'expired';
    const mine = this.log.slice(since).filter((e) => e.calendarId === calendarId).map((e) => e.change);
    // A full read lists what exists now; an incremental one every change, deletions included.
    const changes = syncToken === null ? lastWordPerEvent(mine).filter((c) => c.busy !== null) : mine;
    const nextSyncToken = `v${this.log.length}`;
    this.issued.add(nextSyncToken);
    return { changes, nextSyncToken };
  }
}

/** Connections of one school (`schoolId`), as a school's adapter holds them. */
export class InMemoryGoogleConnections extends GoogleConnections {
  readonly byPerson = new Map<UserId, GoogleConnection>();

  constructor(readonly schoolId: SchoolId) {
    super();
  }
  async ofPerson(personId: UserId): Promise<GoogleConnection | null> {
    const c = this.byPerson.get(personId);
    return c ? { ...c, busyCalendarIds: [...c.busyCalendarIds] } : null;
  }
  async save(connection: GoogleConnection): Promise<void> {
    this.byPerson.set(connection.personId, { ...connection, busyCalendarIds: [...connection.busyCalendarIds] });
  }
  async remove(personId: UserId): Promise<void> {
    this.byPerson.delete(personId);
  }
  async activeAcrossSchools(): Promise<{ schoolId: SchoolId; personId: UserId }[]> {
    return [...this.byPerson.values()].filter((c) => c.status === 'active').map((c) => ({ schoolId: this.schoolId, personId: c.personId }));
  }
}

export class InMemoryConnectStates extends ConnectStates {
  readonly byHash = new Map<string, ConnectState>();

  async save(state: ConnectState): Promise<void> {
    this.byHash.set(state.stateHash, { ...state });
  }
  async take(stateHash: string, personId: UserId): Promise<ConnectState | null> {
    const state = this.byHash.get(stateHash);
    if (!state || state.personId !== personId) return null;
    this.byHash.delete(stateHash);
    return state;
  }
}

/**
 * Google accounts in memory: a consent URL carrying its state, codes the spec hands out (`codeFor`), each exchanged
 * once for a grant, calendars per account, and grants it can revoke.
 */
export class FakeGoogleAccounts extends GoogleAccounts {
  available = true;
  private readonly codes = new Map<string, string>();
  private readonly grants = new Map<string, { account: string; revoked: boolean }>();
  readonly calendarsOf = new Map<string, GoogleCalendarEntry[]>();
  readonly revoked: string[] = [];
  private issued = 0;

  consentUrl(state: string, loginHint: string | null): string {
    return `https://accounts.example/consent?state=${encodeURIComponent(state)}&login_hint=${encodeURIComponent(loginHint ?? '')}`;
  }
  /** What Google's redirect carries after the account's owner consented. */
  codeFor(account: string): string {
    if (!this.calendarsOf.has(account)) this.calendarsOf.set(account, [{ id: account, summary: account, primary: true, writable: true }]);
    const code = `code-${++this.issued}`;
    this.codes.set(code, account);
    return code;
  }
  /** The owner removes Cadenza's access in their Google account. */
  revokeAccount(account: string): void {
    for (const grant of this.grants.values()) if (grant.account === account) grant.revoked = true;
  }
  async exchange(code: string): Promise<ExternalGrant | null> {
    const account = this.codes.get(code);
    if (!account) return null;
    this.codes.delete(code);
    const refreshToken = `refresh-${++this.issued}`;
    this.grants.set(refreshToken, { account, revoked: false });
    return { refreshToken };
  }
  async calendars(grant: ExternalGrant): Promise<GoogleCalendarEntry[]> {
    return [...(this.calendarsOf.get(this.accountOf(grant)) ?? [])];
  }
  async createCalendar(grant: ExternalGrant, summary: string): Promise<string> {
    const account = this.accountOf(grant);
    const id = `cal-${++this.issued}@group.example`;
    this.calendarsOf.get(account)?.push({ id, summary, primary: false, writable: true });
    return id;
  }
  async revoke(grant: ExternalGrant): Promise<void> {
    const known = this.grants.get(grant.refreshToken);
    if (known) known.revoked = true;
    this.revoked.push(grant.refreshToken);
  }
  private accountOf(grant: ExternalGrant): string {
    const known = this.grants.get(grant.refreshToken);
    if (!known || known.revoked) throw new GrantRevoked();
    return known.account;
  }
}
