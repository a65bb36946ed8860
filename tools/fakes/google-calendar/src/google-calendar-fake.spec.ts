import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { google, type calendar_v3 } from 'googleapis';
import { GoogleCalendarFake } from './google-calendar-fake.js';

/**
 * The fake driven through the official clients, as Cadenza will drive Google: googleapis' Calendar v3 client on the
 * fake's `rootUrl`, and google-auth-library's OAuth2 client on its endpoints.
 */
const TEACHER = 'tess.teacher@example.org';
const REDIRECT = 'http://127.0.0.1:9/oauth/callback';

let fake: GoogleCalendarFake;
let hook: Server;
let hookUrl: string;
const received: IncomingHttpHeaders[] = [];

beforeAll(async () => {
  fake = await new GoogleCalendarFake().start();
  hook = createServer((req, res) => {
    received.push(req.headers);
    res.writeHead(200).end();
  });
  await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', () => resolve()));
  hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/api/v1/calendar/google/notifications`;
});
afterAll(async () => {
  await fake?.stop();
  await new Promise<void>((resolve) => hook?.close(() => resolve()));
});

function oauthClient() {
  return new google.auth.OAuth2({ clientId: fake.clientId, clientSecret: fake.clientSecret, redirectUri: REDIRECT, endpoints: fake.oauthEndpoints });
}

/** An access token from the refresh token alone, as a worker gets one after a restart. */
function refreshWith(refreshToken: string | null | undefined) {
  const client = oauthClient();
  client.setCredentials({ refresh_token: refreshToken ?? '' });
  return client.getAccessToken();
}

/** A signed-in Calendar client for the account, as after the consent page and the code exchange. */
async function connected(account: string) {
  const auth = oauthClient();
  const { tokens } = await auth.getToken(fake.authorizationCode(account, { redirectUri: REDIRECT }));
  auth.setCredentials(tokens);
  return { auth, tokens, calendar: google.calendar({ version: 'v3', auth, rootUrl: fake.rootUrl }) };
}

/** Every item of a list, pages followed to the end; with the sync token of the last page. */
async function listAll(calendar: calendar_v3.Calendar, params: calendar_v3.Params$Resource$Events$List) {
  const items: calendar_v3.Schema$Event[] = [];
  let pageToken: string | undefined;
  let pages = 0;
  for (;;) {
    const { data } = await calendar.events.list({ ...params, pageToken });
    pages++;
    items.push(...(data.items ?? []));
    if (!data.nextPageToken) return { items, nextSyncToken: data.nextSyncToken ?? null, pages };
    expect(data.nextSyncToken).toBeUndefined();
    pageToken = data.nextPageToken;
  }
}

const statusOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return 200;
  } catch (error) {
    return (error as { status?: number }).status ?? -1;
  }
};

describe('the Google Calendar fake through googleapis', () => {
  it('exchanges an authorization code, refreshes, and answers invalid_grant once the grant is revoked', async () => {
    const account = 'oauth.person@example.org';
    const { auth, tokens } = await connected(account);
    expect(tokens).toMatchObject({ access_token: expect.stringMatching(/^ya29\./), refresh_token: expect.stringMatching(/^1\/\//), token_type: 'Bearer' });
    expect(tokens.expiry_date).toBeGreaterThan(Date.now());
    fake.expireAccessTokens();
    // The client refreshes by itself when the access token is expired.
    auth.setCredentials({ refresh_token: tokens.refresh_token, access_token: tokens.access_token, expiry_date: Date.now() - 1000 });
    const calendar = google.calendar({ version: 'v3', auth, rootUrl: fake.rootUrl });
    expect((await calendar.calendarList.list()).data.items?.map((c) => c.id)).toEqual([account]);

    fake.revokeGrants(account);
    await expect(refreshWith(tokens.refresh_token)).rejects.toMatchObject({ response: { status: 400, data: { error: 'invalid_grant' } } });
    await expect(oauthClient().getToken('4/not-a-code')).rejects.toMatchObject({ response: { data: { error: 'invalid_grant' } } });
    const wrongClient = new google.auth.OAuth2({ clientId: fake.clientId, clientSecret: 'wrong', redirectUri: REDIRECT, endpoints: fake.oauthEndpoints });
    await expect(wrongClient.getToken(fake.authorizationCode(account, { redirectUri: REDIRECT }))).rejects.toMatchObject({ response: { status: 401, data: { error: 'invalid_client' } } });
  });

  it('answers the consent page with a redirect carrying a code and the state, which the client exchanges', async () => {
    const auth = oauthClient();
    const url = auth.generateAuthUrl({ access_type: 'offline', scope: ['https://www.googleapis.com/auth/calendar.events'], state: 'state-123', login_hint: 'consenting@example.org', prompt: 'consent' });
    expect(url.startsWith(fake.oauthEndpoints.oauth2AuthBaseUrl)).toBe(true);
    const consent = await fetch(url, { redirect: 'manual' });
    expect(consent.status).toBe(302);
    const back = new URL(consent.headers.get('location') ?? '');
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
    expect(back.searchParams.get('state')).toBe('state-123');
    const { tokens } = await auth.getToken(back.searchParams.get('code') ?? '');
    expect(tokens).toMatchObject({ refresh_token: expect.any(String), scope: 'https://www.googleapis.com/auth/calendar.events' });
    // A code is good once.
    await expect(oauthClient().getToken(back.searchParams.get('code') ?? '')).rejects.toMatchObject({ response: { data: { error: 'invalid_grant' } } });
  });

  it('revokes a grant through the revoke endpoint: its tokens stop working', async () => {
    const { auth, tokens, calendar } = await connected('revoker@example.org');
    await auth.revokeToken(tokens.access_token ?? '');
    expect(await statusOf(calendar.calendarList.list())).toBe(401);
    await expect(refreshWith(tokens.refresh_token)).rejects.toMatchObject({ response: { data: { error: 'invalid_grant' } } });
  });

  it('lists the calendars and makes a new one that then lists too', async () => {
    const { calendar } = await connected(TEACHER);
    const made = await calendar.calendars.insert({ requestBody: { summary: 'Cadenza', timeZone: 'Europe/London' } });
    expect(made.data).toMatchObject({ kind: 'calendar#calendar', summary: 'Cadenza', timeZone: 'Europe/London', id: expect.stringMatching(/@group\.calendar\.google\.com$/) });
    const list = await calendar.calendarList.list();
    expect(list.data.items?.map((c) => [c.id, c.summary, c.primary ?? false, c.accessRole])).toEqual([
      [TEACHER, TEACHER, true, 'owner'],
      [made.data.id, 'Cadenza', false, 'owner'],
    ]);
    // Another account cannot reach this one's calendar.
    const { calendar: other } = await connected('someone.else@example.org');
    expect(await statusOf(other.events.list({ calendarId: made.data.id ?? '' }))).toBe(404);
  });

  it('inserts with a chosen id once (a second insert is a 409), patches, deletes, and tells deletions to a sync token', async () => {
    const { calendar } = await connected(TEACHER);
    const calendarId = (await calendar.calendars.insert({ requestBody: { summary: 'Lessons' } })).data.id ?? '';
    const first = await listAll(calendar, { calendarId, singleEvents: true });
    expect(first.items).toEqual([]);
    const id = 'cadenalesson0123456789abcdef';
    const body = { id, summary: 'Lesson with Sam', start: { dateTime: '2027-01-04T16:00:00Z' }, end: { dateTime: '2027-01-04T16:30:00Z' }, extendedProperties: { private: { cadenzaLessonId: 'l1' } } };
    const inserted = await calendar.events.insert({ calendarId, requestBody: body });
    expect(inserted.data).toMatchObject({ id, status: 'confirmed', summary: 'Lesson with Sam', transparency: 'opaque', extendedProperties: { private: { cadenzaLessonId: 'l1' } } });
    await expect(calendar.events.insert({ calendarId, requestBody: body })).rejects.toMatchObject({ status: 409, response: { data: { error: { errors: [{ reason: 'duplicate' }] } } } });
    expect(await statusOf(calendar.events.insert({ calendarId, requestBody: { ...body, id: 'Not_Base32' } }))).toBe(400);

    const patched = await calendar.events.patch({ calendarId, eventId: id, requestBody: { start: { dateTime: '2027-01-05T16:00:00Z' }, end: { dateTime: '2027-01-05T16:30:00Z' }, extendedProperties: { private: { cadenzaVersion: '2' } } } });
    expect(patched.data).toMatchObject({ summary: 'Lesson with Sam', start: { dateTime: '2027-01-05T16:00:00Z' }, sequence: 1, extendedProperties: { private: { cadenzaLessonId: 'l1', cadenzaVersion: '2' } } });

    const changes = await listAll(calendar, { calendarId, singleEvents: true, syncToken: first.nextSyncToken ?? '' });
    expect(changes.items.map((e) => [e.id, e.status, e.start?.dateTime])).toEqual([[id, 'confirmed', '2027-01-05T16:00:00Z']]);

    await calendar.events.delete({ calendarId, eventId: id });
    expect(await statusOf(calendar.events.delete({ calendarId, eventId: id }))).toBe(410);
    expect(await statusOf(calendar.events.delete({ calendarId, eventId: 'nosuchevent0' }))).toBe(404);
    const deletions = await listAll(calendar, { calendarId, singleEvents: true, syncToken: changes.nextSyncToken ?? '' });
    expect(deletions.items.map((e) => [e.id, e.status])).toEqual([[id, 'cancelled']]);
    const nothing = await listAll(calendar, { calendarId, singleEvents: true, syncToken: deletions.nextSyncToken ?? '' });
    expect(nothing.items).toEqual([]);
    // A full list leaves deleted events out unless asked for them.
    expect((await listAll(calendar, { calendarId })).items).toEqual([]);
    expect((await listAll(calendar, { calendarId, showDeleted: true })).items.map((e) => e.status)).toEqual(['cancelled']);
  });

  it('pages a long list, the sync token on the last page only; refuses filters with a sync token; an expired token is a 410', async () => {
    const { calendar } = await connected(TEACHER);
    for (let i = 0; i < 7; i++) fake.insertAsOwner(TEACHER, { summary: `Busy ${i}`, start: { dateTime: `2027-02-0${i + 1}T09:00:00Z` }, end: { dateTime: `2027-02-0${i + 1}T10:00:00Z` } });
    const full = await listAll(calendar, { calendarId: 'primary', singleEvents: true, maxResults: 3 });
    expect(full.pages).toBe(3);
    expect(full.items.map((e) => e.summary)).toEqual(['Busy 0', 'Busy 1', 'Busy 2', 'Busy 3', 'Busy 4', 'Busy 5', 'Busy 6']);
    expect(full.nextSyncToken).toEqual(expect.any(String));
    const window = await listAll(calendar, { calendarId: 'primary', singleEvents: true, timeMin: '2027-02-03T00:00:00Z', timeMax: '2027-02-05T00:00:00Z', orderBy: 'startTime' });
    expect(window.items.map((e) => e.summary)).toEqual(['Busy 2', 'Busy 3']);

    await expect(calendar.events.list({ calendarId: 'primary', syncToken: full.nextSyncToken ?? '', timeMin: '2027-01-01T00:00:00Z' })).rejects.toMatchObject({ status: 400 });
    fake.expireSyncTokens(TEACHER);
    await expect(calendar.events.list({ calendarId: 'primary', singleEvents: true, syncToken: full.nextSyncToken ?? '' })).rejects.toMatchObject({ status: 410, response: { data: { error: { errors: [{ reason: 'fullSyncRequired' }] } } } });
  });

  it('tells free from busy, expands a recurring event into instances on the wall clock, and honours a moved and a cancelled instance', async () => {
    const { calendar } = await connected('recurring@example.org');
    const free = fake.insertAsOwner('recurring@example.org', { summary: 'Reminder', transparency: 'transparent', start: { dateTime: '2027-03-01T12:00:00Z' }, end: { dateTime: '2027-03-01T13:00:00Z' } });
    // Every Monday at 09:00 London time, four times, across the change to summer time on 28 March 2027.
    const weekly = fake.insertAsOwner('recurring@example.org', { summary: 'Choir', recurrence: ['RRULE:FREQ=WEEKLY;COUNT=4'], start: { dateTime: '2027-03-15T09:00:00Z', timeZone: 'Europe/London' }, end: { dateTime: '2027-03-15T10:00:00Z', timeZone: 'Europe/London' } });
    const first = await listAll(calendar, { calendarId: 'primary', singleEvents: true, orderBy: 'startTime' });
    expect(first.items.map((e) => [e.id, e.transparency, e.start?.dateTime, e.recurringEventId ?? null])).toEqual([
      [free.id, 'transparent', '2027-03-01T12:00:00Z', null],
      [`${weekly.id}_20270315T090000Z`, 'opaque', '2027-03-15T09:00:00+00:00', weekly.id],
      [`${weekly.id}_20270322T090000Z`, 'opaque', '2027-03-22T09:00:00+00:00', weekly.id],
      [`${weekly.id}_20270329T080000Z`, 'opaque', '2027-03-29T09:00:00+01:00', weekly.id],
      [`${weekly.id}_20270405T080000Z`, 'opaque', '2027-04-05T09:00:00+01:00', weekly.id],
    ]);
    // Unexpanded, the series is one event with its rule.
    expect((await listAll(calendar, { calendarId: 'primary' })).items.find((e) => e.id === weekly.id)?.recurrence).toEqual(['RRULE:FREQ=WEEKLY;COUNT=4']);

    fake.patchAsOwner('recurring@example.org', `${weekly.id}_20270322T090000Z`, { start: { dateTime: '2027-03-23T09:00:00Z' }, end: { dateTime: '2027-03-23T10:00:00Z' } });
    fake.deleteAsOwner('recurring@example.org', `${weekly.id}_20270329T080000Z`);
    const changes = await listAll(calendar, { calendarId: 'primary', singleEvents: true, syncToken: first.nextSyncToken ?? '' });
    expect(changes.items.map((e) => [e.id, e.status, e.start?.dateTime ?? null, e.originalStartTime?.dateTime ?? null])).toEqual([
      [`${weekly.id}_20270322T090000Z`, 'confirmed', '2027-03-23T09:00:00Z', '2027-03-22T09:00:00+00:00'],
      [`${weekly.id}_20270329T080000Z`, 'cancelled', null, '2027-03-29T09:00:00+01:00'],
    ]);
    const now = await listAll(calendar, { calendarId: 'primary', singleEvents: true, orderBy: 'startTime' });
    expect(now.items.filter((e) => e.recurringEventId).map((e) => e.start?.dateTime)).toEqual(['2027-03-15T09:00:00+00:00', '2027-03-23T09:00:00Z', '2027-04-05T09:00:00+01:00']);

    // Deleting the whole series cancels every instance for a sync token.
    fake.deleteAsOwner('recurring@example.org', weekly.id);
    const gone = await listAll(calendar, { calendarId: 'primary', singleEvents: true, syncToken: changes.nextSyncToken ?? '' });
    expect(new Set(gone.items.map((e) => e.status))).toEqual(new Set(['cancelled']));
    expect(gone.items.map((e) => e.id).sort()).toEqual([`${weekly.id}_20270315T090000Z`, `${weekly.id}_20270322T090000Z`, `${weekly.id}_20270329T080000Z`, `${weekly.id}_20270405T080000Z`].sort());
  });

  it('watches a calendar: a sync message first, then one per change with the channel’s token, until the channel stops', async () => {
    const { calendar } = await connected('watched@example.org');
    const channel = await calendar.events.watch({ calendarId: 'primary', requestBody: { id: 'channel-1', type: 'web_hook', address: hookUrl, token: 'secret-token', params: { ttl: '3600' } } });
    expect(channel.data).toMatchObject({ kind: 'api#channel', id: 'channel-1', token: 'secret-token', resourceId: expect.any(String) });
    expect(Number(channel.data.expiration)).toBeGreaterThan(Date.now() + 3_500_000);
    expect(Number(channel.data.expiration)).toBeLessThanOrEqual(Date.now() + 3_600_000);
    await fake.settled();
    fake.insertAsOwner('watched@example.org', { summary: 'Dentist', start: { dateTime: '2027-05-01T09:00:00Z' }, end: { dateTime: '2027-05-01T10:00:00Z' } });
    await fake.settled();
    const mine = received.filter((h) => h['x-goog-channel-id'] === 'channel-1');
    expect(mine.map((h) => [h['x-goog-resource-state'], h['x-goog-message-number'], h['x-goog-channel-token'], h['x-goog-resource-id']])).toEqual([
      ['sync', '1', 'secret-token', channel.data.resourceId],
      ['exists', '2', 'secret-token', channel.data.resourceId],
    ]);
    expect(await statusOf(calendar.events.watch({ calendarId: 'primary', requestBody: { id: 'channel-1', type: 'web_hook', address: hookUrl } }))).toBe(400);

    await calendar.channels.stop({ requestBody: { id: 'channel-1', resourceId: channel.data.resourceId } });
    expect(await statusOf(calendar.channels.stop({ requestBody: { id: 'channel-1', resourceId: channel.data.resourceId } }))).toBe(404);
    fake.insertAsOwner('watched@example.org', { summary: 'After', start: { dateTime: '2027-05-02T09:00:00Z' }, end: { dateTime: '2027-05-02T10:00:00Z' } });
    await fake.settled();
    expect(received.filter((h) => h['x-goog-channel-id'] === 'channel-1')).toHaveLength(2);
  });

  it('answers injected rate limits and server errors as Google does, then serves again', async () => {
    const { calendar } = await connected('limited@example.org');
    const plain = google.calendar({ version: 'v3', auth: calendar.context._options.auth, rootUrl: fake.rootUrl, retry: false });
    fake.fail({ status: 429, times: 1 });
    await expect(plain.calendarList.list()).rejects.toMatchObject({ status: 429, response: { data: { error: { errors: [{ reason: 'rateLimitExceeded' }] } } } });
    fake.fail({ status: 403, times: 1 });
    await expect(plain.calendarList.list()).rejects.toMatchObject({ status: 403, response: { data: { error: { errors: [{ reason: 'rateLimitExceeded' }] } } } });
    fake.fail({ status: 503, times: 1 });
    expect(await statusOf(plain.calendarList.list())).toBe(503);
    expect(await statusOf(plain.calendarList.list())).toBe(200);
  });
});
