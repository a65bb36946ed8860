// Connecting Google Calendar in Chromium against a running Cadenza whose api started the local Google fake (no Google
// client configured): a teacher opens Google Calendar from their menu, connects (Google's consent page, here the
// fake's, sends the browser back with a code and the state, which the page posts), sees their account and calendars,
// and saves their choice; an accompanist on a 375 px phone connects and disconnects.
import { chromiumForSuite, e2eBaseUrl, expectAccessible, freshPage, heading, PHONE, signedIn } from '@cadenza/web/shared/testing-e2e';

const base = e2eBaseUrl();
const shots = process.env['CADENZA_SCREENS'] ?? 'dist/screens';

describe('Google Calendar', () => {
  const browser = chromiumForSuite();

  it('a teacher connects from their menu, sees their account and calendars, and chooses which count as busy', async () => {
    const page = await freshPage(browser());
    await signedIn(page, `${base}/console/`, 'teacher6@demo.cadenza.school');
    await page.getByRole('link', { name: 'Google Calendar' }).click();
    await page.waitForURL(/\/console\/calendar-sync\/google$/);
    expect(await heading(page)).toBe('Google Calendar');
    // Run again against the same server, the teacher starts from a disconnected account.
    await page.getByTestId('google-not-connected').or(page.getByTestId('google-connected')).waitFor();
    if (await page.getByTestId('google-connected').isVisible()) await page.getByRole('button', { name: 'Disconnect' }).click();
    await page.getByTestId('google-not-connected').waitFor();
    await expectAccessible(page, 'Google Calendar, not connected');

    await page.getByRole('button', { name: 'Connect Google Calendar' }).click();
    await page.getByTestId('google-status').getByText('Google Calendar is connected.').waitFor();
    // The spent code and state are gone from the address bar.
    expect(new URL(page.url()).search).toBe('');
    expect(await page.getByTestId('google-account').innerText()).toBe('teacher6@demo.cadenza.school');
    const busy = page.getByRole('group', { name: 'Busy times come from' });
    await busy.getByRole('checkbox').nth(1).waitFor();
    expect(await busy.getByRole('checkbox').count()).toBe(2);
    expect(await busy.getByRole('checkbox', { name: 'teacher6@demo.cadenza.school (main calendar)', exact: true }).isChecked()).toBe(true);
    expect(await busy.getByRole('checkbox', { name: 'Cadenza', exact: true }).isChecked()).toBe(false);
    await expectAccessible(page, 'Google Calendar, connected');
    await page.screenshot({ path: `${shots}/google-calendar-console-1280.png`, fullPage: true });

    await busy.getByRole('checkbox', { name: 'Cadenza', exact: true }).check();
    await page.getByRole('button', { name: 'Save calendars' }).click();
    await page.getByTestId('google-status').getByText('Calendars saved.').waitFor();
    await page.reload();
    await page.getByTestId('google-connected').waitFor();
    await busy.getByRole('checkbox', { name: 'Cadenza', exact: true }).waitFor();
    expect(await busy.getByRole('checkbox', { name: 'Cadenza', exact: true }).isChecked()).toBe(true);
    await page.context().close();
  });

  it('an accompanist connects on a phone, then disconnects', async () => {
    const page = await freshPage(browser(), PHONE);
    await signedIn(page, `${base}/console/`, 'accompanist@demo.cadenza.school');
    await page.goto(`${base}/console/calendar-sync/google`);
    await page.getByTestId('google-not-connected').or(page.getByTestId('google-connected')).waitFor();
    if (await page.getByTestId('google-connected').isVisible()) await page.getByRole('button', { name: 'Disconnect' }).click();
    await page.getByRole('button', { name: 'Connect Google Calendar' }).click();
    await page.getByTestId('google-status').getByText('Google Calendar is connected.').waitFor();
    await page.getByRole('group', { name: 'Busy times come from' }).getByRole('checkbox').first().waitFor();
    await expectAccessible(page, 'Google Calendar on a phone');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${shots}/google-calendar-console-375.png`, fullPage: true });
    await page.getByRole('button', { name: 'Disconnect' }).click();
    await page.getByTestId('google-not-connected').waitFor();
    await page.getByText('Disconnected. Cadenza no longer reads your Google calendars.').waitFor();
    await page.context().close();
  });
});
