import { newId, type UserId } from '@cadenza/shared/kernel';
import { FixedClock, SnapshotUnitOfWork } from '@cadenza/shared/kernel/testing';
import { GrantRevoked, SyncBusyCalendar } from '@cadenza/server/calendar-sync/domain';
import { InMemoryBusyBlocks, InMemoryBusySyncStates } from '@cadenza/server/calendar-sync/domain/testing';
import { GoogleCalendarFake } from '@cadenza/tools/fakes/google-calendar';
import { GoogleCalendarSettings } from './google-calendar-settings.js';
import { GoogleapisExternalCalendars } from './googleapis-external-calendars.js';

/**
 * Google → busy blocks through the official client against the local Google Calendar fake: the adapter reads a
 * teacher's calendar as Google defines busy, pages to the end, and the sync merges changes and answers an expired
 * token with a full resync that duplicates nothing.
 */
const TEACHER_ACCOUNT = 'tess@example.org';
const REDIRECT = 'http://127.0.0.1:9/api/v1/calendar/google/callback';

let fake: GoogleCalendarFake;
let external: GoogleapisExternalCalendars;
let grant: { refreshToken: string };

beforeAll(async () => {
  fake = await new GoogleCalendarFake().start();
  external = new GoogleapisExternalCalendars(new GoogleCalendarSettings(fake.clientId, fake.clientSecret, REDIRECT, fake.rootUrl, fake.oauthEndpoints, 2));
  const code = fake.authorizationCode(TEACHER_ACCOUNT, { redirectUri: REDIRECT });
  const answer = await fetch(fake.oauthEndpoints.oauth2TokenUrl, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code, client_id: fake.clientId, client_secret: fake.clientSecret, redirect_uri: REDIRECT }) });
  grant = { refreshToken: ((await answer.json()) as { refresh_token: string }).refresh_token };
});
afterAll(() => fake?.stop());

describe('Google calendars through googleapis', () => {
  const teacher = newId<UserId>();
  let blocks: InMemoryBusyBlocks;
  let states: InMemoryBusySyncStates;
  let sync: SyncBusyCalendar;
  const busy = async () => (await blocks.ofCalendar(teacher, TEACHER_ACCOUNT)).map((b) => `${b.eventId} ${b.start.toISOString()}`);

  beforeAll(() => {
    blocks = new InMemoryBusyBlocks();
    states = new InMemoryBusySyncStates();
    sync = new SyncBusyCalendar(external, blocks, states, new SnapshotUnitOfWork([blocks, states]), new FixedClock('2027-03-01T08:00:00Z'));
  });

  it('reads busy time as Google defines it: not a free event, each instance of a series, a whole day in the calendar’s zone; pages to the end', async () => {
    const dentist = fake.insertAsOwner(TEACHER_ACCOUNT, { summary: 'Dentist', start: { dateTime: '2027-03-03T09:00:00Z' }, end: { dateTime: '2027-03-03T10:00:00Z' } });
    fake.insertAsOwner(TEACHER_ACCOUNT, { summary: 'Reminder', transparency: 'transparent', start: { dateTime: '2027-03-03T12:00:00Z' }, end: { dateTime: '2027-03-03T13:00:00Z' } });
    const choir = fake.insertAsOwner(TEACHER_ACCOUNT, { summary: 'Choir', recurrence: ['RRULE:FREQ=WEEKLY;COUNT=3'], start: { dateTime: '2027-03-22T18:00:00Z', timeZone: 'Europe/London' }, end: { dateTime: '2027-03-22T19:00:00Z', timeZone: 'Europe/London' } });
    const holiday = fake.insertAsOwner(TEACHER_ACCOUNT, { summary: 'Holiday', start: { date: '2027-04-10' }, end: { date: '2027-04-11' } });
    expect(await sync.execute({ personId: teacher, calendarId: TEACHER_ACCOUNT, grant })).toEqual({ mode: 'full', busy: 5, removed: 0 });
    expect(await busy()).toEqual([
      `${dentist.id} 2027-03-03T09:00:00.000Z`,
      `${choir.id}_20270322T180000Z 2027-03-22T18:00:00.000Z`,
      `${choir.id}_20270329T170000Z 2027-03-29T17:00:00.000Z`,
      `${choir.id}_20270405T170000Z 2027-04-05T17:00:00.000Z`,
      `${holiday.id} 2027-04-09T23:00:00.000Z`,
    ]);
    // Pages of two: the full read took three list calls.
    expect(fake.requests.filter((r) => r.path.endsWith('/events')).length).toBe(3);
  });

  it('merges what changed in Google: a moved and a cancelled instance, a deleted event, an event marked free', async () => {
    const [dentist, choir] = fake.events(TEACHER_ACCOUNT).filter((e) => e.summary === 'Dentist' || e.summary === 'Choir');
    fake.patchAsOwner(TEACHER_ACCOUNT, `${choir.id}_20270329T170000Z`, { start: { dateTime: '2027-03-30T17:00:00Z' }, end: { dateTime: '2027-03-30T18:00:00Z' } });
    fake.deleteAsOwner(TEACHER_ACCOUNT, `${choir.id}_20270405T170000Z`);
    fake.deleteAsOwner(TEACHER_ACCOUNT, dentist.id);
    const holiday = fake.events(TEACHER_ACCOUNT).find((e) => e.summary === 'Holiday');
    fake.patchAsOwner(TEACHER_ACCOUNT, holiday?.id ?? '', { transparency: 'transparent' });
    expect(await sync.execute({ personId: teacher, calendarId: TEACHER_ACCOUNT, grant })).toMatchObject({ mode: 'incremental', removed: 3 });
    // The moved instance keeps its id (its original start) at its new time.
    expect(await busy()).toEqual([`${choir.id}_20270322T180000Z 2027-03-22T18:00:00.000Z`, `${choir.id}_20270329T170000Z 2027-03-30T17:00:00.000Z`]);
  });

  it('answers an expired sync token with a full resync: no block twice, and what changed meanwhile is right', async () => {
    const before = await busy();
    const lunch = fake.insertAsOwner(TEACHER_ACCOUNT, { summary: 'Lunch', start: { dateTime: '2027-03-04T12:00:00Z' }, end: { dateTime: '2027-03-04T13:00:00Z' } });
    fake.expireSyncTokens(TEACHER_ACCOUNT);
    expect(await sync.execute({ personId: teacher, calendarId: TEACHER_ACCOUNT, grant })).toMatchObject({ mode: 'full', removed: 0 });
    const after = await busy();
    expect(after).toEqual([`${lunch.id} 2027-03-04T12:00:00.000Z`, ...before]);
    expect(new Set(after).size).toBe(after.length);
    expect(await sync.execute({ personId: teacher, calendarId: TEACHER_ACCOUNT, grant })).toEqual({ mode: 'incremental', busy: 0, removed: 0 });
  });

  it('fails loudly when the grant was revoked, leaving the blocks as they were', async () => {
    const before = await busy();
    fake.revokeGrants(TEACHER_ACCOUNT);
    await expect(sync.execute({ personId: teacher, calendarId: TEACHER_ACCOUNT, grant })).rejects.toBeInstanceOf(GrantRevoked);
    expect(await busy()).toEqual(before);
  });
});
