import { withClient } from '@cadenza/server/testing';
import { Client, demo, signedIn, type Reply } from './support/client.js';
import { apiSuite } from './support/client.js';
import { directory, doubleBookings, expectProblem, fieldsOf, openHours, schedulingRows, YEAR } from './support/scheduling.js';

/**
 * Term rollover over REST: a preview of the source term's series in the target term with every clash, a commit
 * that takes a choice per series and creates the copies at once or not at all, once per series and term, even
 * when commits race. Who may call it: here, and the access and tenancy suites.
 */
const suite = apiSuite();
const Y = YEAR + 3;

/** The date `days` after a YYYY-MM-DD date. */
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
/** The Mondays from a date to another, both inclusive. */
function mondays(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (new Date(`${d}T00:00:00Z`).getUTCDay() === 1) out.push(d);
  return out;
}

interface Preview {
  series: { source: { id: string; teacherId: string }; copyId: string | null; dates: { date: string; start: string; end: string; conflicts: { kind: string }[]; suggestions: unknown[] }[]; closureDates: string[] }[];
  people: { id: string; name: string }[];
}

/** Two fresh terms (source, then target), with `count` weekly series of demo teachers in the source. */
async function termsWithSeries(admin: Client, name: string, months: { source: [string, string]; target: [string, string] }, count: number) {
  const idOf = await directory(admin);
  const source = await admin.post('/api/v1/terms', { name: `${name} source`, startDate: months.source[0], endDate: months.source[1] });
  const target = await admin.post('/api/v1/terms', { name: `${name} target`, startDate: months.target[0], endDate: months.target[1] });
  expect([source.status, target.status]).toEqual([201, 201]);
  const series: string[] = [];
  for (let i = 0; i < count; i++) {
    const created = await admin.post('/api/v1/lesson-series', {
      teacherId: idOf(demo(`teacher${(i % 6) + 1}`)),
      studentIds: [idOf(demo(`student${i + 1}`))],
      termId: source.body.id,
      rrule: 'FREQ=WEEKLY;BYDAY=MO',
      startTime: `${String(8 + Math.floor(i / 6)).padStart(2, '0')}:00`,
      durationMinutes: 30,
      firstDate: months.source[0],
    });
    expect(created.status).toBe(201);
    series.push(created.body.series.id);
  }
  return { source: source.body.id as string, target: target.body.id as string, series, idOf };
}

beforeAll(async () => {
  const idOf = await directory(suite.admin);
  await openHours(suite.admin, [1, 2, 3, 4, 5, 6].map((n) => idOf(demo(`teacher${n}`))));
}, 60_000);

