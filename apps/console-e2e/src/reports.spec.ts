// The reports in Chromium against a running Cadenza with the demo school: an admin opens Reports from the navigation,
// sees room utilisation as a heat map and the attendance figures as a chart with its table, changes the period (the
// reports are asked again for it), downloads the attendance CSV, and follows a teacher's lesson count to the lessons
// behind it. A teacher on a phone sees their own figures. axe checks each page.
import { readFile } from 'node:fs/promises';
import { chromiumForSuite, DEMO, e2eBaseUrl, expectAccessible, freshPage, heading, mainNav, PHONE, signedIn } from '@cadenza/web/shared/testing-e2e';

const base = e2eBaseUrl();
const day = (offset: number) => {
  const today = new Date();
  return new Date(Date.UTC(today.getFullYear(), today.getMonth(), today.getDate()) + offset * 86_400_000).toISOString().slice(0, 10);
};

describe('the reports', () => {
  const browser = chromiumForSuite();
  const consoleUrl = `${base}/console/`;

  it('lets an admin change the period, download a CSV and follow a figure to its lessons', async () => {
    const page = await freshPage(browser());
    await signedIn(page, consoleUrl, DEMO.admin);
    await (await mainNav(page)).getByRole('link', { name: 'Reports' }).click();
    await page.waitForURL(/\/console\/reports$/);
    expect(await heading(page)).toBe('Reports');
    const rooms = page.getByRole('table', { name: 'Room utilisation' });
    const attendance = page.getByRole('table', { name: 'On-time starts and attendance' });
    await rooms.getByRole('row').nth(1).waitFor();
    await attendance.getByRole('row').nth(1).waitFor();
    expect(await page.getByRole('img', { name: /On-time starts and attendance by teacher/ }).count()).toBe(1);
    await expectAccessible(page, 'the school’s reports');

    // A shorter period: every report is asked again for it, and the heat map turns to days.
    const from = day(-13);
    const asked = page.waitForResponse((r) => r.url().includes('/api/v1/reports/attendance?') && r.url().includes(`from=${from}`) && r.status() === 200);
    await page.getByLabel('From').fill(from);
    await asked;
    await rooms.getByRole('columnheader').nth(2 + 13).waitFor();
    expect(await rooms.getByRole('columnheader').count()).toBe(2 + 14);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download CSV: attendance' }).click();
    const csv = await download;
    expect(csv.suggestedFilename()).toBe(`cadenza-attendance-${from}-${day(0)}.csv`);
    const text = await readFile((await csv.path())!, 'utf8');
    expect(text.split('\r\n')[0]).toBe('teacher,lessons,started,on_time,on_time_rate,places,marked,present,late,absent_with_notice,absent_without_notice,excused,attendance_rate');

    const figure = attendance.getByRole('link', { name: /lessons of / }).first();
    const count = Number((await figure.innerText()).trim());
    expect(count).toBeGreaterThan(0);
    await figure.click();
    await page.waitForURL(/\/console\/reports\/lessons\?/);
    expect(await heading(page)).toBe('Lessons behind the figure');
    expect(new URL(page.url()).searchParams.get('from')).toBe(from);
    const lessons = page.getByRole('table', { name: 'Lessons behind the figure' });
    await lessons.getByRole('row').nth(1).waitFor();
    expect(await lessons.getByRole('row').count()).toBe(1 + Math.min(count, 50));
    expect(await page.getByText(`1–${Math.min(count, 50)} of ${count}`, { exact: true }).count()).toBe(1);
    await expectAccessible(page, 'the lessons behind a figure');
    await page.context().close();
  });

  it('shows a teacher their own figures on a phone', async () => {
    const page = await freshPage(browser(), PHONE);
    await signedIn(page, consoleUrl, DEMO.teacher);
    await (await mainNav(page)).getByRole('link', { name: 'Reports' }).click();
    await page.waitForURL(/\/console\/reports$/);
    expect(await heading(page)).toBe('My figures');
    await page.getByRole('list', { name: 'In all' }).getByText(/on-time starts/).waitFor();
    await page.getByRole('table', { name: 'Week by week' }).getByRole('row').nth(1).waitFor();
    expect(await page.getByRole('heading', { name: 'Room utilisation' }).count()).toBe(0);
    await expectAccessible(page, 'a teacher’s own figures');
    await page.context().close();
  });
});
