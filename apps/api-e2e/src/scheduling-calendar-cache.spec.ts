import { startApiProcess, type ApiProcess } from '@cadenza/server/testing';
import { demo, signedIn, type Client, type Reply } from './support/client.js';
import { createSchool, directory, openHours, plus, YEAR, type OtherSchool } from './support/scheduling.js';

/**
 * The week calendar (GET /lessons) is served from a per-process store of serialised answers, checked
 * against the lessons' fingerprint on every read, with ETags: it must never answer with anything stale,
 * anything meant for someone else, or anything from another school.
 */
let api: ApiProcess;
let admin: Client;
let teacher1: Client;
let parent1: Client;
let harbour: OtherSchool;
let idOf: (email: string) => string;

/** The first Monday of June, two years ahead (UTC), and the week after it. */
const monday = (() => {
  const d = new Date(Date.UTC(YEAR, 5, 1));
  while (d.getUTCDay() !== 1) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString();
})();
const nextMonday = plus(monday, 7 * 24 * 60);
const at = (day: number, hour: number) => plus(monday, day * 24 * 60 + hour * 60);
const week = (extra = '') => `/api/v1/lessons?from=${encodeURIComponent(monday)}&to=${encodeURIComponent(nextMonday)}${extra}`;
const ids = (reply: Reply) => (reply.body as { id: string }[]).map((l) => l.id).sort();

