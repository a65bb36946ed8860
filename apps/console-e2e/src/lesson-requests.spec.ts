// The requests queue in the console, in Chromium against the demo school: it opens on the requests waiting, Decided
// and Withdrawn show the rest with the view kept in the address; a family's request for weekly lessons with a date
// that clashes is approved with that date skipped, in the dialog that lists each clashing date and its choices; and
// the lesson a family asked to move reads "request pending" on its page and in the schedule.
import { apiAs, chromiumForSuite, DEMO, DESKTOP, e2eBaseUrl, expectAccessible, freshPage, heading, PHONE, restAs, signedIn } from '@cadenza/web/shared/testing-e2e';
import type { Page } from 'playwright-core';

const base = e2eBaseUrl();
const consoleUrl = `${base}/console/`;
const shots = process.env['CADENZA_SCREENSHOTS'];
const DAY = 86_400_000;

/** The wall-clock date (YYYY-MM-DD) of an instant in a zone. */
const dateIn = (instant: number, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));

/** The instant of `time` on `date` in `timeZone`, found by trying each whole-hour offset. */
function wallInstant(date: string, time: string, timeZone: string): string {
  const format = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  for (let offset = -14; offset <= 14; offset++) {
    const at = new Date(Date.parse(`${date}T${time}:00Z`) + offset * 3_600_000);
    const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
    if (`${parts['year']}-${parts['month']}-${parts['day']}` === date && `${parts['hour']}:${parts['minute']}` === time) return at.toISOString();
  }
  throw new Error(`no ${date} ${time} in ${timeZone}`);
}

async function screenshot(page: Page, name: string): Promise<void> {
  if (!shots) return;
  for (const [size, viewport] of [['1280', DESKTOP], ['375', PHONE]] as const) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: `${shots}/${name}-${size}.png`, fullPage: true });
  }
  await page.setViewportSize(DESKTOP);
}

