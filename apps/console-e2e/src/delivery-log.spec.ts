// The admins' delivery log and the school's reminder defaults, in Chromium against a running
// Cadenza with the demo school (its first start books lessons, so reminders are in the log).
// The journey puts back the defaults it changed and waits for what it expects.
import { apiAs, chromiumForSuite, DEMO, e2eBaseUrl, expectAccessible, freshPage, heading, mainNav, PHONE, signedIn } from '@cadenza/web/shared/testing-e2e';

const base = e2eBaseUrl();
const consoleUrl = `${base}/console/`;



describe('delivery log', () => {
  const browser = chromiumForSuite();

  it('shows an admin the recent sends, filters them, and keeps changed reminder defaults across a reload', async () => {
    const admin = await apiAs(base, DEMO.admin);
    const before = await admin<{ reminderOffsets: number[] }>('GET', '/notifications/settings');
    const minutes = 100 + Math.floor(Math.random() * 200);
    try {
      const page = await freshPage(browser());
      await signedIn(page, consoleUrl, DEMO.admin);
      await (await mainNav(page)).getByRole('link', { name: 'Delivery log' }).click();
      await page.waitForURL(`${base}/console/notifications/deliveries`);
      expect(await heading(page)).toBe('Delivery log');
      const rows = page.getByTestId('delivery-row');
      await rows.first().waitFor();
      expect(await rows.count()).toBeGreaterThan(0);
      // Recipients are named from the school's members, not shown as ids.
      expect((await rows.first().getByTestId('recipient').innerText()).trim()).not.toMatch(/^[0-9a-f-]{36}$/);
      await expectAccessible(page, 'delivery log');

      // A full first page offers the older sends, which are appended after it.
      const firstPage = await admin<unknown[]>('GET', '/notifications/deliveries?limit=100');
      const olderButton = page.getByRole('button', { name: 'Show older sends' });
      if (firstPage.length === 100) {
        await olderButton.click();
        await page.waitForFunction(() => document.querySelectorAll('[data-testid="delivery-row"]').length > 100);
      } else {
        expect(await olderButton.count()).toBe(0);
      }

      const firstStatus = (await rows.first().getByTestId('status-chip').innerText()).trim();
      await Promise.all([
        page.waitForResponse((r) => r.url().includes('/notifications/deliveries?') && r.url().includes(`status=${firstStatus.toLowerCase()}`)),
        page.getByLabel('Status', { exact: true }).selectOption({ label: firstStatus }),
      ]);
      await rows.first().waitFor();
      const chips = await rows.getByTestId('status-chip').allInnerTexts();
      expect(new Set(chips.map((c) => c.trim()))).toEqual(new Set([firstStatus]));

      // And to one person: every row is theirs.
      const someone = (await rows.first().getByTestId('recipient').innerText()).trim();
      await Promise.all([
        page.waitForResponse((r) => r.url().includes('/notifications/deliveries?') && r.url().includes('recipientId=')),
        page.getByLabel('Recipient', { exact: true }).selectOption({ label: someone }),
      ]);
      await rows.first().waitFor();
      expect(new Set((await rows.getByTestId('recipient').allInnerTexts()).map((r) => r.trim()))).toEqual(new Set([someone]));

      await page.getByLabel('Reminder 1 (minutes)').waitFor();
      await page.getByLabel('Reminder 1 (minutes)').fill('2');
      await page.getByRole('button', { name: 'Save reminder defaults' }).click();
      await page.getByTestId('offset-0-error').waitFor();
      expect((await page.getByTestId('offset-0-error').innerText()).trim()).toBe('At least 5 minutes.');

      await page.getByLabel('Reminder 1 (minutes)').fill(String(minutes));
      await page.getByRole('button', { name: 'Save reminder defaults' }).click();
      await page.getByRole('status').filter({ hasText: 'Reminder defaults saved.' }).waitFor();
      await page.reload();
      await page.getByLabel('Reminder 1 (minutes)').waitFor();
      expect(await page.getByLabel('Reminder 1 (minutes)').inputValue()).toBe(String(minutes));
      const after = await admin<{ reminderOffsets: number[] }>('GET', '/notifications/settings');
      expect(after.reminderOffsets).toContain(minutes);
      await page.context().close();
    } finally {
      await admin('PATCH', '/notifications/settings', before);
    }
    expect(await admin<{ reminderOffsets: number[] }>('GET', '/notifications/settings')).toEqual(before);
  });

  it('fits the delivery log on a 375 px phone: only the table scrolls sideways', async () => {
    const page = await freshPage(browser(), PHONE);
    await signedIn(page, consoleUrl, DEMO.admin);
    await page.goto(`${base}/console/notifications/deliveries`);
    await page.getByTestId('delivery-row').first().waitFor();
    const scrollWidth = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? Number.POSITIVE_INFINITY);
    expect(scrollWidth).toBeLessThanOrEqual(375);
    await expectAccessible(page, 'phone delivery log');
    await page.context().close();
  });

  it('keeps the delivery log from teachers', async () => {
    const page = await freshPage(browser());
    await signedIn(page, consoleUrl, 'teacher3@demo.cadenza.school');
    const nav = await mainNav(page);
    await nav.getByRole('link', { name: 'Messages' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Delivery log' }).count()).toBe(0);
    await page.goto(`${base}/console/notifications/deliveries`);
    await page.waitForURL(consoleUrl);
    await page.context().close();
  });
});
