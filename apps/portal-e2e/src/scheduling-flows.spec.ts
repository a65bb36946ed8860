// Portal flows that used to break, in Chromium against a running Cadenza with the demo school: booking a makeup
// lesson, what a parent with view-only access sees, where a refusal shows, what the cancellation policy says, and
// which times are offered to move a lesson. parent1 has full access to student1 and student2 (weekly lessons);
// parent2's child student4 has a makeup credit (the school cancelled a lesson); parent5 may only view their children.
import { chromiumForSuite, DEMO, e2eBaseUrl, expectAccessible, freshPage, heading, mainNav, signedIn } from '@cadenza/web/shared/testing-e2e';
import type { Page } from 'playwright-core';

const base = e2eBaseUrl();
const portal = `${base}/`;
const PARENT_WITH_CREDIT = 'parent2@demo.cadenza.school';
const VIEW_ONLY_PARENT = 'parent5@demo.cadenza.school';
const DAY = 86_400_000;

async function openPortalPage(page: Page, email: string, link: string, path: string, title: string): Promise<void> {
  await signedIn(page, portal, email);
  await (await mainNav(page)).getByRole('link', { name: link }).click();
  await page.waitForURL(`${base}/${path}`);
  expect(await heading(page)).toBe(title);
}

describe('scheduling flows in the portal', () => {
  const browser = chromiumForSuite();

  it('lets a parent book a makeup lesson with a credit', async () => {
    const page = await freshPage(browser());
    await openPortalPage(page, PARENT_WITH_CREDIT, 'Makeup credits', 'makeup-credits', 'Makeup credits');
    const credits = page.getByTestId('credit');
    await credits.filter({ has: page.getByRole('button', { name: 'Book a makeup lesson' }) }).first().waitFor();
    // Followed by its place in the list: once chosen, its button gives way to the free times.
    const available = await credits.evaluateAll((items) => items.map((item) => item.textContent?.includes('Book a makeup lesson') ?? false));
    const credit = credits.nth(available.indexOf(true));
    await credit.getByRole('button', { name: 'Book a makeup lesson' }).click();
    const times = credit.getByRole('list', { name: 'Free times' }).getByRole('button');
    await times.first().waitFor();
    expect(await credit.getByRole('alert').count()).toBe(0);
    await expectAccessible(page, 'makeup free times');
    const chosen = (await times.first().innerText()).trim();
    await times.first().click();
    await page.getByRole('status').filter({ hasText: 'Makeup lesson booked' }).waitFor();
    expect(await page.getByRole('status').innerText()).toBe(`Makeup lesson booked for ${chosen}.`);
    await page.context().close();
  }, 180_000);

  it('shows a parent with view-only access no way to change lessons', async () => {
    const page = await freshPage(browser());
    await openPortalPage(page, VIEW_ONLY_PARENT, 'Lessons', 'lessons', "Your children's lessons");
    await page.getByTestId('view-only').waitFor();
    expect(await page.getByTestId('view-only').innerText()).toMatch(/^You can see .+'s lessons but not change them: your access is view only\./);
    await page.getByTestId('lesson').first().waitFor();
    for (const name of ['Reschedule', 'Cancel', 'Request a lesson']) expect(await page.getByRole('button', { name }).count()).toBe(0);
    await expectAccessible(page, 'view-only lessons');

    await (await mainNav(page)).getByRole('link', { name: 'Requests' }).click();
    await page.waitForURL(`${base}/requests`);
    await page.getByRole('heading', { name: 'Requests', level: 1 }).waitFor();
    expect(await page.getByRole('button', { name: 'Withdraw' }).count()).toBe(0);
    await (await mainNav(page)).getByRole('link', { name: 'Makeup credits' }).click();
    await page.waitForURL(`${base}/makeup-credits`);
    expect(await page.getByRole('button', { name: 'Book a makeup lesson' }).count()).toBe(0);
    await page.context().close();
  });

  it('shows a refused request beside the form that sent it', async () => {
    const page = await freshPage(browser());
    await openPortalPage(page, DEMO.parent, 'Lessons', 'lessons', "Your children's lessons");
    await page.getByTestId('lesson').first().waitFor();
    await page.getByRole('button', { name: 'Request a lesson' }).click();
    const form = page.getByRole('region', { name: 'Request a lesson' });
    // Longer than a day: the server refuses it.
    await form.getByLabel('Minutes').fill('1500');
    await form.getByRole('button', { name: 'Send request' }).click();
    const refusal = form.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('shorter than 24 hours');
    expect(await refusal.isVisible()).toBe(true);
    await expectAccessible(page, 'refused request');
    await page.context().close();
  });

  it('says plainly whether the notice is met and that a credit follows an approval', async () => {
    const page = await freshPage(browser());
    await openPortalPage(page, DEMO.parent, 'Lessons', 'lessons', "Your children's lessons");
    const lessons = page.getByTestId('lesson').filter({ has: page.getByRole('button', { name: 'Cancel' }) });
    await lessons.first().waitFor();
    const starts = await lessons.evaluateAll((items) => items.map((item) => item.getAttribute('data-start') ?? ''));
    const far = starts.findIndex((start) => Date.parse(start) - Date.now() > 3 * DAY);
    expect(far).toBeGreaterThanOrEqual(0);
    const lesson = lessons.nth(far);
    await lesson.getByRole('button', { name: 'Cancel' }).click();
    const notice = lesson.getByTestId('cancellation-policy');
    const text = await notice.innerText();
    expect(text).toMatch(/The school asks for \d+ (hours|days)' notice to cancel a lesson\./);
    expect(text).toMatch(/The notice is met: the lesson is \d+ days away\./);
    expect(text).toContain('If the cancellation is approved, a makeup credit is granted');
    expect(text).not.toContain('within the notice period');
    await expectAccessible(page, 'cancellation notice');
    await lesson.getByRole('button', { name: 'Keep the lesson' }).click();
    await page.context().close();
  });

  it('offers times to move a lesson around the lesson’s own week', async () => {
    const page = await freshPage(browser());
    await openPortalPage(page, DEMO.parent, 'Lessons', 'lessons', "Your children's lessons");
    const lessons = page.getByTestId('lesson').filter({ has: page.getByRole('button', { name: 'Reschedule' }) });
    await lessons.first().waitFor();
    const starts = await lessons.evaluateAll((items) => items.map((item) => item.getAttribute('data-start') ?? ''));
    // A lesson two weeks or more ahead: the week before it is as free as its own.
    const far = starts.findIndex((start) => Date.parse(start) - Date.now() > 14 * DAY);
    expect(far).toBeGreaterThanOrEqual(0);
    const lesson = lessons.nth(far);
    const at = Date.parse(starts[far]);
    await lesson.getByRole('button', { name: 'Reschedule' }).click();
    const offered = lesson.getByRole('group', { name: 'Move this lesson to' }).locator('input[type=radio]:not([value=""])');
    await offered.first().waitFor();
    const times = (await offered.evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value))).map(Date.parse);
    expect(times.length).toBeGreaterThan(1);
    for (const time of times) expect(Math.abs(time - at)).toBeLessThanOrEqual(7 * DAY);
    // The nearest is on the lesson's own day or the next, not a week earlier.
    expect(Math.min(...times.map((time) => Math.abs(time - at)))).toBeLessThan(DAY);
    await expectAccessible(page, 'reschedule times');
    await page.context().close();
  });
});