describe('lesson requests in the console', () => {
  const browser = chromiumForSuite();

  it('shows the waiting requests first, filters decided and withdrawn, and approves weekly lessons with a clashing date skipped', async () => {
    // A family asks for weekly lessons at 19:00 on a weekday two weeks ahead, and the teacher has another lesson on its second date.
    const admin = await apiAs(base, DEMO.admin);
    const parent = await apiAs(base, DEMO.parent);
    // Amelia Patel, whose guardian has full access to her.
    const child = (await parent<{ children: { userId: string; name: string }[] }[]>('GET', '/families')).flatMap((f) => f.children).find((c) => c.name === 'Amelia Patel')!;
    const school = await admin<{ timeZone: string }>('GET', '/school');
    const term = (await admin<{ id: string; name: string; endDate: string }[]>('GET', '/terms')).find((t) => t.name === 'Current term')!;
    const teachers = await admin<{ id: string; email: string }[]>('GET', '/users');
    const teacher = teachers.find((u) => u.email === DEMO.teacher)!;
    const other = (await admin<{ id: string; email: string }[]>('GET', '/students')).find((s) => s.email === 'student30@demo.cadenza.school')!;
    // A weekday (Monday to Thursday) at least two weeks ahead whose first two weeks are open (no closure), taking turns
    // with the runs before so that they do not meet.
    const runs = (await admin<{ kind: string; status: string }[]>('GET', '/lesson-requests')).filter((r) => r.kind === 'new_series').length;
    const closures = await admin<{ startDate: string; endDate: string }[]>('GET', '/closures');
    const open = (date: string) => [1, 2, 3, 4].includes(new Date(`${date}T12:00:00Z`).getUTCDay()) && !closures.some((c) => c.startDate <= date && date <= c.endDate);
    const weekLater = (date: string) => dateIn(Date.parse(`${date}T12:00:00Z`) + 7 * DAY, school.timeZone);
    let firstDate = dateIn(Date.now() + 14 * DAY + (runs % 4) * DAY, school.timeZone);
    while (!open(firstDate) || !open(weekLater(firstDate))) firstDate = dateIn(Date.parse(`${firstDate}T12:00:00Z`) + DAY, school.timeZone);
    const secondDate = weekLater(firstDate);
    const clashAt = wallInstant(secondDate, '19:00', school.timeZone);
    await admin('POST', '/lessons', { teacherId: teacher.id, studentIds: [other.id], start: clashAt, end: new Date(Date.parse(clashAt) + 30 * 60_000).toISOString(), override: { reason: 'Extra lesson before an exam' } });
    const byday = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'][new Date(`${firstDate}T12:00:00Z`).getUTCDay()];
    const asked = await parent<{ id: string }>('POST', '/lesson-requests', {
      kind: 'new_series',
      studentId: child.userId,
      teacherId: teacher.id,
      termId: term.id,
      rrule: `FREQ=WEEKLY;BYDAY=${byday}`,
      startTime: '19:00',
      durationMinutes: 45,
      firstDate,
      message: 'Could we add an evening lesson each week?',
    });
    // And a request the family withdraws, for the Withdrawn view.
    const lessons = await admin<{ id: string; start: string; openRequests: unknown[] }[]>('GET', `/lessons?studentId=${child.userId}&from=${new Date(Date.now() + 3 * DAY).toISOString()}&to=${new Date(Date.now() + 40 * DAY).toISOString()}`);
    const quiet = lessons.find((l) => l.openRequests.length === 0)!;
    const moveTo = new Date(Date.parse(quiet.start) + 2 * 3_600_000).toISOString();
    const rest = await restAs(base, DEMO.parent);
    const reschedule = await rest('POST', '/lesson-requests', { kind: 'reschedule', lessonId: quiet.id, start: moveTo, end: new Date(Date.parse(moveTo) + 30 * 60_000).toISOString() });
    expect(reschedule.status).toBe(201);
    // A second of the same kind is refused with a link to the first.
    const again = await rest('POST', '/lesson-requests', { kind: 'reschedule', lessonId: quiet.id, start: moveTo, end: new Date(Date.parse(moveTo) + 30 * 60_000).toISOString() });
    expect({ status: again.status, code: again.body.code, href: again.body.href }).toEqual({ status: 409, code: 'SCHEDULING.REQUEST_EXISTS', href: `/api/v1/lesson-requests/${reschedule.body.id}` });

    const page = await freshPage(browser());
    await signedIn(page, consoleUrl, DEMO.admin);

    // The lesson asked about reads "request pending" on its page.
    await page.goto(`${consoleUrl}lessons/${quiet.id}`);
    await page.getByTestId('request-pending').filter({ hasText: 'Request pending' }).waitFor();
    await expectAccessible(page, 'lesson with a request pending');
    await screenshot(page, 'lesson-request-pending');

    // The queue opens on the waiting requests.
    await page.goto(`${consoleUrl}requests`);
    expect(await heading(page)).toBe('Requests');
    const views = page.getByTestId('request-views');
    await expect(views.getByRole('radio', { name: 'Pending' }).getAttribute('aria-checked')).resolves.toBe('true');
    const seriesCard = page.locator(`[data-request-id="${asked.id}"]`);
    await seriesCard.waitFor();
    expect(await seriesCard.innerText()).toMatch(/Every \w+day at 19:00, 45 minutes, from /);
    const statuses = await page.getByTestId('request').locator('.badge').allInnerTexts();
    expect(statuses.filter((s) => s !== 'pending' && s !== 'countered')).toEqual([]);
    await expectAccessible(page, 'requests, pending');
    await screenshot(page, 'requests-pending');

    // Approving finds the clashing date: the dialog lists it with its choices, and approves with it skipped.
    await seriesCard.getByRole('button', { name: 'Approve' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: new RegExp(`^Approve weekly lessons for ${child.name}`) }).waitFor();
    const dates = dialog.getByTestId('series-occurrence');
    expect(await dates.count()).toBeGreaterThanOrEqual(1);
    expect(await dialog.getByRole('button', { name: 'Approve with these choices' }).isDisabled()).toBe(true);
    expect(await dialog.getByTestId('approve-blocked').innerText()).toMatch(/^Choose skip or move for \d+ dates? to approve\.$/);
    await expectAccessible(page, 'approve with choices');
    await screenshot(page, 'requests-approve-choices');
    for (const date of await dates.all()) await date.getByLabel('Skip this date').check();
    await dialog.getByRole('button', { name: 'Approve with these choices' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('requests-status').filter({ hasText: 'Approved.' }).waitFor();
    expect(await seriesCard.locator('.badge').innerText()).toBe('approved');
    // Booked from its first date, without the date that clashed.
    const booked = (await admin<{ start: string }[]>('GET', `/lessons?studentId=${child.userId}&from=${wallInstant(firstDate, '00:00', school.timeZone)}&to=${new Date(Date.parse(`${firstDate}T00:00:00Z`) + 15 * DAY).toISOString()}`)).map((l) => l.start);
    expect(booked).toContain(wallInstant(firstDate, '19:00', school.timeZone));
    expect(booked).not.toContain(clashAt);

    // Decided: the approved one, newest first; the address keeps the view.
    await views.getByRole('radio', { name: 'Decided' }).click();
    await page.waitForURL(`${consoleUrl}requests?show=decided`);
    await page.locator(`[data-request-id="${asked.id}"]`).waitFor();
    expect((await page.getByTestId('request').locator('.badge').allInnerTexts()).every((s) => s === 'approved' || s === 'declined')).toBe(true);
    await expectAccessible(page, 'requests, decided');
    await screenshot(page, 'requests-decided');

    // Withdrawn: the family withdraws its reschedule, and a reload of the address shows it there.
    await parent('POST', `/lesson-requests/${reschedule.body.id}/withdraw`);
    await page.goto(`${consoleUrl}requests?show=withdrawn`);
    await page.locator(`[data-request-id="${reschedule.body.id}"]`).waitFor();
    await expect(views.getByRole('radio', { name: 'Withdrawn' }).getAttribute('aria-checked')).resolves.toBe('true');
    expect((await page.getByTestId('request').locator('.badge').allInnerTexts()).every((s) => s === 'withdrawn')).toBe(true);
    await expectAccessible(page, 'requests, withdrawn');
    await views.getByRole('radio', { name: 'Pending' }).click();
    await page.waitForURL(`${consoleUrl}requests`);
    await page.getByTestId('request').first().waitFor();
    expect(await page.locator(`[data-request-id="${reschedule.body.id}"]`).count()).toBe(0);
    await page.context().close();
  });
});
