// The live counters on the home pages, in Chromium, against a running Cadenza with the demo
// school: the admin's "pending requests" goes up, without a reload, when a parent in another
// browser requests a lesson in the portal; "checked in now" when a teacher marks a student present.
import { bookLessonNow, chromiumForSuite, DEMO, e2eBaseUrl, expectAccessible, freshPage, mainNav, PHONE, restAs, signIn } from '@cadenza/web/shared/testing-e2e';
import type { Page } from 'playwright-core';

const base = e2eBaseUrl();
const consoleUrl = `${base}/console/`;

async function counter(page: Page, key: string): Promise<number> {
  const card = page.getByTestId(`counter-${key}`);
  await card.waitFor();
  return Number((await card.locator('.value').innerText()).trim());
}

/** Waits, without a reload (a mark on the window would be lost), for a counter to rise above `before`. */
async function risesLive(page: Page, key: string, before: number): Promise<void> {
  await page.waitForFunction(([selector, previous]) => Number(document.querySelector(selector as string)?.textContent?.trim()) > (previous as number), [`[data-testid="counter-${key}"] .value`, before], {
    timeout: 10_000,
  });
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
}

describe('home page counters', () => {
  const browser = chromiumForSuite();

  it('raises the admin’s pending requests live when a parent requests a lesson', async () => {
    const admin = await freshPage(browser());
    await signIn(admin, consoleUrl, DEMO.admin);
    await admin.waitForURL(consoleUrl);
    const region = admin.getByTestId('counters');
    await region.waitFor();
    expect(await region.getAttribute('aria-live')).toBe('polite');
    for (const key of ['lessonsToday', 'lessonsInProgress', 'freeRoomsNow', 'unreadMessages', 'openFlags']) await counter(admin, key);
    const before = await counter(admin, 'pendingRequests');
    await expectAccessible(admin, 'console home with counters');
    // A mark on the window: a reload would lose it.
    await admin.evaluate(() => Object.assign(window, { notReloaded: true }));

    // The parent, on a phone, sees their own counters and requests a lesson for a child.
    const parent = await freshPage(browser(), PHONE);
    await signIn(parent, `${base}/`, DEMO.parent);
    await parent.waitForURL(`${base}/`);
    expect(await counter(parent, 'upcomingLessons')).toBeGreaterThanOrEqual(0);
    expect(await counter(parent, 'unreadMessages')).toBeGreaterThanOrEqual(0);
    expect(await parent.getByTestId('counter-pendingRequests').count()).toBe(0);
    expect(await parent.evaluate(() => document.scrollingElement?.scrollWidth ?? Number.POSITIVE_INFINITY)).toBeLessThanOrEqual(375);
    await expectAccessible(parent, 'portal home with counters');
    await (await mainNav(parent)).getByRole('link', { name: 'Lessons' }).click();
    await parent.waitForURL(`${base}/lessons`);
    // Once the lessons are listed, the family and its teachers are known to the request form.
    await parent.getByTestId('lesson').first().waitFor();
    await parent.getByRole('button', { name: 'Request a lesson' }).click();
    await parent.getByLabel('Message (optional)').last().fill('Counters journey');
    await parent.getByRole('button', { name: 'Send request' }).click();
    await parent.getByTestId('lessons-status').filter({ hasText: 'Lesson requested' }).waitFor();
    await parent.context().close();

    await risesLive(admin, 'pendingRequests', before);
    await admin.context().close();
  });

  it('raises the admin’s students checked in live when a teacher marks one present', async () => {
    const office = await restAs(base, DEMO.admin);
    const users = (await office('GET', '/users')).body as { id: string; email: string }[];
    const idOf = (local: string) => users.find((u) => u.email === `${local}@demo.cadenza.school`)!.id;
    const lessonId = await bookLessonNow(office, { teacherId: idOf('teacher5'), studentIds: [idOf('student35')] }, 'Counters journey');

    const admin = await freshPage(browser());
    await signIn(admin, consoleUrl, DEMO.admin);
    await admin.waitForURL(consoleUrl);
    const before = await counter(admin, 'checkedInNow');
    await counter(admin, 'registersMissingToday');
    await admin.evaluate(() => Object.assign(window, { notReloaded: true }));

    const teacher = await restAs(base, 'teacher5@demo.cadenza.school');
    expect((await teacher('POST', `/attendance/lessons/${lessonId}/marks`, { marks: [{ studentId: idOf('student35'), status: 'present' }] })).status).toBeLessThan(300);
    await risesLive(admin, 'checkedInNow', before);
    await expectAccessible(admin, 'console home with a check-in counted');
    await admin.context().close();
  });
});
