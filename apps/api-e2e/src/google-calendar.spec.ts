import { GoogleCalendarFake } from '@cadenza/tools/fakes/google-calendar';
import { startApiProcess, withClient, type ApiProcess } from '@cadenza/server/testing';
import { Client, demo, signedIn } from './support/client.js';
import { expectProblem, fieldsOf } from './support/scheduling.js';

/**
 * Connecting Google Calendar end to end: the api talks to a Google fake this test drives (GOOGLE_API_URL). A teacher
 * starts the consent, Google's redirect brings back a code and the state, the console's page posts them: the state is
 * the teacher's own, once; the token is sealed in the database; calendars are chosen among Google's; disconnecting
 * revokes the grant at Google. Who may call each route is held by the access suite.
 */
let fake: GoogleCalendarFake;
let api: ApiProcess;
let teacher: Client;
let accompanist: Client;

/** What Google's consent page sends the browser back with (the fake consents at once for the account hinted). */
async function consent(url: string): Promise<{ code: string; state: string; redirect: string }> {
  const answer = await fetch(url, { redirect: 'manual' });
  const back = new URL(answer.headers.get('location') ?? '');
  return { code: back.searchParams.get('code') ?? '', state: back.searchParams.get('state') ?? '', redirect: `${back.origin}${back.pathname}` };
}

beforeAll(async () => {
  fake = await new GoogleCalendarFake().start();
  api = await startApiProcess({ GOOGLE_CLIENT_ID: fake.clientId, GOOGLE_CLIENT_SECRET: fake.clientSecret, GOOGLE_API_URL: fake.url, CALENDAR_TOKEN_KEY: Buffer.alloc(32, 3).toString('base64') });
  [teacher, accompanist] = await Promise.all(['teacher1', 'accompanist'].map((who) => signedIn(api.url, demo(who))));
}, 120_000);
afterAll(async () => {
  await api?.stop();
  await fake?.stop();
});

describe('connecting Google Calendar', () => {
  it('connects a teacher with the state they started, once: primary calendar busy, a Cadenza calendar made, the token sealed', async () => {
    expect((await teacher.get('/api/v1/me/google-calendar')).body).toMatchObject({ connected: false, status: null });
    const started = await teacher.post('/api/v1/me/google-calendar/connect');
    expect(started.status).toBe(200);
    const url = new URL(started.body.url);
    expect(url.searchParams.get('access_type')).toBe('offline');
    expect(url.searchParams.get('login_hint')).toBe(demo('teacher1'));
    expect(url.searchParams.get('scope')).toContain('https://www.googleapis.com/auth/calendar.events');
    const back = await consent(started.body.url);
    expect(back.redirect).toBe(`${api.url}/console/calendar-sync/google`);

    // Another teacher holding this state cannot finish it, and it stays the teacher's.
    const answer = { code: back.code, state: back.state };
    const stolen = await accompanist.post('/api/v1/me/google-calendar/callback', answer);
    expectProblem(stolen, 400, 'CALENDAR_SYNC.UNKNOWN_STATE');
    expect(fieldsOf(stolen)).toEqual(['state']);

    const connected = await teacher.post('/api/v1/me/google-calendar/callback', answer);
    expect(connected.status).toBe(200);
    expect(connected.body).toMatchObject({ connected: true, account: demo('teacher1'), status: 'active', busyCalendarIds: [demo('teacher1')], lastError: null });
    const cadenza = fake.events(connected.body.writeCalendarId);
    expect(cadenza).toEqual([]);
    const again = await teacher.post('/api/v1/me/google-calendar/callback', answer);
    expectProblem(again, 400, 'CALENDAR_SYNC.UNKNOWN_STATE');

    const rows = await withClient(api.db.url, async (client) => (await client.query('select refresh_token_sealed, busy_calendar_ids from calendar_google_connections')).rows);
    expect(rows).toHaveLength(1);
    expect(rows[0].refresh_token_sealed).toMatch(/^v1\./);
    expect(rows[0].refresh_token_sealed).not.toMatch(/1\/\//);
  });

  it('lists the calendars and chooses among them, naming a field Google does not know, changing nothing', async () => {
    const choir = fake.addCalendar(demo('teacher1'), 'Choir');
    const list = await teacher.get('/api/v1/me/google-calendar/calendars');
    expect(list.status).toBe(200);
    const items = list.body.items as { id: string; summary: string; primary: boolean }[];
    expect(items.map((c) => c.summary).sort()).toEqual(['Cadenza', 'Choir', demo('teacher1')].sort());
    const before = (await teacher.get('/api/v1/me/google-calendar')).body;
    const unknown = await teacher.put('/api/v1/me/google-calendar/calendars', { busyCalendarIds: [choir, 'someone-else@example.org'], writeCalendarId: before.writeCalendarId });
    expectProblem(unknown, 400, 'CALENDAR_SYNC.UNKNOWN_CALENDAR');
    expect(fieldsOf(unknown)).toEqual(['busyCalendarIds.1']);
    const malformed = await teacher.put('/api/v1/me/google-calendar/calendars', { busyCalendarIds: 'all', writeCalendarId: '' });
    expect(fieldsOf(malformed).sort()).toEqual(['busyCalendarIds', 'writeCalendarId']);
    expect((await teacher.get('/api/v1/me/google-calendar')).body).toEqual(before);
    const chosen = await teacher.put('/api/v1/me/google-calendar/calendars', { busyCalendarIds: [demo('teacher1'), choir], writeCalendarId: before.writeCalendarId });
    expect(chosen.status).toBe(200);
    expect(chosen.body.busyCalendarIds).toEqual([demo('teacher1'), choir]);
  });

  it('names the fields of a bad callback body; an accompanist not connected has no calendars to list', async () => {
    const bad = await accompanist.post('/api/v1/me/google-calendar/callback', { code: '', state: 'short' });
    expectProblem(bad, 400);
    expect(fieldsOf(bad)).toEqual(expect.arrayContaining(['code', 'state']));
    expect((await accompanist.get('/api/v1/me/google-calendar/calendars')).status).toBe(404);
  });

  it('disconnects: the grant revoked at Google, the connection gone', async () => {
    const revokes = fake.requests.filter((r) => r.path === '/revoke').length;
    expect((await teacher.call('DELETE', '/api/v1/me/google-calendar')).status).toBe(204);
    expect(fake.requests.filter((r) => r.path === '/revoke' && r.status === 200)).toHaveLength(revokes + 1);
    expect((await teacher.get('/api/v1/me/google-calendar')).body).toMatchObject({ connected: false });
    expect(await withClient(api.db.url, async (client) => (await client.query('select count(*)::int as n from calendar_google_connections')).rows[0].n)).toBe(0);
    expect((await teacher.call('DELETE', '/api/v1/me/google-calendar')).status).toBe(404);
  });
});
