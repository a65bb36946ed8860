import { Router } from '@angular/router';
import { TestBed } from '@angular/core/testing';
import type { InvoiceSummary } from '@cadenza/shared/contracts';
import { BILLING_CONSOLE_API } from '@cadenza/web/billing/data-access-console';
import { anInvoice, gbp } from '@cadenza/web/billing/data-access-payments/testing';
import { openPage, textOf, type PageHarness } from '@cadenza/web/shared/data-access-api/testing';
import { InvoicesPage } from './invoices-page';

/** An overdue invoice of £50.00 with £10.00 paid, as the list answers it. */
const invoice = (over: Partial<InvoiceSummary>): InvoiceSummary => anInvoice({ number: 3, status: 'overdue', subtotal: gbp(5000), total: gbp(5000), paid: gbp(1000), open: gbp(4000), ...over });

describe('InvoicesPage (console)', () => {
  let page: PageHarness<InvoicesPage>;

  beforeEach(async () => {
    page = await openPage(InvoicesPage, { status: 'overdue', period: '2027-01' });
    page.http.expectOne(BILLING_CONSOLE_API.accounts).flush([{ id: 'a-1', familyId: 'f-1', familyName: 'Adams family', ownStudentId: null, payerId: null, studentIds: [], discountBasisPoints: 0 }]);
  });
  afterEach(() => page.http.verify());

  it("asks for the address's filters and lists what matches, each leading to its page", async () => {
    const request = page.http.expectOne((r) => r.url === BILLING_CONSOLE_API.invoices);
    expect(request.request.params.keys().map((k) => [k, request.request.params.get(k)])).toEqual([
      ['status', 'overdue'],
      ['period', '2027-01'],
    ]);
    request.flush([invoice({})]);
    await page.settle();
    const cells = [...page.element.querySelectorAll('[data-testid="invoice-row"] td')].map(textOf);
    expect(cells).toEqual(['No. 3', 'Adams family', 'January 2027', 'Overdue', '£50.00', '£40.00']);
    expect(page.element.querySelector('[data-testid="invoice-row"] a')?.getAttribute('href')).toBe('/i-1');
    expect(textOf(page.element.querySelector('p[role="status"]'))).toBe('1 invoice match the filters.');
  });

  it('puts a changed filter in the address, and asks again when the address changes', async () => {
    page.http.expectOne((r) => r.url === BILLING_CONSOLE_API.invoices).flush([]);
    await page.settle();
    expect(textOf(page.element.querySelector('tbody'))).toBe('No invoices match the filters.');
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const month = page.field('period');
    month.value = '2027-02';
    month.dispatchEvent(new Event('input'));
    expect(navigate).toHaveBeenCalledWith([], { queryParams: { period: '2027-02' }, queryParamsHandling: 'merge', replaceUrl: true });
    page.fixture.componentRef.setInput('period', '2027-02');
    await page.settle();
    const again = page.http.expectOne((r) => r.url === BILLING_CONSOLE_API.invoices);
    expect(again.request.params.get('period')).toBe('2027-02');
    again.flush([invoice({ id: 'i-2', number: 4, status: 'paid', open: gbp(0) })]);
    await page.settle();
    expect(page.element.querySelectorAll('[data-testid="invoice-row"]')).toHaveLength(1);
  });
});
