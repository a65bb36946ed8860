// Console flows that used to break, in Chromium against a running Cadenza with the demo school: a lesson dragged
// to a free time shows there at once, a series' conflicting dates are brought into view and "Create series" says
// why it waits, an accompanist sees whom a lesson is with, and a teacher's home lists the day's lessons.
// teacher1 (Clara Wieck) teaches weekdays in Studio 1 between 15:00 and 18:15, and is available until 20:00.
import { chromiumForSuite, DEMO, e2eBaseUrl, expectAccessible, freshPage, heading, mainNav, signedIn, VIEWPORTS } from '@cadenza/web/shared/testing-e2e';
import type { Locator, Page } from 'playwright-core';

const base = e2eBaseUrl();
const consoleUrl = `${base}/console/`;
const ACCOMPANIST = 'accompanist@demo.cadenza.school';
/** The hour the week view starts at (TIMETABLE_HOURS.dayStartHour). */
const FIRST_HOUR = 7;

type Box = { x: number; y: number; width: number; height: number };

async function settledBox(locator: Locator): Promise<Box> {
  let previous = '';
  for (let attempt = 0; attempt < 20; attempt++) {
    const box = await locator.boundingBox();
    const current = JSON.stringify(box);
    if (box && current === previous) return box;
    previous = current;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('The element kept moving.');
}

async function openSchedule(page: Page, email: string): Promise<void> {
  await signedIn(page, consoleUrl, email);
  await (await mainNav(page)).getByRole('link', { name: 'Schedule' }).click();
  await page.waitForURL(`${base}/console/schedule`);
  expect(await heading(page)).toBe('Schedule');
}

/** Errors the page threw (a failed handler logs `RangeError: Invalid time value` and leaves the calendar stale). */
function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  return errors;
}

