// An admin rolls a term over in the console, in Chromium against the demo school: two terms of their own (far ahead,
// so the journey can run again), two weekly series in the first and a lesson in the second that clashes with one of
// them. The preview lists both series with their dates and the clash; the admin moves the clashing date to a free time
// offered, copies both, and the page then says each is already copied (copying again would create nothing).
import { apiAs, chromiumForSuite, DEMO, e2eBaseUrl, expectAccessible, freshPage, heading, signedIn, VIEWPORTS } from '@cadenza/web/shared/testing-e2e';

const base = e2eBaseUrl();
const consoleUrl = `${base}/console/`;
const shots = process.env.CADENZA_E2E_SCREENSHOTS;

/** The date `days` after a YYYY-MM-DD date. */
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const mondayFrom = (date: string) => addDays(date, (8 - new Date(`${date}T00:00:00Z`).getUTCDay()) % 7);

describe('term rollover in the console', () => {
  const browser = chromiumForSuite();

  it.each(VIEWPORTS)('an admin rolls a term over, moving the one clash to a free time (%s)', async (size, viewport) => {
    const api = await apiAs(base, DEMO.admin);
    const users = await api<{ id: string; email: string }[]>('GET', '/users');
    const idOf = (local: string) => users.find((u) => u.email === `${local}@demo.cadenza.school`)!.id;
    // A year of its own per run and width, far beyond the demo's terms.
    const year = 2200 + (Math.floor(Date.now() / 1000) % 400) * 2 + (size === '375' ? 1 : 0);
    const name = `Rollover ${year}`;
    const source = await api<{ id: string }>('POST', '/terms', { name: `${name} autumn`, startDate: `${year}-01-04`, endDate: `${year}-03-26` });
    const target = await api<{ id: string; name: string }>('POST', '/terms', { name: `${name} spring`, startDate: `${year}-04-12`, endDate: `${year}-06-25` });
    const series = { rrule: 'FREQ=WEEKLY;BYDAY=MO', durationMinutes: 45, termId: source.id, firstDate: `${year}-01-04` };
    await api('POST', '/lesson-series', { ...series, teacherId: idOf('teacher6'), studentIds: [idOf('student30')], startTime: '17:00' });
    await api('POST', '/lesson-series', { ...series, teacherId: idOf('teacher5'), studentIds: [idOf('student29')], startTime: '16:00' });
    // Teacher 6 is busy on the spring term's second Monday at 17:00 (London, summer time).
    const clashDay = addDays(mondayFrom(`${year}-04-12`), 7);
    await api('POST', '/lessons', { teacherId: idOf('teacher6'), studentIds: [idOf('student31')], start: `${clashDay}T17:00:00+01:00`, end: `${clashDay}T17:45:00+01:00` });

    const page = await freshPage(browser(), viewport);
    await signedIn(page, consoleUrl, DEMO.admin);
    await page.goto(`${consoleUrl}settings/rollover`);
    expect(await heading(page)).toBe('Settings');
    await page.getByRole('heading', { level: 2, name: 'Term rollover' }).waitFor();
    for (const [label, option] of [
      ['Copy from', `${name} autumn`],
      ['Copy into', `${name} spring`],
    ]) {
      await page.getByRole('combobox', { name: label }).click();
      await page.getByRole('option', { name: new RegExp(`^${option} `) }).click();
    }
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('status').filter({ hasText: `2 series checked against ${target.name}.` }).waitFor();
    const items = page.getByTestId('rollover-series');
    expect(await items.count()).toBe(2);
    const clashing = items.filter({ hasText: '1 clash' });
    await clashing.getByText(/Every Monday at 17:00, 45 min/).waitFor();
    expect(await items.filter({ hasText: 'No clashes' }).count()).toBe(1);
    // The clash says what it clashes with, and offers free times to move to.
    const clash = clashing.getByRole('group');
    expect(await clash.innerText()).toMatch(/already|busy|teach/i);
    if (shots) await page.screenshot({ path: `${shots}/rollover-preview-${size}.png`, fullPage: true });
    await expectAccessible(page, `term rollover preview (${size})`);
    await clash.getByRole('combobox', { name: `On ${clashDay}` }).click();
    await page.getByRole('option', { name: /^Move to / }).first().click();

    await page.getByRole('button', { name: `Copy 2 series into ${target.name}` }).click();
    await page.getByRole('status').filter({ hasText: new RegExp(`^Copied 2 series \\(\\d+ lessons\\) into ${target.name}\\.`) }).waitFor();
    expect(await items.filter({ hasText: 'Already copied' }).count()).toBe(2);
    expect(await page.getByRole('alert').count()).toBe(0);
    // No page-wide sideways scrolling on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    if (shots) await page.screenshot({ path: `${shots}/rollover-done-${size}.png`, fullPage: true });
    await expectAccessible(page, `term rollover done (${size})`);

    // The server agrees: both series have their copy, and the clashing Monday's lesson is not at 17:00.
    const again = await api<{ series: { copyId: string | null }[] }>('POST', `/terms/${source.id}/rollover/preview`, { targetTermId: target.id });
    expect(again.series.every((s) => s.copyId)).toBe(true);
    const lessons = await api<{ start: string; teacherId: string }[]>('GET', `/lessons?teacherId=${idOf('teacher6')}&from=${clashDay}T00:00:00Z&to=${addDays(clashDay, 14)}T00:00:00Z`);
    expect(lessons.filter((l) => l.start === new Date(`${clashDay}T17:00:00+01:00`).toISOString())).toHaveLength(1);
    expect(lessons.length).toBe(3);
    await page.context().close();
  });
});
