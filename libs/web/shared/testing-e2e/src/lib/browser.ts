import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** A page in a fresh context (its own cookies), so journeys never share a session. */
export async function freshPage(browser: Browser, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'en-GB' });
  return context.newPage();
}

/** The text of the page's only h1, once the app has rendered one. */
export async function heading(page: Page): Promise<string> {
  const h1 = page.locator('h1');
  await h1.first().waitFor();
  expect(await h1.count()).toBe(1);
  return (await h1.innerText()).trim();
}
