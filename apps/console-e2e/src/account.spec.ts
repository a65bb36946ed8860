// One's own account in Chromium, against a running Cadenza with the demo school: the accompanist
// renames themself and changes their password (their other session is signed out), then signs
// in with the new one; on a phone the navigation is a menu that leads there too.
import { chromiumForSuite, DEMO_PASSWORD, e2eBaseUrl, expectAccessible, freshPage, heading, mainNav, PHONE, signedIn, signIn, signOut } from '@cadenza/web/shared/testing-e2e';

const base = e2eBaseUrl();
const consoleUrl = `${base}/console/`;
const ACCOMPANIST = 'accompanist@demo.cadenza.school';

describe('own account', () => {
  const browser = chromiumForSuite();

  it('changes one’s name and password, signs the other session out, and signs in with the new password', async () => {
    const newName = `Sam Rivera-${Date.now() % 10_000}`;
    const newPassword = `a-new-password-${Date.now()}`;
    const other = await freshPage(browser());
    await signedIn(other, consoleUrl, ACCOMPANIST);
    const page = await freshPage(browser());
    await signedIn(page, consoleUrl, ACCOMPANIST);

    await page.getByTestId('shell-user').click();
    await page.waitForURL(`${base}/console/account`);
    expect(await heading(page)).toBe('Account');
    expect(await page.title()).toBe('Account · Cadenza Console');
    await expectAccessible(page, 'account');

    await page.getByLabel('Name').fill(newName);
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByTestId('profile-status').getByText('Profile saved.').waitFor();
    expect((await page.getByTestId('shell-user').innerText()).trim()).toBe(newName);

    await page.getByLabel('Current password').fill('not-my-password');
    await page.getByLabel('New password').fill(newPassword);
    await page.getByRole('button', { name: 'Change password' }).click();
    expect(await page.getByTestId('error-currentPassword').innerText()).toContain('not right');
    await expectAccessible(page, 'account with a wrong current password');

    await page.getByLabel('Current password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByTestId('password-status').getByText('Password changed.').waitFor();

    // The other session is over: its next page load finds no session and asks to sign in.
    await other.reload();
    await other.waitForURL(/\/console\/sign-in/);
    await other.context().close();

    await signOut(page);
    await signIn(page, consoleUrl, ACCOMPANIST, DEMO_PASSWORD);
    await page.getByRole('alert').waitFor();
    await signIn(page, consoleUrl, ACCOMPANIST, newPassword);
    await page.waitForURL(consoleUrl);
    expect((await page.getByTestId('me-name').innerText()).trim()).toBe(newName);
    await page.context().close();
  });

  it('on a 375 px phone the navigation is a menu, which leads to the account page', async () => {
    const page = await freshPage(browser(), PHONE);
    await signedIn(page, consoleUrl, 'teacher2@demo.cadenza.school');
    const menu = page.getByRole('button', { name: 'Menu' });
    expect(await menu.isVisible()).toBe(true);
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);

    const nav = await mainNav(page);
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    expect(await nav.getByRole('link').allInnerTexts()).toEqual(['Home', 'Schedule', 'Requests', 'Availability', 'Register', 'Reports', 'Messages', 'My students', 'Google Calendar', 'Account']);
    expect(await page.evaluate(() => document.scrollingElement?.scrollWidth ?? Number.POSITIVE_INFINITY)).toBeLessThanOrEqual(375);
    await expectAccessible(page, 'phone menu open');

    await nav.getByRole('link', { name: 'Account' }).click();
    await page.waitForURL(`${base}/console/account`);
    expect(await heading(page)).toBe('Account');
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);
    expect(await page.evaluate(() => document.scrollingElement?.scrollWidth ?? Number.POSITIVE_INFINITY)).toBeLessThanOrEqual(375);
    await expectAccessible(page, 'phone account');
    await page.context().close();
  });
});
