import ICAL from 'ical.js';
import { startApiProcess, withClient, type ApiProcess } from '@cadenza/server/testing';
import { Client, demo, signedIn } from './support/client.js';
import { createSchool, expectProblem, writeClearingTheWay, type OtherSchool } from './support/scheduling.js';
import { sleep } from './support/waiting.js';

/**
 * Calendar feeds end to end on the demo school (Europe/London): a person makes their secret feed URL, a calendar app
 * reads it without signing in, an independent parser (ical.js) finds exactly the lessons the API lists for that person
 * at their wall-clock times on both sides of a change of summer time, and a replaced token or a made-up one is a 404.
 */
const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString();

/** The last Sunday of March (UTC midnight) after now: British summer time starts at 01:00 UTC that day. */
function nextSpringChange(now = Date.now()): number {
  for (let year = new Date(now).getUTCFullYear(); ; year++) {
    const march31 = Date.UTC(year, 2, 31);
    const sunday = march31 - new Date(march31).getUTCDay() * DAY;
    if (sunday - 10 * DAY > now) return sunday;
  }
}

interface FeedEvent {
  uid: string;
  local: string;
  utcStart: string;
  status: string;
  summary: string;
}

/** The feed at `url` read as a calendar app would (no credentials), parsed by ical.js with the feed's own VTIMEZONE. */
async function readFeed(url: string): Promise<{ status: number; contentType: string | null; events: FeedEvent[] }> {
  const response = await fetch(url);
  const text = await response.text();
  if (response.status !== 200) return { status: response.status, contentType: response.headers.get('content-type'), events: [] };
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const tz of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  const events = calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return { uid: event.uid, local: `${event.startDate.toString()} ${event.startDate.zone?.tzid}`, utcStart: event.startDate.toJSDate().toISOString(), status: String(component.getFirstPropertyValue('status')), summary: event.summary };
  });
  return { status: 200, contentType: response.headers.get('content-type'), events };
}

const uidOf = (lessonId: string) => `lesson-${lessonId}@cadenza`;

let api: ApiProcess;
let admin: Client;
let teacher: Client;
let student: Client;
let parent: Client;
let otherTeacher: Client;
let other: OtherSchool;
let teacherId: string;
let childId: string;
const booked: { before?: string; after?: string; cancelled?: string } = {};
const spring = nextSpringChange();

