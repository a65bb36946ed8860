import { REALTIME_EVENTS, type BillingRunAnswer, type BillingRunPreview, type BillingRunProgressedEvent } from '@cadenza/shared/contracts';
import { BILLING_CONSOLE_API } from '@cadenza/web/billing/data-access-console';
import { gbp } from '@cadenza/web/billing/data-access-payments/testing';
import { openPage, textOf, type PageHarness } from '@cadenza/web/shared/data-access-api/testing';
import { BillingRunPage } from './billing-run-page';

const PREVIEW: BillingRunPreview = {
  period: { from: '2027-01-01', to: '2027-02-01' },
  run: null,
  accounts: [
    { accountId: 'a-1', familyName: 'Adams family', lessons: 4, credits: 1, total: gbp(7500), issued: true },
    { accountId: 'a-2', familyName: 'Brown family', lessons: 0, credits: 1, total: gbp(-2500), issued: false },
  ],
  totals: { accounts: 2, invoices: 1, amount: gbp(7500) },
  warnings: [
    { kind: 'no_rate', lessonId: 'l-1', studentId: null, teacherId: 't-1', start: '2027-01-12T16:00:00.000Z' },
    { kind: 'no_lesson_type', lessonId: 'l-2', studentId: null, teacherId: 't-1', start: '2027-01-13T16:00:00.000Z' },
  ],
};
const RUN: BillingRunAnswer = { id: 'r-1', period: { from: '2027-01-01', to: '2027-02-01' }, startedAt: '2026-12-25T06:00:00.000Z', startedBy: 'u-1', accounts: 420, batches: 3, accountsDone: 0, batchesDone: 0, invoices: 0, finished: false };
const progressed = (over: Partial<BillingRunProgressedEvent>) => ({ runId: 'r-1', periodFrom: '2027-01-01', accounts: 420, accountsDone: 200, batches: 3, batchesDone: 1, invoices: 188, finished: false, ...over });

describe('BillingRunPage', () => {
  let page: PageHarness<BillingRunPage>;
  const render = () => page.settle();
  const button = (name: string) => [...page.element.querySelectorAll('button')].find((b) => textOf(b)?.startsWith(name)) as HTMLButtonElement;
  const progress = () => textOf(page.element.querySelector('[data-testid="run-progress"]'));

  beforeEach(async () => {
    page = await openPage(BillingRunPage, {});
    const month = page.element.querySelector('input[name="period"]') as HTMLInputElement;
    month.value = '2027-01';
    month.dispatchEvent(new Event('input'));
    await render();
  });
  afterEach(() => page.http.verify());

  async function previewed(preview: BillingRunPreview = PREVIEW): Promise<void> {
    button('Preview').click();
    const request = page.http.expectOne(`${BILLING_CONSOLE_API.runs}/preview`);
    expect(request.request.body).toEqual({ period: '2027-01' });
    request.flush(preview);
    await render();
  }

  it("previews each family's total and the lessons it cannot charge, with the way to fix each", async () => {
    await previewed();
    expect(textOf(page.element.querySelector('[data-testid="preview-invoices"]'))).toBe('1 invoice');
    expect(textOf(page.element.querySelector('[data-testid="preview-amount"]'))).toBe('£75.00 in all');
    const rows = [...page.element.querySelectorAll('[data-testid="preview-family"]')].map((row) => [...row.querySelectorAll('td')].map(textOf));
    expect(rows).toEqual([
      ['Adams family', '4', '1', '£75.00'],
      ['Brown family (not invoiced: nothing to pay)', '0', '1', '-£25.00'],
    ]);
    const fixes = [...page.element.querySelectorAll('[data-testid="warning"] a')].map((a) => [textOf(a), a.getAttribute('href')]);
    expect(fixes).toEqual([
      ['Add a rate for their lesson type', '/rates'],
      ['Give the lesson a type', '/lessons/l-2'],
    ]);
    expect(button('Start the run for January 2027').disabled).toBe(false);
  });

  it('starts the run and follows its progress as the batches are pushed, ignoring other months and older counts', async () => {
    await previewed();
    button('Start the run for January 2027').click();
    const start = page.http.expectOne(BILLING_CONSOLE_API.runs);
    expect(start.request.body).toEqual({ period: '2027-01' });
    start.flush({ created: true, run: RUN });
    await render();
    expect(progress()).toBe('0 of 420 families done (0 of 3 batches), 0 invoices issued…');
    expect(button('Start the run')).toBeUndefined();

    page.realtime.emit(REALTIME_EVENTS.billingRunProgressed, progressed({ batchesDone: 2, accountsDone: 400, invoices: 380 }));
    page.realtime.emit(REALTIME_EVENTS.billingRunProgressed, progressed({ periodFrom: '2027-02-01', batchesDone: 3, accountsDone: 420, finished: true }));
    page.realtime.emit(REALTIME_EVENTS.billingRunProgressed, progressed({}));
    await render();
    expect(progress()).toBe('400 of 420 families done (2 of 3 batches), 380 invoices issued…');

    page.realtime.emit(REALTIME_EVENTS.billingRunProgressed, progressed({ batchesDone: 3, accountsDone: 420, invoices: 399, finished: true }));
    await render();
    expect(progress()).toBe('420 of 420 families done (3 of 3 batches), 399 invoices issued.');
    expect(page.element.querySelector('a[href="/invoices?period=2027-01"]')).not.toBeNull();
  });

  it('reads the run again when the socket comes back, and shows a month already run without Start', async () => {
    await previewed({ ...PREVIEW, run: { ...RUN, batchesDone: 1, accountsDone: 200, invoices: 190 } });
    expect(progress()).toBe('200 of 420 families done (1 of 3 batches), 190 invoices issued…');
    expect(button('Start the run')).toBeUndefined();
    page.realtime.reconnectedEvents.next();
    page.http.expectOne(`${BILLING_CONSOLE_API.runs}/2027-01`).flush({ ...RUN, batchesDone: 3, accountsDone: 420, invoices: 399, finished: true });
    await render();
    expect(progress()).toBe('420 of 420 families done (3 of 3 batches), 399 invoices issued.');
  });

  it('lists ten lessons of a kind of warning until asked for all of them', async () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ kind: 'no_rate' as const, lessonId: `l-${i}`, studentId: null, teacherId: 't-1', start: '2027-01-12T16:00:00.000Z' }));
    await previewed({ ...PREVIEW, warnings: many });
    expect(page.element.querySelectorAll('[data-testid="warning"]')).toHaveLength(10);
    button('Show all 12').click();
    await render();
    expect(page.element.querySelectorAll('[data-testid="warning"]')).toHaveLength(12);
    expect(button('Show all')).toBeUndefined();
  });

  it('names a refused month under the field', async () => {
    button('Preview').click();
    page.http.expectOne(`${BILLING_CONSOLE_API.runs}/preview`).flush({ status: 400, code: 'VALIDATION', title: 'Bad request', errors: [{ field: 'period', message: 'Must be a month, YYYY-MM.' }] }, { status: 400, statusText: 'Bad Request' });
    await render();
    expect(textOf(page.element.querySelector('#period-error'))).toBe('Must be a month, YYYY-MM.');
  });
});
