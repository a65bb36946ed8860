// The notification panel in the console's toolbar, in Chromium against a running Cadenza with the demo school:
// its text wraps inside the panel, beside (never under) the Mark read buttons, at 1280 and 375 px. The demo's
// teacher1 has notifications from the start (the families' pending requests wait for their decision).
import { chromiumForSuite, DEMO, e2eBaseUrl, expectAccessible, freshPage, signedIn, VIEWPORTS } from '@cadenza/web/shared/testing-e2e';

const base = e2eBaseUrl();
const consoleUrl = `${base}/console/`;

describe('notification panel', () => {
  const browser = chromiumForSuite();

  it.each(VIEWPORTS)('keeps each notification’s text inside the panel, beside its Mark read button (%s px)', async (_width, viewport) => {
    const page = await freshPage(browser(), viewport);
    await signedIn(page, consoleUrl, DEMO.teacher);
    await page.getByTestId('notification-bell').click();
    const feed = page.getByTestId('notification-feed');
    await feed.getByTestId('notification').first().waitFor();
    const panel = (await feed.boundingBox()) ?? { x: 0, y: 0, width: 0, height: 0 };
    const items = feed.getByTestId('notification');
    for (let i = 0; i < (await items.count()); i++) {
      const item = items.nth(i);
      const body = item.locator('.body');
      // The body wraps instead of running on past the panel's edge.
      expect(await body.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
      const text = (await item.locator('.text').boundingBox()) ?? panel;
      expect(text.x + text.width).toBeLessThanOrEqual(panel.x + panel.width);
      const mark = item.getByRole('button', { name: /^Mark read/ });
      if ((await mark.count()) > 0) {
        const button = (await mark.boundingBox()) ?? panel;
        // Side by side, not over one another.
        expect(text.x + text.width).toBeLessThanOrEqual(button.x + 1);
        expect(button.x + button.width).toBeLessThanOrEqual(panel.x + panel.width);
      }
    }
    await expectAccessible(page, 'notification panel');
    await page.context().close();
  });
});
