// Paying an invoice in Chromium, against a running Cadenza with the demo school and its local Stripe: a parent opens
// last month's invoice, pays it on Stripe's (the fake's) hosted checkout, comes back and sees it paid; a view-only
// parent reads their family's invoice on a phone with no Pay button and downloads it as a PDF. Each page passes axe.
import { chromiumForSuite, e2eBaseUrl, expectAccessible, freshPage, heading, mainNav, PHONE, signedIn } from '@cadenza/web/shared/testing-e2e';

const base = e2eBaseUrl();
const portal = `${base}/`;
const demo = (local: string) => `${local}@demo.cadenza.school`;

describe('invoices in the portal', () => {
  const browser = chromiumForSuite();

  it('lets a parent pay last month’s invoice through the Stripe checkout and shows it paid when they are back', async () => {
    const page = await freshPage(browser());
    await signedIn(page, portal, demo('parent1'));
    await (await mainNav(page)).getByRole('link', { name: 'Invoices' }).click();
    await page.waitForURL(`${base}/invoices`);
    expect(await heading(page)).toBe('Invoices');
    const card = page.getByTestId('invoice').filter({ hasText: 'To pay' }).first();
    await card.waitFor();
    await expectAccessible(page, 'a parent’s invoices');
    await card.getByRole('link').click();
    const pay = page.getByRole('button', { name: /^Pay £[\d.,]+ now$/ });
    await pay.waitFor();
    const invoiceUrl = page.url();
    expect(await page.getByTestId('invoice-status').innerText()).toBe('To pay');
    await expectAccessible(page, 'an invoice to pay');
    await pay.click();
    await page.waitForURL(/\/checkout\/cs_test_/);
    await page.getByRole('button', { name: 'Pay', exact: true }).click();
    await page.waitForURL(`${invoiceUrl}?checkout=done`);
    await page.getByTestId('invoice-status').getByText('Paid', { exact: true }).waitFor({ timeout: 60_000 });
    await page.getByRole('status').getByText('Paid. Thank you.').waitFor();
    expect(await page.getByTestId('open-amount').innerText()).toBe('£0.00');
    expect(await page.getByTestId('payment').first().innerText()).toMatch(/^Card, /);
    expect(await page.getByRole('button', { name: /^Pay / }).count()).toBe(0);
    await expectAccessible(page, 'an invoice paid');
    await page.context().close();
  });

  it('shows a view-only parent their family’s invoice on a phone with no Pay button, and its PDF to download', async () => {
    const page = await freshPage(browser(), PHONE);
    await signedIn(page, portal, demo('parent5'));
    await page.goto(`${base}/invoices`);
    const card = page.getByTestId('invoice').first();
    await card.waitFor();
    await card.getByRole('link').click();
    await page.getByTestId('invoice-status').waitFor();
    await page.getByText('The family’s payer, or a guardian with full access, pays this invoice.').waitFor();
    expect(await page.getByRole('button', { name: /^Pay / }).count()).toBe(0);
    // Reading is enough to download the invoice as the server renders it.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /^Download PDF/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^invoice-\d+\.pdf$/);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const scrollWidth = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? Number.POSITIVE_INFINITY);
    expect(scrollWidth).toBeLessThanOrEqual(375);
    await expectAccessible(page, 'a view-only parent’s invoice on a phone');
    await page.context().close();
  });
});
