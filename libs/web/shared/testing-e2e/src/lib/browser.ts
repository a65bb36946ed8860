import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

const cspViolations = new WeakMap<Page, string[]>();

/** A page in a fresh context (its own cookies), so journeys never share a session. */
export async function freshPage(browser: Browser, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'en-GB' });
  const page = await context.newPage();
  const violations: string[] = [];
  cspViolations.set(page, violations);
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return page;
}

/** Fails when the server's Content-Security-Policy blocked anything the page tried to load or run. */
export function expectNoCspViolations(page: Page): void {
  expect(cspViolations.get(page) ?? []).toEqual([]);
}

/** The text of the page's only h1, once the app has rendered one. */
export async function heading(page: Page): Promise<string> {
  const h1 = page.locator('h1');
  await h1.first().waitFor();
  expect(await h1.count()).toBe(1);
  return (await h1.innerText()).trim();
}