async function book(teacher: string, student: string, start: string): Promise<string> {
  const reply = await admin.post('/api/v1/lessons', { teacherId: idOf(demo(teacher)), studentIds: [idOf(demo(student))], start, end: plus(start, 45) });
  if (reply.status !== 201) throw new Error(`book: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.id;
}

beforeAll(async () => {
  api = await startApiProcess();
  admin = await signedIn(api.url, demo('admin'));
  idOf = await directory(admin);
  await openHours(admin, [idOf(demo('teacher1')), idOf(demo('teacher2'))]);
  [teacher1, parent1, harbour] = await Promise.all([signedIn(api.url, demo('teacher1')), signedIn(api.url, demo('parent1')), createSchool(api, 'harbour', 'Harbour Music Academy', 'America/New_York')]);
  await openHours(harbour.admin, [harbour.teacherId]);
  for (const school of [admin, harbour.admin]) {
    expect((await school.post('/api/v1/terms', { name: `Summer ${YEAR}`, startDate: `${YEAR}-03-01`, endDate: `${YEAR}-11-30` })).status).toBe(201);
  }
}, 240_000);
afterAll(() => api?.stop());

describe('the week calendar, served from the cache, is always current', () => {
  let first: string; // teacher1, student1 (parent1's child)
  let second: string; // teacher2, student3
  let third: string; // teacher1, student2 (parent1's child)

  it('answers with an ETag, the same bytes again, and 304 to If-None-Match', async () => {
    [first, second, third] = [await book('teacher1', 'student1', at(0, 9)), await book('teacher2', 'student3', at(0, 11)), await book('teacher1', 'student2', at(1, 9))];
    const one = await admin.get(week());
    expect(one.status).toBe(200);
    expect(one.headers.get('content-type')).toMatch(/^application\/json/);
    const etag = one.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(one.headers.get('cache-control')).toBe('private, no-cache');
    expect(ids(one)).toEqual([first, second, third].sort());
    expect(one.body[0]).toMatchObject({ id: first, teacherId: idOf(demo('teacher1')), studentIds: [idOf(demo('student1'))], status: 'scheduled' });

    const two = await admin.get(week());
    expect({ status: two.status, etag: two.headers.get('etag'), body: two.body }).toEqual({ status: 200, etag, body: one.body });

    const unchanged = await admin.call('GET', week(), undefined, { 'if-none-match': etag! });
    expect({ status: unchanged.status, body: unchanged.body, etag: unchanged.headers.get('etag') }).toEqual({ status: 304, body: undefined, etag });

    // A list of ETags, as a client with several stored copies sends.
    const other = await admin.call('GET', week(), undefined, { 'if-none-match': `"nope", ${etag}` });
    expect(other.status).toBe(304);
  });

  it('sends the same answer gzipped to clients that accept it, as its own representation', async () => {
    const plain = await admin.call('GET', week(), undefined, { 'accept-encoding': 'identity' });
    const zipped = await admin.call('GET', week(), undefined, { 'accept-encoding': 'gzip' });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('vary')).toMatch(/Accept-Encoding/i);
    expect(zipped.body).toEqual(plain.body);
    expect(zipped.headers.get('etag')).toBe(plain.headers.get('etag')!.replace(/"$/, '-gz"'));
    const again = await admin.call('GET', week(), undefined, { 'accept-encoding': 'gzip', 'if-none-match': zipped.headers.get('etag')! });
    expect(again.status).toBe(304);
    const crossed = await admin.call('GET', week(), undefined, { 'accept-encoding': 'identity', 'if-none-match': zipped.headers.get('etag')! });
    expect(crossed.status).toBe(200);
  });

  it('prefers brotli when the client accepts it, in whatever order it lists it', async () => {
    const plain = await admin.call('GET', week(), undefined, { 'accept-encoding': 'identity' });
    const brotli = await admin.call('GET', week(), undefined, { 'accept-encoding': 'gzip, deflate, br' });
    expect(brotli.headers.get('content-encoding')).toBe('br');
    expect(brotli.body).toEqual(plain.body);
    expect(brotli.headers.get('etag')).toBe(plain.headers.get('etag')!.replace(/"$/, '-br"'));
    const again = await admin.call('GET', week(), undefined, { 'accept-encoding': 'br', 'if-none-match': brotli.headers.get('etag')! });
    expect(again.status).toBe(304);
    const refused = await admin.call('GET', week(), undefined, { 'accept-encoding': 'br;q=0, gzip' });
    expect(refused.headers.get('content-encoding')).toBe('gzip');
  });

  it('a lesson booked into the week appears at once; the old ETag no longer matches', async () => {
    const before = await admin.get(week());
    const added = await book('teacher2', 'student5', at(2, 14));
    const after = await admin.call('GET', week(), undefined, { 'if-none-match': before.headers.get('etag')! });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    expect(ids(after)).toEqual([...ids(before), added].sort());
  });

  it('a lesson moved out of the week disappears; one moved within it shows its new time', async () => {
    expect(ids(await admin.get(week()))).toContain(second);
    const out = await admin.post(`/api/v1/lessons/${second}/move`, { start: at(8, 11), end: plus(at(8, 11), 45) });
    expect(out.status).toBe(200);
    expect(ids(await admin.get(week()))).not.toContain(second);
    const within = await admin.post(`/api/v1/lessons/${first}/move`, { start: at(3, 9), end: plus(at(3, 9), 45) });
    expect(within.status).toBe(200);
    const listed = (await admin.get(week())).body as { id: string; start: string }[];
    expect(new Date(listed.find((l) => l.id === first)!.start).toISOString()).toBe(at(3, 9));
    // The next week, cached in the meantime, has it too.
    const next = `/api/v1/lessons?from=${encodeURIComponent(nextMonday)}&to=${encodeURIComponent(plus(nextMonday, 7 * 24 * 60))}`;
    expect(ids(await admin.get(next))).toEqual([second]);
  });

  it('the teacher and the parent see their own, and keep up with changes', async () => {
    expect(ids(await teacher1.get(week()))).toEqual([first, third].sort());
    expect(ids(await parent1.get(week()))).toEqual([first, third].sort());
    const forChild = await book('teacher2', 'student2', at(4, 15));
    expect(ids(await parent1.get(week()))).toEqual([first, third, forChild].sort());
    expect(ids(await teacher1.get(week()))).toEqual([first, third].sort());
    const otherTeacher = await signedIn(api.url, demo('teacher2'));
    expect(ids(await otherTeacher.get(week()))).toContain(forChild);
    expect(ids(await otherTeacher.get(week()))).not.toContain(first);
  });

  it('a cancelled lesson disappears, unless cancelled lessons are asked for', async () => {
    const cached = await admin.get(week('&includeCancelled=true'));
    expect(ids(cached)).toContain(third);
    const cancelled = await admin.post(`/api/v1/lessons/${third}/cancel`, { reason: 'Teacher unwell' });
    expect(cancelled.status).toBe(200);
    expect(ids(await admin.get(week()))).not.toContain(third);
    expect(ids(await teacher1.get(week()))).toEqual([first]);
    expect(ids(await parent1.get(week()))).not.toContain(third);
    const withCancelled = (await admin.get(week('&includeCancelled=true'))).body as { id: string; status: string }[];
    expect(withCancelled.find((l) => l.id === third)?.status).toBe('cancelled');
  });

  it('another school never gets this school’s answer, even with its ETag', async () => {
    const mine = await admin.get(week());
    expect((mine.body as unknown[]).length).toBeGreaterThan(0);
    const theirs = await harbour.admin.call('GET', week(), undefined, { 'if-none-match': mine.headers.get('etag')! });
    expect({ status: theirs.status, body: theirs.body }).toEqual({ status: 200, body: [] });
    expect(theirs.headers.get('etag')).not.toBe(mine.headers.get('etag'));
    const lesson = await harbour.admin.post('/api/v1/lessons', { teacherId: harbour.teacherId, studentIds: [harbour.studentId], start: at(0, 15), end: plus(at(0, 15), 45) });
    expect(lesson.status).toBe(201);
    expect(ids(await harbour.admin.get(week()))).toEqual([lesson.body.id]);
    expect(ids(await admin.get(week()))).not.toContain(lesson.body.id);
    expect(ids(await harbour.teacher.get(week()))).toEqual([lesson.body.id]);
  });

  it('refuses a bad range before reading anything', async () => {
    const backwards = await admin.get(`/api/v1/lessons?from=${encodeURIComponent(nextMonday)}&to=${encodeURIComponent(monday)}`);
    expect(backwards.status).toBe(400);
  });
});
