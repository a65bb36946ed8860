import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** The running Cadenza the journeys drive (CADENZA_E2E_URL), without a trailing slash. */
export function e2eBaseUrl(): string {
  return (process.env.CADENZA_E2E_URL ?? '').replace(/\/+$/, '');
}

/**
 * Launches Chromium before the suite's journeys and closes it after them; call it at the top of a `describe`.
 * Returns the suite's browser (available once the suite has started).
 */
export function chromiumForSuite(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    if (!e2eBaseUrl()) throw new Error('Set CADENZA_E2E_URL to the running Cadenza, e.g. http://localhost:3000');
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());
  return () => {
    if (!browser) throw new Error('The suite has not started Chromium yet');
    return browser;
  };
}

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 375, height: 812 };
/** The two widths every page is checked at, named for `it.each`. */
export const VIEWPORTS: [string, { width: number; height: number }][] = [
  ['1280', DESKTOP],
  ['375', PHONE],
];

const cspViolations = new WeakMap<Page, string[]>();

/** A page in a fresh context (its own cookies), so journeys never share a session. */
export async function freshPage(browser: Browser, viewport = DESKTOP): Promise<Page> {
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