describe('term rollover', () => {
  it('previews the dates and clashes, refuses a commit that still clashes, then copies as chosen and only once', async () => {
    const { admin } = suite;
    // Source: January–March; target: April–June, with a closure on its fourth Monday.
    const t = await termsWithSeries(admin, 'Rollover', { source: [`${Y}-01-04`, `${Y}-03-26`], target: [`${Y}-04-12`, `${Y}-06-25`] }, 2);
    const targetMondays = mondays(`${Y}-04-12`, `${Y}-06-25`);
    const [, busyDay, , closed] = targetMondays;
    expect((await admin.post('/api/v1/closures', { name: 'May holiday', startDate: closed, endDate: closed })).status).toBe(201);
    // Teacher 1 is already busy on the target's second Monday at the first series' time (08:00 in London, summer time).
    const busy = await admin.post('/api/v1/lessons', { teacherId: t.idOf(demo('teacher1')), studentIds: [t.idOf(demo('student7'))], start: `${busyDay}T08:00:00+01:00`, end: `${busyDay}T08:30:00+01:00` });
    expect(busy.status).toBe(201);

    const before = await schedulingRows(suite.api.db.url);
    const previewed = await admin.post(`/api/v1/terms/${t.source}/rollover/preview`, { targetTermId: t.target });
    expect(previewed.status).toBe(200);
    const preview = previewed.body as Preview;
    expect(preview.series.map((s) => s.source.id).sort()).toEqual([...t.series].sort());
    const first = preview.series.find((s) => s.source.id === t.series[0])!;
    const second = preview.series.find((s) => s.source.id === t.series[1])!;
    expect(first.dates.map((d) => d.date)).toEqual(targetMondays.filter((d) => d !== closed));
    expect(first.closureDates).toEqual([closed]);
    expect(first.dates.filter((d) => d.conflicts.length > 0).map((d) => [d.date, d.conflicts[0].kind])).toEqual([[busyDay, 'teacher']]);
    expect(first.dates.find((d) => d.date === busyDay)?.suggestions.length).toBeGreaterThan(0);
    expect(second.dates.every((d) => d.conflicts.length === 0)).toBe(true);
    expect(preview.people.find((p) => p.id === first.source.teacherId)?.name).toBeTruthy();
    // A preview writes nothing.
    expect(await schedulingRows(suite.api.db.url)).toEqual(before);

    const copyBoth = [
      { seriesId: t.series[0], action: 'copy' },
      { seriesId: t.series[1], action: 'copy' },
    ];
    const refused = await admin.post(`/api/v1/terms/${t.source}/rollover`, { targetTermId: t.target, series: copyBoth });
    expectProblem(refused, 409, 'SCHEDULING.ROLLOVER_CONFLICT');
    expect(refused.body.series).toMatchObject([{ seriesId: t.series[0], occurrences: [{ date: busyDay }] }]);
    expect(await schedulingRows(suite.api.db.url)).toEqual(before);

    const moved = { date: busyDay, action: 'move', start: `${busyDay}T12:00:00+01:00`, end: `${busyDay}T12:30:00+01:00` };
    const committed = await admin.post(`/api/v1/terms/${t.source}/rollover`, { targetTermId: t.target, series: [{ ...copyBoth[0], resolutions: [moved] }, copyBoth[1]] });
    expect(committed.status).toBe(200);
    const created = committed.body.created as { sourceSeriesId: string; lessons: number; series: { id: string } }[];
    const lessons = targetMondays.length - 1;
    expect(created.map((c) => [c.sourceSeriesId, c.lessons]).sort()).toEqual(
      [
        [t.series[0], lessons],
        [t.series[1], lessons],
      ].sort(),
    );
    const firstCopy = created.find((c) => c.sourceSeriesId === t.series[0])!;
    expect(firstCopy.series).toMatchObject({ termId: t.target, firstDate: `${Y}-04-12`, untilDate: `${Y}-06-25`, rrule: 'FREQ=WEEKLY;BYDAY=MO', startTime: '08:00' });
    const detail = await admin.get(`/api/v1/lesson-series/${firstCopy.series.id}`);
    expect(detail.body.lessons.map((l: { start: string }) => l.start)).toContain(new Date(moved.start).toISOString());

    // Again: nothing more is created, and the preview names the copies.
    const after = await schedulingRows(suite.api.db.url);
    const again = await admin.post(`/api/v1/terms/${t.source}/rollover`, { targetTermId: t.target, series: copyBoth });
    expect(again.status).toBe(200);
    expect(again.body.created).toEqual([]);
    expect(again.body.alreadyCopied.map((c: { sourceSeriesId: string }) => c.sourceSeriesId).sort()).toEqual([...t.series].sort());
    expect(await schedulingRows(suite.api.db.url)).toEqual(after);
    const reread = (await admin.post(`/api/v1/terms/${t.source}/rollover/preview`, { targetTermId: t.target })).body as Preview;
    expect(reread.series.map((s) => s.copyId).sort()).toEqual(created.map((c) => c.series.id).sort());
    const trail = (await admin.get(`/api/v1/audit-events?entityId=${t.target}`)).body.items as { action: string }[];
    expect(trail.map((e) => e.action)).toContain('scheduling.term.rolled_over');
  });

  it('lets one of several racing commits copy the series: no series is copied twice and nothing is double-booked', async () => {
    const { admin, api } = suite;
    const t = await termsWithSeries(admin, 'Racing rollover', { source: [`${Y + 1}-01-04`, `${Y + 1}-03-26`], target: [`${Y + 1}-04-12`, `${Y + 1}-06-25`] }, 6);
    const sessions = await Promise.all([1, 2, 3, 4].map(() => signedIn(api.url, demo('admin'))));
    const body = { targetTermId: t.target, series: t.series.map((seriesId) => ({ seriesId, action: 'copy' })) };
    const replies: Reply<{ created: unknown[] }>[] = await Promise.all([...sessions, ...sessions].map((client) => client.post(`/api/v1/terms/${t.source}/rollover`, body)));
    const statuses = replies.map((r) => r.status);
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
    const created = replies.filter((r) => r.status === 200).map((r) => r.body.created.length);
    expect(created.filter((n) => n > 0)).toEqual([6]);
    const copies = await withClient(api.db.url, async (db) => (await db.query<{ n: string }>(`select count(*) as n from lesson_series where term_id = $1`, [t.target])).rows[0].n);
    expect(Number(copies)).toBe(6);
    expect(await doubleBookings(api.db.url)).toEqual([]);
  }, 120_000);

  it('refuses bad input naming the field, and changes nothing', async () => {
    const { admin } = suite;
    const t = await termsWithSeries(admin, 'Bad rollover', { source: [`${Y + 2}-01-04`, `${Y + 2}-03-26`], target: [`${Y + 2}-04-12`, `${Y + 2}-06-25`] }, 1);
    const before = await schedulingRows(suite.api.db.url);
    const cases: [string, unknown, string][] = [
      [`/api/v1/terms/${t.source}/rollover/preview`, { targetTermId: '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e' }, 'targetTermId'],
      [`/api/v1/terms/${t.source}/rollover/preview`, { targetTermId: t.source }, 'targetTermId'],
      [`/api/v1/terms/${t.target}/rollover/preview`, { targetTermId: t.source }, 'targetTermId'],
      [`/api/v1/terms/${t.source}/rollover/preview`, {}, 'targetTermId'],
      [`/api/v1/terms/${t.source}/rollover/preview`, { targetTermId: 'next' }, 'targetTermId'],
      [`/api/v1/terms/${t.source}/rollover`, { targetTermId: t.target, series: [{ seriesId: '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e', action: 'copy' }] }, 'series.0.seriesId'],
      [`/api/v1/terms/${t.source}/rollover`, { targetTermId: t.target, series: [{ seriesId: t.series[0], action: 'clone' }] }, 'series.0.action'],
      [`/api/v1/terms/${t.source}/rollover`, { targetTermId: t.target, series: [{ seriesId: t.series[0], action: 'copy', resolutions: [{ date: `${Y + 2}-04-13`, action: 'skip' }] }] }, 'series.0.resolutions.0.date'],
      [`/api/v1/terms/${t.target}/rollover`, { targetTermId: t.source, series: [] }, 'targetTermId'],
    ];
    for (const [path, body, field] of cases) {
      const reply = await admin.post(path, body);
      expect({ path, body, status: reply.status, fields: fieldsOf(reply) }).toEqual({ path, body, status: 400, fields: [field] });
    }
    expectProblem(await admin.post('/api/v1/terms/0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e/rollover/preview', { targetTermId: t.target }), 404, 'SCHEDULING.TERM_NOT_FOUND');
    expect(await schedulingRows(suite.api.db.url)).toEqual(before);
  });

  it('is for admins only: a teacher and a parent are refused', async () => {
    const { admin, api } = suite;
    const [term] = (await admin.get('/api/v1/terms')).body as { id: string }[];
    for (const who of ['teacher1', 'parent1']) {
      const client = await signedIn(api.url, demo(who));
      expect((await client.post(`/api/v1/terms/${term.id}/rollover/preview`, { targetTermId: term.id })).status).toBe(403);
      expect((await client.post(`/api/v1/terms/${term.id}/rollover`, { targetTermId: term.id, series: [] })).status).toBe(403);
    }
  });
});
