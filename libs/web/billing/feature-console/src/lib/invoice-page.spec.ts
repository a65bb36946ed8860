import { REALTIME_EVENTS, type InvoiceDetail, type PaymentAnswer } from '@cadenza/shared/contracts';
import { BILLING_CONSOLE_API } from '@cadenza/web/billing/data-access-console';
import { anInvoice, gbp } from '@cadenza/web/billing/data-access-payments/testing';
import { openPage, textOf, type PageHarness } from '@cadenza/web/shared/data-access-api/testing';
import { InvoicePage } from './invoice-page';

const INVOICE = anInvoice();
const CASH: PaymentAnswer = { id: 'p-1', invoiceId: 'i-1', method: 'cash', amount: gbp(4000), refunded: gbp(0), disputed: gbp(0), net: gbp(4000), note: null, recordedAt: '2027-01-02T10:00:00.000Z' };
const url = `${BILLING_CONSOLE_API.invoices}/i-1`;
const refusal = (field: string, message: string) => [{ status: 400, code: 'BILLING.OVERPAYMENT', title: 'Bad request', errors: [{ field, message }] }, { status: 400, statusText: 'Bad Request' }] as const;

describe('InvoicePage (console)', () => {
  let page: PageHarness<InvoicePage>;
  const render = () => page.settle();
  const answer = async (invoice: InvoiceDetail, payments: PaymentAnswer[]) => {
    page.http.expectOne(url).flush(invoice);
    page.http.expectOne(`${url}/payments`).flush(payments);
    await render();
  };
  const type = async (name: string, value: string) => {
    const input = page.element.querySelector(`input[name="${name}"]`) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await render();
  };
  const submit = (label: string) => ([...page.element.querySelectorAll('button')].find((b) => textOf(b) === label) as HTMLButtonElement).click();

  beforeEach(async () => {
    page = await openPage(InvoicePage, { invoiceId: 'i-1' });
    await answer(INVOICE, []);
  });
  afterEach(() => page.http.verify());

  it('shows the lines, totals and history, and records a cash payment, reading the invoice again', async () => {
    expect(textOf(page.element.querySelector('[data-testid="invoice-title"]'))).toBe('Invoice 7');
    expect(textOf(page.element.querySelector('[data-testid="invoice-status"]'))).toBe('To pay');
    expect([...page.element.querySelectorAll('ol.history li')].map(textOf)).toEqual(['Drafted, 25 December 2026', 'Issued as number 7, 25 December 2026']);
    await type('amount', '40');
    await type('note', 'At the desk');
    submit('Record the payment');
    const post = page.http.expectOne(`${url}/payments`);
    expect(post.request.method).toBe('POST');
    expect(post.request.body).toEqual({ method: 'cash', amount: gbp(4000), note: 'At the desk' });
    post.flush(CASH);
    await answer({ ...INVOICE, status: 'partially_paid', paid: gbp(4000), open: gbp(6000) }, [CASH]);
    expect(textOf(page.element.querySelector('[data-testid="invoice-said"]'))).toBe('Recorded £40.00 paid by cash.');
    expect(textOf(page.element.querySelector('[data-testid="open-amount"]'))).toBe('£60.00');
    expect(page.element.querySelectorAll('[data-testid="payment"]')).toHaveLength(1);
  });

  it('names a refused payment beside its amount, and a refused refund beside its payment', async () => {
    await type('amount', '150');
    submit('Record the payment');
    page.http.expectOne(`${url}/payments`).flush(...refusal('amount.minor', 'At most 10000 is open on the invoice.'));
    await render();
    expect(textOf(page.element.querySelector('[data-testid="amount-error"]'))).toBe('At most 10000 is open on the invoice.');
    expect(page.element.querySelector('input[name="amount"]')?.getAttribute('aria-invalid')).toBe('true');

    page.realtime.emit(REALTIME_EVENTS.invoiceSettled, { invoiceId: 'i-1', status: 'partially_paid', paidMinor: 4000, openMinor: 6000 });
    await answer({ ...INVOICE, status: 'partially_paid', paid: gbp(4000), open: gbp(6000) }, [CASH]);
    await type('refund-p-1', '50');
    submit('Refund');
    const refund = page.http.expectOne(`${url}/refunds`);
    expect(refund.request.body).toEqual({ paymentId: 'p-1', amount: gbp(5000) });
    refund.flush(...refusal('amount.minor', 'At most 4000 is left of the payment.'));
    await render();
    expect(textOf(page.element.querySelector('[data-testid="refund-error"]'))).toBe('At most 4000 is left of the payment.');
  });

  it('follows the invoice live: a payment pushed for it reads it again, one for another invoice does not', async () => {
    page.realtime.emit(REALTIME_EVENTS.invoiceSettled, { invoiceId: 'i-2', status: 'paid', paidMinor: 100, openMinor: 0 });
    page.http.expectNone(url);
    page.realtime.emit(REALTIME_EVENTS.invoiceSettled, { invoiceId: 'i-1', status: 'paid', paidMinor: 10_000, openMinor: 0 });
    await answer({ ...INVOICE, status: 'paid', paid: gbp(10_000), open: gbp(0) }, [{ ...CASH, method: 'card', amount: gbp(10_000), net: gbp(10_000) }]);
    expect(textOf(page.element.querySelector('[data-testid="invoice-status"]'))).toBe('Paid');
    expect(page.element.querySelector('input[name="amount"]')).toBeNull();
  });
});
