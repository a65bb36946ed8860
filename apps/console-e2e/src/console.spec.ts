// Staff console journeys in Chromium, against a running Cadenza with the demo school.
import { DEMO, expectAccessible, expectHome, freshPage, heading, launchChromium, signIn, signOut } from '@cadenza/web/shared/testing-e2e';
import type { Browser } from 'playwright-core';

const base = (process.env.CADENZA_E2E_URL ?? '').replace(/\/+$/, '');
const console_ = `${base}/console/`;

describe('staff console', () => {
  let browser: Browser;

  beforeAll(async () => {
    if (!base) throw new Error('Set CADENZA_E2E_URL to the running Cadenza, e.g. http://localhost:3000');
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it.each([
    ['admin', DEMO.admin, 'Admin'],
    ['teacher', DEMO.teacher, 'Teacher'],
  ])('lets the %s sign in, see who they are, stay signed in across a reload, and sign out', async (_who, email, role) => {
    const page = await freshPage(browser);
    await signIn(page, console_, email);
    await page.waitForURL(`${base}/console/`);
    await expectHome(page, { email, role });
    expect(await page.title()).toBe('Home · Cadenza Console');

    await page.reload();
    await expectHome(page, { email, role });

    await signOut(page);
    expect(page.url()).toBe(`${base}/console/sign-in`);
    await expectAccessible(page, 'sign-in after sign-out');

    await page.goto(console_);
    await page.waitForURL(/\/console\/sign-in/);
    await page.context().close();
  });

  it('tells a parent to use the portal', async () => {
    const page = await freshPage(browser);
    await signIn(page, console_, DEMO.parent);
    await page.waitForURL(`${base}/console/switch-app`);
    expect(await heading(page)).toBe('Use the family portal');
    const link = page.getByRole('link', { name: 'Go to the family portal' });
    expect(await link.getAttribute('href')).toBe('/');
    await expectAccessible(page, 'switch-app');
    await page.context().close();
  });

  it('shows an error for a wrong password', async () => {
    const page = await freshPage(browser);
    await signIn(page, console_, DEMO.admin, 'not-the-password');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect((await alert.innerText()).trim().length).toBeGreaterThan(0);
    expect(page.url()).toContain('/console/sign-in');
    await expectAccessible(page, 'sign-in with an error');
    await page.context().close();
  });

  it('sends a visitor without a session to sign in', async () => {
    const page = await freshPage(browser);
    await page.goto(`${base}/console/anything`);
    await page.waitForURL(/\/console\/sign-in/);
    expect(await heading(page)).toBe('Sign in');
    await page.context().close();
  });
});
