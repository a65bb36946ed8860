import { BILLING_CONSOLE_API } from '@cadenza/web/billing/data-access-console';
import { openPage, textOf, type PageHarness } from '@cadenza/web/shared/data-access-api/testing';
import { BillingSettingsPage } from './billing-settings-page';

describe('BillingSettingsPage', () => {
  let page: PageHarness<BillingSettingsPage>;
  const type = async (name: string, value: string) => {
    const input = page.field(name);
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await page.settle();
  };

  beforeEach(async () => {
    page = await openPage(BillingSettingsPage, {});
    page.http.expectOne(BILLING_CONSOLE_API.settings).flush({ chargeBasis: 'in_advance', taxBasisPoints: 2000, siblingDiscountBasisPoints: 1000, dueDays: 14 });
    await page.settle();
  });
  afterEach(() => page.http.verify());

  it('shows percentages and saves every setting in basis points', async () => {
    expect(page.field('taxPercent').value).toBe('20');
    expect(page.field('siblingPercent').value).toBe('10');
    await type('taxPercent', '12.5');
    await type('dueDays', '30');
    page.button('Save billing settings').click();
    const put = page.http.expectOne(BILLING_CONSOLE_API.settings);
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toEqual({ chargeBasis: 'in_advance', taxBasisPoints: 1250, siblingDiscountBasisPoints: 1000, dueDays: 30 });
    put.flush({ chargeBasis: 'in_advance', taxBasisPoints: 1250, siblingDiscountBasisPoints: 1000, dueDays: 30 });
    await page.settle();
    expect(textOf(page.element.querySelector('.status'))).toBe('Billing settings saved.');
  });

  it('names the refused setting under its field', async () => {
    await type('dueDays', '400');
    page.button('Save billing settings').click();
    page.http.expectOne(BILLING_CONSOLE_API.settings).flush({ status: 400, code: 'VALIDATION', title: 'Bad request', errors: [{ field: 'dueDays', message: 'Must be at most 365.' }] }, { status: 400, statusText: 'Bad Request' });
    await page.settle();
    expect(textOf(page.element.querySelector('[data-testid="dueDays-error"]'))).toBe('Must be at most 365.');
    expect(page.field('dueDays').getAttribute('aria-invalid')).toBe('true');
  });
});
