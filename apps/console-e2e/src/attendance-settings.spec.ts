// The school's attendance settings, in Chromium against a running Cadenza with the demo school: an admin on a phone
// is told under the field that a grace of 61 minutes is too long and nothing is saved; then saves a grace, a marking
// window and a reminder time that a reload shows. The settings are put back as they were. axe checks the form.
import type { AttendanceSettings } from '@cadenza/shared/contracts';
import { apiAs, DEMO, chromiumForSuite, e2eBaseUrl, expectAccessible, freshPage, heading, mainNav, PHONE, signedIn } from '@cadenza/web/shared/testing-e2e';

const base = e2eBaseUrl();

describe('the attendance settings', () => {
  const browser = chromiumForSuite();
  const consoleUrl = `${base}/console/`;

  it('names the field the server refuses and changes nothing, then saves what a reload shows', async () => {
    const admin = await apiAs(base, DEMO.admin);
    const before = await admin<AttendanceSettings>('GET', '/attendance/settings');
    try {
      const page = await freshPage(browser(), PHONE);
      await signedIn(page, consoleUrl, DEMO.admin);
      await (await mainNav(page)).getByRole('link', { name: 'Attendance settings' }).click();
      await page.waitForURL(/attendance-settings/);
      expect(await heading(page)).toBe('Attendance settings');
      const grace = page.getByLabel('Grace (minutes)');
      await grace.waitFor();
      expect(await grace.inputValue()).toBe(String(before.onTimeGraceMinutes));
      await expectAccessible(page, 'the attendance settings');

      await grace.fill('61');
      await page.getByLabel('Stays open (days after)').fill('10');
      await page.getByRole('button', { name: 'Save attendance settings' }).click();
      const error = page.getByTestId('onTimeGraceMinutes-error');
      await error.waitFor();
      expect(await error.innerText()).toBe('Must be at most 60.');
      expect(await grace.getAttribute('aria-invalid')).toBe('true');
      await expectAccessible(page, 'the attendance settings refusing a grace');
      expect(await admin<AttendanceSettings>('GET', '/attendance/settings')).toEqual(before);

      await grace.fill('3');
      await page.getByLabel('Missing-register reminder at').fill('19:30');
      await page.getByRole('checkbox', { name: /Tell guardians too/ }).check();
      await page.getByRole('button', { name: 'Save attendance settings' }).click();
      await page.getByRole('status').filter({ hasText: 'Attendance settings saved.' }).waitFor();
      expect(await error.count()).toBe(0);
      expect(await admin<AttendanceSettings>('GET', '/attendance/settings')).toEqual({ ...before, onTimeGraceMinutes: 3, markingWindowDays: 10, missingRegisterReminderTime: '19:30', streakAlertsToGuardians: true });

      await page.reload();
      await grace.waitFor();
      expect(await grace.inputValue()).toBe('3');
      expect(await page.getByLabel('Stays open (days after)').inputValue()).toBe('10');
      expect(await page.getByLabel('Missing-register reminder at').inputValue()).toBe('19:30');
      await page.context().close();
    } finally {
      await admin('PATCH', '/attendance/settings', before);
    }
  });
});
