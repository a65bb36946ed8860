// The calendar feed on the account page, in Chromium against a running Cadenza with the demo school: a teacher makes
// their feed in the console, copies its address and a calendar app (here, fetch) reads their lessons from it; a new
// address stops the old one at once. A parent does the same in the portal on a 375 px phone.
import { chromiumForSuite, e2eBaseUrl, expectAccessible, freshPage, heading, PHONE, signedIn } from '@cadenza/web/shared/testing-e2e';

const base = e2eBaseUrl();

/** The feed at the address, as a calendar app reads it: its status and how many lessons it holds. */
async function feedAt(url: string): Promise<{ status: number; type: string | null; lessons: number }> {
  const response = await fetch(url);
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type'), lessons: text.split('BEGIN:VEVENT').length - 1 };
}

describe('calendar feed', () => {
  const browser = chromiumForSuite();

  it('a teacher makes their feed in the console, copies its address, and replaces it', async () => {
    const page = await freshPage(browser());
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    await signedIn(page, `${base}/console/`, 'teacher3@demo.cadenza.school');
    await page.goto(`${base}/console/account`);
    expect(await heading(page)).toBe('Account');
    const panel = page.getByTestId('calendar-feed');
    await panel.getByRole('heading', { name: 'Calendar feed' }).waitFor();
    expect(await panel.innerText()).toContain('the lessons you teach and accompany');
    await expectAccessible(page, 'account with no calendar feed');

    await panel.getByRole('button', { name: 'Make my calendar feed' }).click();
    await panel.getByTestId('calendar-feed-status').getByText('Your calendar feed is ready.').waitFor();
    const first = await panel.getByLabel('Your calendar feed address').inputValue();
    expect(first).toMatch(/\/api\/v1\/calendar\/feeds\/[A-Za-z0-9_-]{43}\.ics$/);
    await panel.getByRole('button', { name: 'Copy address' }).click();
    await panel.getByTestId('calendar-feed-status').getByText('Address copied.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(first);
    const feed = await feedAt(first);
    expect(feed).toMatchObject({ status: 200, type: expect.stringMatching(/^text\/calendar/) });
    await expectAccessible(page, 'account with its calendar feed address');
    await page.screenshot({ path: 'dist/screens/calendar-feed-console-1280.png', fullPage: true });

    await panel.getByRole('button', { name: 'Make a new address' }).click();
    await panel.getByTestId('calendar-feed-status').getByText('New address made. The old one no longer works.').waitFor();
    const second = await panel.getByLabel('Your calendar feed address').inputValue();
    expect(second).not.toBe(first);
    expect((await feedAt(first)).status).toBe(404);
    expect((await feedAt(second)).status).toBe(200);

    // After a reload the address is not shown again, only since when the feed exists.
    await page.reload();
    await panel.getByTestId('calendar-feed-since').waitFor();
    expect(await panel.getByLabel('Your calendar feed address').count()).toBe(0);
    await page.context().close();
  });

  it('a parent makes a feed of their children’s lessons in the portal on a phone', async () => {
    const page = await freshPage(browser(), PHONE);
    await signedIn(page, `${base}/`, 'parent2@demo.cadenza.school');
    await page.goto(`${base}/account`);
    const panel = page.getByTestId('calendar-feed');
    await panel.getByRole('heading', { name: 'Calendar feed' }).waitFor();
    expect(await panel.innerText()).toContain('your children’s lessons');
    await panel.getByRole('button', { name: 'Make my calendar feed' }).click();
    const address = await panel.getByLabel('Your calendar feed address').inputValue();
    const feed = await feedAt(address);
    expect(feed.status).toBe(200);
    expect(feed.lessons).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.scrollingElement?.scrollWidth ?? Number.POSITIVE_INFINITY)).toBeLessThanOrEqual(375);
    await expectAccessible(page, 'portal account with its calendar feed address on a phone');
    await page.screenshot({ path: 'dist/screens/calendar-feed-portal-375.png', fullPage: true });
    await page.context().close();
  });
});
