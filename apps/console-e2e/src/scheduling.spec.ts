// Scheduling journeys across the console and the portal, in Chromium, against a running
// Cadenza whose demo school has rooms, a current term and weekly lessons for every student.
// parent1's children are student1 (Amelia Patel), taught by teacher1, and student2, taught by
// teacher2: the reschedule journey asks for student1's lesson, so that it reaches teacher1.
import { chromiumForSuite, DEMO, e2eBaseUrl, expectAccessible, freshPage, heading, mainNav, signIn } from '@cadenza/web/shared/testing-e2e';
import type { Locator, Page } from 'playwright-core';

const base = e2eBaseUrl();
const consoleUrl = `${base}/console/`;
/** student1, parent1's child taught by teacher1 (DEMO.teacher). */
const CHILD_OF_DEMO_TEACHER = 'Amelia Patel';

type Box = { x: number; y: number; width: number; height: number };

/** The boxes of the located elements, once two measurements in a row agree (the page has settled). */
async function settledBoxes(locator: Locator): Promise<Box[]> {
  let previous = '';
  for (let attempt = 0; attempt < 20; attempt++) {
    const boxes: Box[] = [];
    for (let i = 0; i < (await locator.count()); i++) {
      const box = await locator.nth(i).boundingBox();
      if (box) boxes.push(box);
    }
    const current = JSON.stringify(boxes);
    if (current === previous) return boxes;
    previous = current;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('The calendar kept moving.');
}

async function openConsolePage(page: Page, email: string, path: string, title: string): Promise<void> {
  await signIn(page, consoleUrl, email);
  await page.waitForURL(consoleUrl);
  await (await mainNav(page)).getByRole('link', { name: title }).click();
  await page.waitForURL(`${base}/console/${path}`);
  expect(await heading(page)).toBe(title);
}

describe('scheduling', () => {
  const browser = chromiumForSuite();

  it('lets an admin book a weekly series, resolving any conflicting dates', async () => {
    const page = await freshPage(browser());
    await openConsolePage(page, DEMO.admin, 'schedule', 'Schedule');
    await page.getByTestId('calendar').waitFor();
    await expectAccessible(page, 'schedule');

    await page.getByRole('button', { name: 'New series' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'New weekly series' }).waitFor();
    await expectAccessible(page, 'series dialog');
    // The current term is preselected; pick a student and a quiet slot: Saturdays at 08:00.
    const students = dialog.getByLabel('Students');
    const firstStudent = await students.locator('option').first().getAttribute('value');
    await students.selectOption([firstStudent ?? '']);
    await dialog.getByLabel('Saturday').check();
    expect(await dialog.getByTestId('rrule').innerText()).toBe('FREQ=WEEKLY;BYDAY=SA');
    await dialog.getByLabel('Start time').fill('08:00');
    await dialog.getByLabel('Duration (minutes)').fill('30');
    await dialog.getByRole('button', { name: 'Create series' }).click();

    // Either the series is created at once, or the conflicting dates are listed to resolve.
    const created = page.getByTestId('schedule-status').filter({ hasText: 'Series created' });
    const conflicts = dialog.getByTestId('series-conflicts');
    await Promise.race([created.waitFor(), conflicts.waitFor()]);
    if (await conflicts.isVisible()) {
      await expectAccessible(page, 'series conflicts');
      const occurrences = dialog.getByTestId('series-occurrence');
      for (let i = 0; i < (await occurrences.count()); i++) await occurrences.nth(i).getByLabel('Skip this date').check();
      await dialog.getByRole('button', { name: 'Create series' }).click();
      await created.waitFor();
    }
    expect(await page.getByTestId('schedule-status').innerText()).toMatch(/Series created: \d+ lessons/);
    await expectAccessible(page, 'schedule after the series');
    await page.context().close();
  }, 180_000);

  it('opens the week at its lessons, with the day headers kept in view as the hours scroll', async () => {
    const page = await freshPage(browser(), { width: 1280, height: 900 });
    await openConsolePage(page, DEMO.teacher, 'schedule', 'Schedule');
    const calendar = page.getByTestId('calendar');
    const events = calendar.locator('mwl-calendar-week-view .cal-event');
    await events.first().waitFor();
    const headers = calendar.locator('.cal-day-headers');
    const top = async () => (await headers.boundingBox())?.y ?? NaN;
    const earliest = Math.min(...(await settledBoxes(events)).map((b) => b.y));
    // The demo teacher teaches in the afternoon: the timetable opened there, not at 07:00.
    expect(await calendar.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
    const box = (await calendar.boundingBox()) as Box;
    const headerBox = (await headers.boundingBox()) as Box;
    expect(earliest).toBeGreaterThanOrEqual(headerBox.y + headerBox.height - 1);
    expect(earliest).toBeLessThan(box.y + box.height);
    // Scrolling the hours leaves the day headers where they are.
    const before = await top();
    await calendar.evaluate((el) => el.scrollBy(0, 240));
    expect(await top()).toBeCloseTo(before, 0);
    await page.context().close();
  });

  it('refuses a drag-move into a conflict and suggests free slots, asking first which lessons of the series move', async () => {
    const page = await freshPage(browser(), { width: 1440, height: 1000 });
    await openConsolePage(page, DEMO.teacher, 'schedule', 'Schedule');
    const events = page.locator('mwl-calendar-week-view .cal-event');
    await events.first().waitFor();
    await expectAccessible(page, 'teacher schedule');
    // Find two lessons at different times, and drop the first onto the second (same teacher: a clash).
    // Both must be well inside the viewport: near its edges the drag scrolls the page, and the drop lands elsewhere.
    let boxes = await settledBoxes(events);
    const second = boxes.findIndex((b) => Math.abs(b.x - boxes[0].x) > 5 || Math.abs(b.y - boxes[0].y) > 5);
    if (second < 0) throw new Error('The demo teacher needs two lessons in the current week.');
    await page.evaluate((middle) => window.scrollBy(0, middle - window.innerHeight / 2), (boxes[0].y + boxes[second].y + boxes[second].height) / 2);
    boxes = await settledBoxes(events);
    const [from, to] = [boxes[0], boxes[second]];
    const viewport = page.viewportSize() ?? { width: 0, height: 0 };
    for (const b of [from, to]) {
      expect(b.y).toBeGreaterThan(60);
      expect(b.y + b.height).toBeLessThan(viewport.height - 60);
    }
    await page.mouse.move(from.x + from.width / 2, from.y + 4);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2 + 10, from.y + 14, { steps: 5 });
    await page.mouse.move(to.x + to.width / 2, to.y + 4, { steps: 20 });
    await page.mouse.up();

    // The demo's lessons belong to series: the drop asks which lessons move, this one by default.
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Move the lesson' }).waitFor();
    await expectAccessible(page, 'move dialog after a drag');
    expect(await dialog.getByLabel('This lesson only').isChecked()).toBe(true);
    await dialog.getByRole('button', { name: 'Move', exact: true }).click();
    const conflicts = dialog.getByTestId('conflicts');
    await conflicts.waitFor();
    expect(await conflicts.getByTestId('conflict').count()).toBeGreaterThan(0);
    expect(await conflicts.innerText()).toContain('Teacher busy');
    expect(await conflicts.getByTestId('suggestions').getByRole('button').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'move refused');
    await page.context().close();
  });

  it('lets a parent request a reschedule in the portal and the teacher approve it in the console', async () => {
    const parent = await freshPage(browser());
    await signIn(parent, `${base}/`, DEMO.parent);
    await parent.waitForURL(`${base}/`);
    await (await mainNav(parent)).getByRole('link', { name: 'Lessons' }).click();
    await parent.waitForURL(`${base}/lessons`);
    expect(await heading(parent)).toBe("Your children's lessons");
    const lesson = parent
      .getByTestId('lesson')
      .filter({ hasText: CHILD_OF_DEMO_TEACHER })
      .filter({ has: parent.getByRole('button', { name: 'Reschedule' }) })
      .first();
    await lesson.waitFor();
    // Each lesson says what, with whom and where: "Amelia Patel: Piano 30 with Clara Wieck · Studio 1".
    expect(await lesson.innerText()).toMatch(new RegExp(`${CHILD_OF_DEMO_TEACHER}: (?!Lesson)[^·\\n]+ with [^·\\n]+ · [^·\\n]+ · scheduled`));
    await expectAccessible(parent, 'portal lessons');
    await lesson.getByRole('button', { name: 'Reschedule' }).click();
    await lesson.getByRole('group', { name: 'Move this lesson to' }).waitFor();
    // Take the first free slot offered, or else the same time a day later.
    const radios = lesson.getByRole('radio');
    if ((await radios.count()) > 1) {
      await radios.first().check();
    } else {
      const date = lesson.getByLabel('New date');
      const value = await date.inputValue();
      const next = new Date(`${value}T12:00:00Z`);
      next.setUTCDate(next.getUTCDate() + 1);
      await date.fill(next.toISOString().slice(0, 10));
    }
    await lesson.getByLabel('Message (optional)').fill('Exam that afternoon, sorry!');
    await expectAccessible(parent, 'reschedule form');
    await lesson.getByRole('button', { name: 'Request reschedule' }).click();
    await parent.getByTestId('lessons-status').filter({ hasText: 'Reschedule requested' }).waitFor();
    // The family's requests list it, naming the child and the teacher.
    await (await mainNav(parent)).getByRole('link', { name: 'Requests' }).click();
    await parent.waitForURL(`${base}/requests`);
    const asked = parent.getByTestId('request').filter({ hasText: 'pending' }).filter({ has: parent.getByRole('heading', { name: new RegExp(`^Reschedule · ${CHILD_OF_DEMO_TEACHER} with \\S`) }) });
    await asked.first().waitFor();
    expect(await asked.first().getByTestId('request-lesson').innerText()).toMatch(/^The lesson now: /);
    await expectAccessible(parent, 'portal requests');
    await parent.context().close();

    const teacher = await freshPage(browser());
    await openConsolePage(teacher, DEMO.teacher, 'requests', 'Requests');
    const pending = teacher.getByTestId('request').filter({ hasText: 'Exam that afternoon, sorry!' }).filter({ hasText: 'pending' }).first();
    await pending.waitFor();
    await expectAccessible(teacher, 'requests');
    // Once decided it is no longer pending (and moves down the list): follow it by its id.
    const request = teacher.locator(`[data-request-id="${await pending.getAttribute('data-request-id')}"]`);
    // The teacher sees when the lesson is now, beside the time proposed.
    expect(await request.getByTestId('request-lesson').innerText()).toMatch(/^Lesson now: \w{3} \d{1,2} \w{3}, \d\d:\d\d–\d\d:\d\d/);
    // The actions line up with the text of the card above them.
    const [[text], [approve]] = [await settledBoxes(request.getByTestId('request-lesson')), await settledBoxes(request.getByRole('button', { name: 'Approve' }))];
    expect(Math.abs(approve.x - text.x)).toBeLessThanOrEqual(1);
    await request.getByRole('button', { name: 'Approve' }).click();
    await teacher.getByTestId('requests-status').filter({ hasText: 'Approved.' }).waitFor();
    expect(await request.innerText()).toContain('approved');
    // The card now says where the lesson went, and does not repeat the time asked for.
    expect(await request.getByTestId('request-lesson').innerText()).toMatch(/^Moved to: \w{3} \d{1,2} \w{3}, \d\d:\d\d–\d\d:\d\d/);
    expect(await request.getByTestId('request-proposed').count()).toBe(0);
    await expectAccessible(teacher, 'request approved');
    await teacher.context().close();
  });
});