describe('scheduling flows in the console', () => {
  const browser = chromiumForSuite();

  it('moves a lesson dragged to a free time and shows it there without a reload', async () => {
    const page = await freshPage(browser(), { width: 1440, height: 1000 });
    const errors = pageErrors(page);
    await openSchedule(page, DEMO.teacher);
    // Next week: all of it is still to come.
    await page.getByRole('button', { name: 'Next' }).click();
    const events = page.locator('mwl-calendar-week-view .cal-time-events .cal-event-container');
    await events.first().waitFor();
    const lesson = events.first();
    const title = (await lesson.innerText()).trim();
    // The calendar at the top of the window, its hours scrolled to show the afternoon: the lessons and 19:00.
    const calendar = page.getByTestId('calendar');
    await calendar.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await calendar.evaluate((el, hour) => {
      const row = el.querySelectorAll('.cal-time-events .cal-day-column')[0]?.querySelectorAll('.cal-hour')[hour];
      if (row) el.scrollTop += row.getBoundingClientRect().top - el.getBoundingClientRect().top - 450;
    }, 19 - FIRST_HOUR);
    const from = await settledBox(lesson);
    // The day column the lesson is in, and its 19:00 row: free in the demo timetable (teacher1's last lesson ends at 18:15).
    const columns = page.locator('mwl-calendar-week-view .cal-time-events .cal-day-column');
    let target: Box | null = null;
    for (let i = 0; i < (await columns.count()); i++) {
      const column = await columns.nth(i).boundingBox();
      if (column && from.x + from.width / 2 >= column.x && from.x + from.width / 2 <= column.x + column.width) {
        target = await columns.nth(i).locator('.cal-hour').nth(19 - FIRST_HOUR).boundingBox();
      }
    }
    if (!target) throw new Error('No 19:00 row under the lesson.');
    const viewport = page.viewportSize() ?? { width: 0, height: 0 };
    for (const y of [from.y, target.y]) {
      expect(y).toBeGreaterThan(60);
      expect(y + 30).toBeLessThan(viewport.height - 60);
    }
    await page.mouse.move(from.x + from.width / 2, from.y + 4);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2 + 4, from.y + 14, { steps: 5 });
    await page.mouse.move(from.x + from.width / 2, target.y + 4, { steps: 20 });
    await page.mouse.up();
    // The demo's lessons belong to series: the drop asks which lessons move, this one by default.
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Move the lesson' }).waitFor();
    await dialog.getByRole('button', { name: 'Move', exact: true }).click();

    const status = page.getByTestId('schedule-status');
    await status.filter({ hasText: 'Lesson moved to' }).waitFor();
    expect(await status.innerText()).toMatch(/Lesson moved to \w{3} \d{1,2} \w{3}, 19:00–19:\d\d\./);
    // The lesson is drawn at its new time, without a reload.
    const moved = page.locator('mwl-calendar-week-view .cal-event-container').filter({ hasText: title });
    const top = target.y;
    const offBy = async () => Math.abs(((await moved.first().boundingBox())?.y ?? 0) - top);
    for (let waited = 0; (await offBy()) > 2 && waited < 10_000; waited += 250) await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await offBy()).toBeLessThanOrEqual(2);
    expect(await page.getByRole('heading', { name: /Lessons in this period/ }).isVisible()).toBe(true);
    expect(await page.locator('.lesson-link').filter({ hasText: ', 19:00–' }).count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await expectAccessible(page, 'schedule after a move');
    await page.context().close();
  }, 180_000);

  it('brings a new series’ conflicting dates into view and says why it cannot be created yet', async () => {
    const page = await freshPage(browser(), { width: 1280, height: 800 });
    await openSchedule(page, DEMO.admin);
    await page.getByRole('button', { name: 'New series' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'New weekly series' }).waitFor();
    // Clara Wieck teaches Amelia Patel on Mondays at 15:00: the same again clashes every week.
    await dialog.getByLabel('Teacher').selectOption({ label: 'Clara Wieck' });
    await dialog.getByLabel('Students').selectOption([{ label: 'Amelia Patel' }]);
    await dialog.getByLabel('Monday').check();
    await dialog.getByLabel('Start time').fill('15:00');
    await dialog.getByLabel('Duration (minutes)').fill('30');
    await dialog.getByRole('button', { name: 'Create series' }).click();

    // The count of conflicting dates is announced (an alert) and titles the list.
    const conflicts = dialog.getByRole('alert').filter({ hasText: /^\d+ dates? conflicts?$/ });
    await conflicts.waitFor();
    // The conflicts are in view in the dialog's scrolled content, and focus is on them.
    const content = await settledBox(dialog.locator('mat-dialog-content'));
    const shown = await settledBox(conflicts);
    expect(shown.y).toBeGreaterThanOrEqual(content.y - 1);
    expect(shown.y + shown.height).toBeLessThanOrEqual(content.y + content.height + 1);
    expect(await conflicts.evaluate((el) => el === document.activeElement)).toBe(true);
    // Beside the greyed-out button, the reason.
    const create = dialog.getByRole('button', { name: 'Create series' });
    expect(await create.isDisabled()).toBe(true);
    const blocked = dialog.getByTestId('series-blocked');
    expect(await blocked.isVisible()).toBe(true);
    expect(await blocked.innerText()).toMatch(/^Choose skip or move for \d+ dates? to create the series\.$/);
    await expectAccessible(page, 'series conflicts');

    const occurrences = dialog.getByTestId('series-occurrence');
    for (let i = 0; i < (await occurrences.count()); i++) await occurrences.nth(i).getByLabel('Skip this date').check();
    expect(await blocked.count()).toBe(0);
    expect(await create.isDisabled()).toBe(false);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.context().close();
  }, 180_000);

  it('names the teacher of the lessons an accompanist plays for', async () => {
    const page = await freshPage(browser());
    await openSchedule(page, ACCOMPANIST);
    const lessons = page.locator('.lesson-link');
    await lessons.first().waitFor();
    const texts = await lessons.allInnerTexts();
    expect(texts.some((t) => /with (Nadia Boulanger|Grace Adeyemi)/.test(t))).toBe(true);
    expect(texts.filter((t) => / with Teacher\b/.test(t))).toEqual([]);
    await expectAccessible(page, 'accompanist schedule');
    await page.context().close();
  });

  it.each(VIEWPORTS)('lists a teacher’s lessons of the day on their home page (%s px)', async (_width, viewport) => {
    const page = await freshPage(browser(), viewport);
    await signedIn(page, consoleUrl, DEMO.teacher);
    const today = page.getByTestId('today-lessons');
    await today.getByRole('heading', { name: "Today's lessons" }).waitFor();
    await today.getByRole('link', { name: 'Open the schedule' }).waitFor();
    const counter = page.getByTestId('counter-lessonsToday');
    await counter.waitFor();
    const count = Number((await counter.locator('.value').innerText()).trim());
    const rows = today.getByTestId('today-lesson');
    expect(await rows.count()).toBe(count);
    if (count === 0) expect(await today.innerText()).toContain('No lessons today.');
    for (const row of await rows.allInnerTexts()) expect(row).toMatch(/^\d\d:\d\d–\d\d:\d\d\s+\S.* · /);
    const scrollWidth = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? Number.POSITIVE_INFINITY);
    expect(scrollWidth).toBeLessThanOrEqual(viewport.width);
    await expectAccessible(page, 'teacher home');
    await page.context().close();
  });
});
