// Billing in the console, in Chromium against a running Cadenza with the demo school: an admin previews this month's
// run, follows its warning to Rates and prices every lesson type, previews again, starts the run and watches it bill
// the families without reloading (its progress is pushed on the socket), opens one of its invoices from the filtered
// list and records part of it paid in cash, a payment of more than is open being refused beside its amount. The
// settings refuse terms out of range under the field. On a phone every billing page fits the screen. axe on each page;
// screenshots at 1280 and 375 px in tmp/.
import { apiAs, chromiumForSuite, DEMO, e2eBaseUrl, expectAccessible, freshPage, heading, mainNav, PHONE, signedIn } from '@cadenza/web/shared/testing-e2e';
import type { Page } from 'playwright-core';

const base = e2eBaseUrl();
const consoleUrl = `${base}/console/`;
const month = (() => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
})();

async function fitsTheScreen(page: Page, width: number): Promise<void> {
  const scrollWidth = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? Number.POSITIVE_INFINITY);
  expect(scrollWidth).toBeLessThanOrEqual(width);
}

describe('billing in the console', () => {
  const browser = chromiumForSuite();

  it('an admin previews and issues a run and watches its progress, then records a cash payment on one of its invoices', async () => {
    const admin = await apiAs(base, DEMO.admin);
    // The families whose invoices the portal's journeys pay and read: the cash payment goes on another family's.
    const portalFamilies = new Set<string | null>();
    for (const parent of ['parent1', 'parent5']) {
      const api = await apiAs(base, `${parent}@demo.cadenza.school`);
      for (const invoice of await api<{ familyName: string | null }[]>('GET', '/invoices')) portalFamilies.add(invoice.familyName);
    }
    const types = await admin<{ id: string; name: string }[]>('GET', '/lesson-types');
    const priced = new Set((await admin<{ lessonTypeId: string }[]>('GET', '/billing/rates')).map((r) => r.lessonTypeId));

    const page = await freshPage(browser());
    await signedIn(page, consoleUrl, DEMO.admin);
    await (await mainNav(page)).getByRole('link', { name: 'Billing' }).click();
    await page.waitForURL(`${consoleUrl}billing/run`);
    expect(await heading(page)).toBe('Billing');
    expect(await page.title()).toBe('Billing run · Cadenza Console');
    expect(await page.getByLabel('Month').inputValue()).toBe(month);

    // The demo school's lessons are read by billing as the server starts: preview until it sees them.
    const preview = async () => {
      await page.getByRole('button', { name: 'Preview', exact: true }).click();
      await page.getByTestId('preview-invoices').waitFor();
    };
    await preview();
    for (let tries = 0; tries < 30 && priced.size === 0 && (await page.getByText('Lessons without a rate').count()) === 0; tries++) {
      await page.waitForTimeout(500);
      await preview();
    }
    await expectAccessible(page, 'the billing run, previewed');
    await page.screenshot({ path: 'tmp/billing-run-preview-1280.png', fullPage: true });

    // Each lesson type without a rate is priced on the Rates page, which the warnings lead to.
    if (types.some((t) => !priced.has(t.id))) {
      await page.getByRole('link', { name: 'Add a rate for their lesson type' }).first().click();
      await page.waitForURL(`${consoleUrl}billing/rates`);
      await page.getByRole('table').waitFor();
      await expectAccessible(page, 'the rates');
      for (const type of types.filter((t) => !priced.has(t.id))) {
        await page.getByRole('combobox', { name: 'Lesson type' }).click();
        await page.getByRole('option', { name: type.name, exact: true }).click();
        await page.getByLabel('Price (GBP)').fill('25');
        await page.getByRole('button', { name: 'Add the rate' }).click();
        await page.getByRole('status').filter({ hasText: `Added £25.00 for ${type.name}.` }).waitFor();
      }
      await page.screenshot({ path: 'tmp/billing-rates-1280.png', fullPage: true });
      await page.getByRole('tab', { name: 'Run' }).click();
      await page.waitForURL(`${consoleUrl}billing/run`);
      await preview();
    }
    expect(await page.getByText('Lessons without a rate').count()).toBe(0);
    const invoices = Number((await page.getByTestId('preview-invoices').innerText()).split(' ')[0]);
    expect(invoices).toBeGreaterThan(0);

    await page.getByRole('button', { name: /^Start the run for / }).click();
    // The page never reads the run again by itself: the families done arrive on the socket as batches are billed.
    const progress = page.getByTestId('run-progress');
    await progress.filter({ hasText: new RegExp(`families done \\(\\d+ of \\d+ batches\\), ${invoices} invoices? issued\\.`) }).waitFor({ timeout: 60_000 });
    const [done, all] = (await progress.innerText()).match(/^(\d+) of (\d+) families/)!.slice(1).map(Number);
    expect(done).toBe(all);
    await page.getByRole('heading', { name: /^Run finished / }).waitFor();
    await expectAccessible(page, 'the billing run, finished');
    await page.screenshot({ path: 'tmp/billing-run-finished-1280.png', fullPage: true });

    await page.getByRole('link', { name: /^See .*’s invoices$/ }).click();
    await page.waitForURL(`${consoleUrl}billing/invoices?period=${month}`);
    const rows = page.getByTestId('invoice-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(invoices);
    await expectAccessible(page, 'the month’s invoices');
    await page.screenshot({ path: 'tmp/billing-invoices-1280.png', fullPage: true });

    const families = await rows.evaluateAll((trs) => trs.map((tr) => (tr.children[1] as HTMLElement).innerText.trim()));
    const chosen = families.findIndex((f) => !portalFamilies.has(f));
    expect(chosen).toBeGreaterThanOrEqual(0);
    await rows.nth(chosen).getByRole('link').click();
    await page.waitForURL(/\/billing\/invoices\/[0-9a-f-]{36}$/);
    await page.getByTestId('invoice-status').filter({ hasText: /^To pay$/ }).waitFor();
    const open = await page.getByTestId('open-amount').innerText();

    await page.getByLabel(/^Amount/).fill('100000');
    await page.getByRole('button', { name: 'Record the payment' }).click();
    await page.getByTestId('amount-error').filter({ hasText: /^At most \d+ is open on the invoice\.$/ }).waitFor();
    expect(await page.getByTestId('open-amount').innerText()).toBe(open);
    await page.getByLabel(/^Amount/).fill('10');
    await page.getByLabel('Note (optional)').fill('Paid at the front desk');
    await page.getByRole('button', { name: 'Record the payment' }).click();
    await page.getByTestId('invoice-said').filter({ hasText: 'Recorded £10.00 paid by cash.' }).waitFor();
    await page.getByTestId('invoice-status').filter({ hasText: /^Partly paid$/ }).waitFor();
    expect(await page.getByTestId('paid-amount').innerText()).toBe('£10.00');
    expect(await page.getByTestId('payment').first().innerText()).toContain('Paid at the front desk');
    expect(await page.getByTestId('amount-error').count()).toBe(0);
    await expectAccessible(page, 'an invoice with a cash payment');
    await page.screenshot({ path: 'tmp/billing-invoice-1280.png', fullPage: true });

    // Terms out of range are named under their field, and nothing is saved.
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.waitForURL(`${consoleUrl}billing/settings`);
    const dueDays = page.getByLabel('Due after (days)');
    const before = await dueDays.inputValue();
    await dueDays.fill('400');
    await page.getByRole('button', { name: 'Save billing settings' }).click();
    await page.getByTestId('dueDays-error').waitFor();
    expect((await admin<{ dueDays: number }>('GET', '/billing/settings')).dueDays).toBe(Number(before));
    await expectAccessible(page, 'the billing settings, refused');
    await page.screenshot({ path: 'tmp/billing-settings-1280.png', fullPage: true });
    await page.context().close();
  }, 300_000);

  it('fits every billing page on a phone', async () => {
    const admin = await apiAs(base, DEMO.admin);
    const [invoice] = await admin<{ id: string }[]>('GET', '/invoices');
    const page = await freshPage(browser(), PHONE);
    await signedIn(page, consoleUrl, DEMO.admin);
    await (await mainNav(page)).getByRole('link', { name: 'Billing' }).click();
    await page.waitForURL(`${consoleUrl}billing/run`);
    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    await page.getByTestId('preview-invoices').waitFor();
    const pages: [string, string, () => Promise<unknown>][] = [
      ['run', 'billing/run', () => page.getByTestId('preview-invoices').waitFor()],
      ['invoices', 'billing/invoices', () => page.getByRole('status').filter({ hasText: /invoices?\.$/ }).waitFor()],
      ['invoice', `billing/invoices/${invoice!.id}`, () => page.getByTestId('invoice-status').waitFor()],
      ['rates', 'billing/rates', () => page.getByRole('button', { name: /^Add the rate|^Save the rate/ }).waitFor()],
      ['settings', 'billing/settings', () => page.getByRole('button', { name: 'Save billing settings' }).waitFor()],
    ];
    for (const [name, path, ready] of pages) {
      if (name !== 'run') await page.goto(`${consoleUrl}${path}`);
      await ready();
      await fitsTheScreen(page, PHONE.width);
      await expectAccessible(page, `billing ${name} on a phone`);
      await page.screenshot({ path: `tmp/billing-${name}-375.png`, fullPage: true });
    }
    await page.context().close();
  }, 180_000);
});
