// A lesson's page in the console, in Chromium, against the running demo school: an admin edits a lesson, moves it
// and the rest of its series, cancels one with a makeup credit and ends a series; a teacher who is ill opens their
// lesson from the calendar and cancels it. Each series is another teacher's, so the steps do not meet.
import { apiAs, chromiumForSuite, DEMO, e2eBaseUrl, expectAccessible, freshPage, heading, mainNav, signedIn, VIEWPORTS } from '@cadenza/web/shared/testing-e2e';
import type { Page } from 'playwright-core';

const base = e2eBaseUrl();
const consoleUrl = `${base}/console/`;
const SHOTS = process.env['CADENZA_SCREENSHOTS'];

interface Listed {
  id: string;
  seriesId: string | null;
  teacherId: string;
  start: string;
  status: string;
}

/** A scheduled lesson of a series to come, one per teacher other than the demo teacher, a week or more ahead. */
async function lessonsOfOtherTeachers(): Promise<Listed[]> {
  const admin = await apiAs(base, DEMO.admin);
  const teachers = await admin<{ id: string; email: string }[]>('GET', '/users?role=teacher');
  const demoTeacher = teachers.find((t) => t.email === DEMO.teacher)?.id;
  const from = new Date(Date.now() + 7 * 86_400_000).toISOString();
  const to = new Date(Date.now() + 21 * 86_400_000).toISOString();
  const lessons = await admin<Listed[]>('GET', `/lessons?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
  const byTeacher = new Map<string, Listed>();
  for (const l of lessons) if (l.seriesId && l.status === 'scheduled' && l.teacherId !== demoTeacher && !byTeacher.has(l.teacherId)) byTeacher.set(l.teacherId, l);
  return [...byTeacher.values()];
}

async function openLesson(page: Page, id: string): Promise<void> {
  await page.goto(`${consoleUrl}lessons/${id}`);
  await page.getByTestId('lesson-title').waitFor();
}

async function status(page: Page, text: RegExp): Promise<string> {
  const line = page.getByTestId('lesson-status').filter({ hasText: text });
  await line.waitFor();
  return line.innerText();
}

describe('a lesson’s page', () => {
  const browser = chromiumForSuite();
  let lessons: Listed[] = [];

  beforeAll(async () => {
    lessons = await lessonsOfOtherTeachers();
    if (lessons.length < 4) throw new Error('the demo school needs lessons of four teachers besides the demo teacher');
  });

  it('shows an admin everything about a lesson, at 1280 and 375 px, and lets them change its length', async () => {
    for (const [name, viewport] of VIEWPORTS) {
      const page = await freshPage(browser(), viewport);
      await signedIn(page, consoleUrl, DEMO.admin);
      await openLesson(page, lessons[0].id);
      expect(await heading(page)).toMatch(/ with /);
      for (const term of ['Type', 'Teacher', 'Accompanist', 'Students', 'Room', 'Series']) await page.getByRole('term').filter({ hasText: term }).first().waitFor();
      expect(await page.locator('dd').filter({ hasText: /^Every / }).count()).toBe(1);
      await page.getByRole('heading', { name: 'History' }).waitFor();
      await expectAccessible(page, `lesson page (${name})`);
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/lesson-page-${name}.png`, fullPage: true });
      if (name === VIEWPORTS[0][0]) {
        await page.getByRole('button', { name: 'Edit' }).click();
        const length = page.getByLabel('Duration (minutes)');
        const minutes = Number(await length.inputValue());
        await length.fill(String(minutes - 5));
        await expectAccessible(page, 'edit form');
        if (SHOTS) await page.screenshot({ path: `${SHOTS}/lesson-edit-${name}.png`, fullPage: true });
        await page.getByRole('button', { name: 'Save changes' }).click();
        // A lesson outside its teacher's hours (moved there before) is refused with the soft conflict, which an admin may override.
        const changed = page.getByTestId('lesson-status').filter({ hasText: /Lesson changed/ });
        const refused = page.getByLabel('Reason to override');
        await Promise.race([changed.waitFor(), refused.waitFor()]);
        if (await refused.isVisible()) {
          await refused.fill('Agreed with the teacher');
          await page.getByRole('button', { name: 'Save anyway' }).click();
        }
        expect(await status(page, /Lesson changed/)).toBe('Lesson changed.');
        await page.getByRole('listitem').filter({ hasText: 'changed the lesson (end)' }).first().waitFor();
      }
      await page.context().close();
    }
  }, 240_000);

  it('lets an admin move a lesson and the rest of its series from the move dialog, with the keyboard', async () => {
    const page = await freshPage(browser());
    await signedIn(page, consoleUrl, DEMO.admin);
    await openLesson(page, lessons[1].id);
    await page.getByRole('button', { name: 'Move…' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Move the lesson' }).waitFor();
    await dialog.getByLabel('Start time').fill('07:30');
    await dialog.getByLabel('This and the following lessons of the series').check();
    await expectAccessible(page, 'move dialog');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/lesson-move-1280.png` });
    await dialog.getByRole('button', { name: 'Move', exact: true }).click();
    // Half past seven is outside the teacher's hours: a soft conflict that an admin may override with a reason.
    const moved = page.getByTestId('lesson-status').filter({ hasText: /Lesson moved/ });
    const refused = dialog.getByLabel('Reason to override');
    await Promise.race([moved.waitFor(), refused.waitFor()]);
    if (await refused.isVisible()) {
      await expectAccessible(page, 'move refused with soft conflicts');
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/lesson-move-refused-1280.png` });
      await refused.fill('Early slot agreed with the family');
      await dialog.getByRole('button', { name: 'Move anyway' }).click();
    }
    expect(await status(page, /Lesson moved/)).toMatch(/Lesson moved to .*07:30.*, and \d+ following\./);
    await page.getByRole('listitem').filter({ hasText: 'moved the lesson' }).first().waitFor();
    await page.context().close();
  }, 180_000);

  it('lets an admin cancel one lesson with a reason, granting the student a makeup credit, and end another series', async () => {
    const page = await freshPage(browser(), VIEWPORTS[1][1]);
    await signedIn(page, consoleUrl, DEMO.admin);
    await openLesson(page, lessons[2].id);
    await page.getByRole('button', { name: 'Cancel lesson' }).click();
    await page.getByRole('button', { name: 'Cancel the lesson' }).click();
    await page.getByText('Say why the lesson is cancelled.').waitFor();
    await page.getByLabel('Reason').fill('Hall booked for exams');
    await expectAccessible(page, 'cancel form on a phone');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/lesson-cancel-phone.png`, fullPage: true });
    await page.getByRole('button', { name: 'Cancel the lesson' }).click();
    expect(await status(page, /cancelled/)).toMatch(/^Lesson cancelled; \d+ makeup credits? granted\.$/);
    await page.getByText('A makeup credit was granted.').waitFor();

    await openLesson(page, lessons[3].id);
    await page.getByRole('button', { name: 'End series' }).click();
    const lastDay = await page.getByLabel('Last day').inputValue();
    await page.getByLabel('Reason').fill('The family is moving away');
    await page.getByRole('button', { name: 'End the series' }).click();
    expect(await status(page, /Series ended/)).toMatch(new RegExp(`^Series ended on ${lastDay}; \\d+ later lessons? cancelled\\.$`));
    await page.locator('dd').filter({ hasText: `to ${lastDay}` }).waitFor();
    await expectAccessible(page, 'series ended');
    await page.context().close();
  }, 180_000);

  it('lets a teacher who is ill open their lesson from the calendar and cancel it, the student getting a credit', async () => {
    const page = await freshPage(browser());
    await signedIn(page, consoleUrl, DEMO.teacher);
    await (await mainNav(page)).getByRole('link', { name: 'Schedule' }).click();
    await page.waitForURL(`${consoleUrl}schedule`);
    await page.getByRole('button', { name: 'Next' }).click();
    const event = page.locator('mwl-calendar-week-view .cal-event').first();
    await event.waitFor();
    await event.click();
    await page.waitForURL(/\/console\/lessons\//);
    await page.getByTestId('lesson-title').waitFor();
    await page.getByRole('button', { name: 'Cancel lesson' }).click();
    await page.getByLabel('Reason').fill('I am ill');
    await page.getByRole('button', { name: 'Cancel the lesson' }).click();
    expect(await status(page, /cancelled/)).toMatch(/^Lesson cancelled; \d+ makeup credits? granted\.$/);
    await expectAccessible(page, 'teacher cancelled');
    await page.context().close();
  }, 180_000);
});
