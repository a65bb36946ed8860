import { REALTIME_EVENTS, type InvoiceDetail } from '@cadenza/shared/contracts';
import { INVOICES_API } from '@cadenza/web/billing/data-access-payments';
import { anInvoice, gbp } from '@cadenza/web/billing/data-access-payments/testing';
import { openPage, textOf, type PageHarness } from '@cadenza/web/shared/data-access-api/testing';
import { InvoicePage } from './invoice-page';

const INVOICE = anInvoice({ history: [] });
const url = `${INVOICES_API}/i-1`;

describe('InvoicePage (portal)', () => {
  let page: PageHarness<InvoicePage>;
  const render = () => page.settle();
  const answer = async (invoice: InvoiceDetail, mayPay = true) => {
    page.http.expectOne(url).flush(invoice);
    page.http.expectOne(`${url}/payments`).flush([]);
    page.http.expectOne(`${url}/payment-options`).flush({ mayPay, payableNow: mayPay && invoice.open.minor > 0 });
    await render();
  };
  const status = () => textOf(page.element.querySelector('[data-testid="invoice-status"]'));

  async function open(checkout?: string): Promise<void> {
    page = await openPage(InvoicePage, checkout ? { invoiceId: 'i-1', checkout } : { invoiceId: 'i-1' });
    await answer(INVOICE);
  }
  afterEach(() => {
    page.fixture.destroy();
    page.http.verify();
  });

  it('back from the checkout, shows the invoice paid as soon as the payment is pushed, without waiting for a poll', async () => {
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'] });
    try {
      await open('done');
      expect(textOf(page.element.querySelector('p[role="status"]'))).toBe('Thank you. Waiting for the payment to reach the invoice…');
      page.realtime.emit(REALTIME_EVENTS.invoiceSettled, { invoiceId: 'i-1', status: 'paid', paidMinor: 10_000, openMinor: 0 });
      await answer({ ...INVOICE, status: 'paid', paid: gbp(10_000), open: gbp(0) });
      expect(status()).toBe('Paid');
      expect(textOf(page.element.querySelector('p[role="status"]'))).toBe('Paid. Thank you.');
      // Paid: the fallback reads stop.
      jest.advanceTimersByTime(60_000);
      page.http.expectNone(url);
    } finally {
      jest.useRealTimers();
    }
  });

  it('reads again on its own, every few seconds, if no push comes while it waits', async () => {
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'] });
    try {
      await open('done');
      jest.advanceTimersByTime(4_000);
      page.http.expectNone(url);
      jest.advanceTimersByTime(1_000);
      await answer({ ...INVOICE, status: 'paid', paid: gbp(10_000), open: gbp(0) });
      expect(status()).toBe('Paid');
    } finally {
      jest.useRealTimers();
    }
  });

  it('updates a page opened without a checkout when a payment is recorded, and ignores other invoices', async () => {
    await open();
    page.realtime.emit(REALTIME_EVENTS.invoiceSettled, { invoiceId: 'i-9', status: 'paid', paidMinor: 100, openMinor: 0 });
    page.http.expectNone(url);
    page.realtime.emit(REALTIME_EVENTS.invoiceSettled, { invoiceId: 'i-1', status: 'partially_paid', paidMinor: 4000, openMinor: 6000 });
    await answer({ ...INVOICE, status: 'partially_paid', paid: gbp(4000), open: gbp(6000) });
    expect(status()).toBe('Partly paid');
    expect(textOf(page.element.querySelector('[data-testid="open-amount"]'))).toBe('£60.00');
  });
});