async function book(start: number, minutes: number, studentIds: string[]): Promise<string> {
  const reply = await writeClearingTheWay(admin, () => admin.post('/api/v1/lessons', { teacherId, studentIds, start: iso(start), end: iso(start + minutes * 60_000), override: { reason: 'Calendar feed test lesson' } }));
  if (reply.status !== 201) throw new Error(`book: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.id;
}

/** Reads the feed until it holds every lesson id given (its copy of the lessons follows scheduling's events). */
async function feedHolding(url: string, lessonIds: string[], timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const feed = await readFeed(url);
    const uids = new Set(feed.events.map((e) => e.uid));
    if (feed.status === 200 && lessonIds.every((id) => uids.has(uidOf(id)))) return feed;
    if (Date.now() > deadline) throw new Error(`the feed did not come to hold ${lessonIds.join(', ')}: ${feed.status}`);
    await sleep(200);
  }
}

beforeAll(async () => {
  api = await startApiProcess();
  [admin, teacher, student, parent, otherTeacher] = await Promise.all(['admin', 'teacher1', 'student1', 'parent1', 'teacher2'].map((who) => signedIn(api.url, demo(who))));
  other = await createSchool(api, `cal-${Math.random().toString(36).slice(2, 7)}`, 'Other Calendar School', 'America/New_York');
  teacherId = (await teacher.get('/api/v1/me')).body.id;
  childId = (await student.get('/api/v1/me')).body.id;
  // 16:00 in London on the Tuesdays before and after summer time starts: 16:00Z, then 15:00Z.
  booked.before = await book(spring - 5 * DAY + 16 * 3_600_000, 30, [childId]);
  booked.after = await book(spring + 2 * DAY + 15 * 3_600_000, 30, [childId]);
  booked.cancelled = await book(spring + 3 * DAY + 15 * 3_600_000, 30, [childId]);
  const cancelled = await admin.post(`/api/v1/lessons/${booked.cancelled}/cancel`, { reason: 'Calendar feed test' });
  if (cancelled.status !== 200) throw new Error(`cancel: ${cancelled.status} ${JSON.stringify(cancelled.body)}`);
}, 240_000);
afterAll(() => api?.stop());

describe('calendar feeds', () => {
  it('gives a person no feed until they make one, then its URL once; another person’s token or a made-up one is a 404', async () => {
    const fresh = await signedIn(api.url, demo('student2'));
    expect((await fresh.get('/api/v1/me/calendar-feed')).body).toEqual({ exists: false, createdAt: null });
    const made = await fresh.post('/api/v1/me/calendar-feed');
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ rotated: false, url: expect.stringMatching(/\/api\/v1\/calendar\/feeds\/[A-Za-z0-9_-]{43}\.ics$/) });
    expect((await fresh.get('/api/v1/me/calendar-feed')).body).toEqual({ exists: true, createdAt: made.body.createdAt });
    // The token is kept only as its digest.
    const token = made.body.url.split('/').pop().replace('.ics', '');
    const stored = await withClient(api.db.url, async (db) => (await db.query<{ token_hash: string }>('select token_hash from calendar_feeds')).rows.map((r) => r.token_hash));
    expect(stored.some((hash) => hash.includes(token))).toBe(false);
    expect((await readFeed(made.body.url)).status).toBe(200);
    expect((await readFeed(made.body.url.replace(token, 'A'.repeat(43)))).status).toBe(404);
    expect((await fetch(`${api.url}/api/v1/calendar/feeds/not-a-token!.ics`)).status).toBe(400);
  });

  it('lists exactly the student’s, the parent’s children’s and the teacher’s lessons at their local times across summer time', async () => {
    const window = { from: iso(spring - 30 * DAY), to: iso(spring + 30 * DAY) };
    for (const [who, client] of [['student', student], ['parent', parent], ['teacher', teacher]] as const) {
      const made = await client.post('/api/v1/me/calendar-feed');
      expect(made.status).toBe(201);
      const feed = await feedHolding(made.body.url, [booked.before!, booked.after!, booked.cancelled!]);
      expect(feed.contentType).toMatch(/^text\/calendar/);
      const listed = await client.get(`/api/v1/lessons?from=${encodeURIComponent(window.from)}&to=${encodeURIComponent(window.to)}&includeCancelled=true`);
      expect(listed.status).toBe(200);
      const inWindow = feed.events.filter((e) => e.utcStart >= window.from && e.utcStart < window.to).map((e) => e.uid).sort();
      expect({ who, uids: inWindow }).toEqual({ who, uids: (listed.body as { id: string }[]).map((l) => uidOf(l.id)).sort() });
      const byUid = new Map(feed.events.map((e) => [e.uid, e]));
      expect(byUid.get(uidOf(booked.before!))).toMatchObject({ local: expect.stringMatching(/T16:00:00 Europe\/London$/), utcStart: iso(spring - 5 * DAY + 16 * 3_600_000), status: 'CONFIRMED' });
      expect(byUid.get(uidOf(booked.after!))).toMatchObject({ local: expect.stringMatching(/T16:00:00 Europe\/London$/), utcStart: iso(spring + 2 * DAY + 15 * 3_600_000), status: 'CONFIRMED' });
      expect(byUid.get(uidOf(booked.cancelled!))).toMatchObject({ status: 'CANCELLED', summary: expect.stringMatching(/^Cancelled: /) });
    }
    // Another teacher's feed does not hold these lessons.
    const theirs = await otherTeacher.post('/api/v1/me/calendar-feed');
    const feed = await readFeed(theirs.body.url);
    expect(feed.events.map((e) => e.uid)).not.toContain(uidOf(booked.before!));
  });

  it('stops the old URL at once when a person replaces it', async () => {
    const first = await student.post('/api/v1/me/calendar-feed');
    await feedHolding(first.body.url, [booked.before!]);
    const second = await student.post('/api/v1/me/calendar-feed');
    expect(second.body.rotated).toBe(true);
    expect(second.body.url).not.toBe(first.body.url);
    expect((await readFeed(first.body.url)).status).toBe(404);
    expect((await readFeed(second.body.url)).events.map((e) => e.uid)).toContain(uidOf(booked.before!));
  });

  it('keeps another school’s person to their own lessons, and a feed needs no session but /me/calendar-feed does', async () => {
    const made = await other.teacher.post('/api/v1/me/calendar-feed');
    expect(made.status).toBe(201);
    const feed = await readFeed(made.body.url);
    expect(feed.status).toBe(200);
    expect(feed.events.map((e) => e.uid)).not.toContain(uidOf(booked.before!));
    expectProblem(await new Client(api.url).get('/api/v1/me/calendar-feed'), 401);
  });
});
