// Staff console journeys in Chromium, against a running Cadenza with the demo school.
import { chromiumForSuite, DEMO, e2eBaseUrl, expectAccessible, expectHome, expectWrongPasswordRefused, freshPage, heading, signIn, signOut } from '@cadenza/web/shared/testing-e2e';

const base = e2eBaseUrl();
const console_ = `${base}/console/`;

describe('staff console', () => {
  const browser = chromiumForSuite();

  it.each([
    ['admin', DEMO.admin, 'Admin', ['Home', 'Schedule', 'Requests', 'Availability', 'Makeup credits', 'Settings', 'Register', 'Day register', 'Attendance settings', 'Reports', 'Messages', 'Safeguarding', 'Messaging settings', 'Delivery log', 'People', 'Billing', 'Import']],
    ['teacher', DEMO.teacher, 'Teacher', ['Home', 'Schedule', 'Requests', 'Availability', 'Register', 'Reports', 'Messages', 'My students', 'Google Calendar']],
  ])('lets the %s sign in, see who they are, stay signed in across a reload, and sign out', async (_who, email, role, nav) => {
    const page = await freshPage(browser());
    await signIn(page, console_, email);
    await page.waitForURL(`${base}/console/`);
    await expectHome(page, { email, role, nav });
    expect(await page.title()).toBe('Home · Cadenza Console');

    await page.reload();
    await expectHome(page, { email, role, nav });

    await signOut(page);
    expect(page.url()).toBe(`${base}/console/sign-in`);
    await expectAccessible(page, 'sign-in after sign-out');

    await page.goto(console_);
    await page.waitForURL(/\/console\/sign-in/);
    await page.context().close();
  });

  it('tells a parent to use the portal', async () => {
    const page = await freshPage(browser());
    await signIn(page, console_, DEMO.parent);
    await page.waitForURL(`${base}/console/switch-app`);
    expect(await heading(page)).toBe('Use the family portal');
    const link = page.getByRole('link', { name: 'Go to the family portal' });
    expect(await link.getAttribute('href')).toBe('/');
    await expectAccessible(page, 'switch-app');
    await page.context().close();
  });

  it('shows an error for a wrong password', async () => {
    const page = await freshPage(browser());
    await expectWrongPasswordRefused(page, console_, DEMO.admin);
    await page.context().close();
  });

  it('lets someone ask for a password reset, and says a bad invitation link cannot be used', async () => {
    const page = await freshPage(browser());
    await page.goto(`${base}/console/sign-in`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.waitForURL(`${base}/console/forgot-password`);
    expect(await heading(page)).toBe('Forgot your password?');
    expect(await page.title()).toBe('Forgot your password? · Cadenza Console');
    await expectAccessible(page, 'forgot-password');
    await page.getByLabel('Email').fill('teacher6@demo.cadenza.school');
    await page.getByRole('button', { name: 'Send reset link' }).click();
    const sent = page.getByRole('status');
    await sent.waitFor();
    expect(await sent.innerText()).toContain('If an account exists for that email, we have sent a link');
    await expectAccessible(page, 'forgot-password sent');

    await page.goto(`${base}/console/accept-invitation?token=bogus-token-bogus-token-123`);
    expect(await heading(page)).toBe('Accept your invitation');
    await expectAccessible(page, 'accept-invitation');
    await page.getByLabel('New password', { exact: true }).fill('a-brand-new-password');
    await page.getByLabel('Confirm new password').fill('a-brand-new-password');
    await page.getByRole('button', { name: 'Set password' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('not valid or has expired');
    expect(page.url()).toContain('/console/accept-invitation');
    await expectAccessible(page, 'accept-invitation with an error');
    await page.context().close();
  });

  it('sends a visitor without a session to sign in', async () => {
    const page = await freshPage(browser());
    await page.goto(`${base}/console/anything`);
    await page.waitForURL(/\/console\/sign-in/);
    expect(await heading(page)).toBe('Sign in');
    await page.context().close();
  });
});
