// Student and parent portal journeys in Chromium, against a running Cadenza with the demo school.
import { chromiumForSuite, DEMO, e2eBaseUrl, expectAccessible, expectHome, expectWrongPasswordRefused, freshPage, heading, mainNav, PHONE, signIn, signOut } from '@cadenza/web/shared/testing-e2e';

const base = e2eBaseUrl();
const portal = `${base}/`;
const PORTAL_NAV = ['Home', 'Lessons', 'Requests', 'Makeup credits', 'Messages', 'Practice', 'Invoices'];
/** Parents also have their family's page. */
const PARENT_NAV = [...PORTAL_NAV, 'Family'];

describe('family portal', () => {
  const browser = chromiumForSuite();

  it.each([
    ['student', DEMO.student, 'Student', PORTAL_NAV],
    ['parent', DEMO.parent, 'Parent', PARENT_NAV],
  ])('lets the %s sign in, see who they are, stay signed in across a reload, and sign out', async (_who, email, role, nav) => {
    const page = await freshPage(browser());
    await signIn(page, portal, email);
    await page.waitForURL(portal);
    await expectHome(page, { email, role, nav });
    expect(await page.title()).toBe('Home · Cadenza Portal');

    await page.reload();
    await expectHome(page, { email, role, nav });

    await signOut(page);
    expect(page.url()).toBe(`${base}/sign-in`);
    await expectAccessible(page, 'sign-in after sign-out');
    await page.context().close();
  });

  it('tells staff to use the console', async () => {
    const page = await freshPage(browser());
    await signIn(page, portal, DEMO.teacher);
    await page.waitForURL(`${base}/switch-app`);
    expect(await heading(page)).toBe('Use the staff console');
    expect(await page.getByRole('link', { name: 'Go to the staff console' }).getAttribute('href')).toBe('/console/');
    await expectAccessible(page, 'switch-app');
    await page.context().close();
  });

  it('shows an error for a wrong password', async () => {
    const page = await freshPage(browser());
    await expectWrongPasswordRefused(page, portal, DEMO.student);
    await page.context().close();
  });

  it('fits a 375 px wide phone without horizontal scrolling', async () => {
    const page = await freshPage(browser(), PHONE);
    await signIn(page, portal, DEMO.parent);
    await page.waitForURL(portal);
    await expectHome(page, { email: DEMO.parent, role: 'Parent', nav: [...PARENT_NAV, 'Account'] });
    const scrollWidth = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? Number.POSITIVE_INFINITY);
    expect(scrollWidth).toBeLessThanOrEqual(375);
    expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
    await page.context().close();
  });
});

describe('family portal scheduling', () => {
  const browser = chromiumForSuite();

  it('shows the lessons, requests and makeup credits on a phone without horizontal scrolling', async () => {
    const page = await freshPage(browser(), PHONE);
    await signIn(page, portal, DEMO.parent);
    await page.waitForURL(portal);
    for (const [path, title] of [
      ['lessons', "Your children's lessons"],
      ['requests', 'Requests'],
      ['makeup-credits', 'Makeup credits'],
    ] as const) {
      await (await mainNav(page)).getByRole('link', { name: path === 'lessons' ? 'Lessons' : title }).click();
      await page.waitForURL(`${base}/${path}`);
      expect(await heading(page)).toBe(title);
      await expectAccessible(page, path);
      const scrollWidth = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? Number.POSITIVE_INFINITY);
      expect(scrollWidth).toBeLessThanOrEqual(375);
    }
    await (await mainNav(page)).getByRole('link', { name: 'Lessons' }).click();
    const cancel = page.getByTestId('lesson').getByRole('button', { name: 'Cancel' }).first();
    await cancel.click();
    expect(await page.getByTestId('cancellation-policy').innerText()).toMatch(/hours' notice/);
    await expectAccessible(page, 'cancellation preview');
    await page.getByRole('button', { name: 'Keep the lesson' }).click();
    await page.context().close();
  });
});
