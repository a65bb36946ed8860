import type { BillingRate, LessonType, TeacherSummary } from '@cadenza/shared/contracts';
import { BILLING_CONSOLE_API } from '@cadenza/web/billing/data-access-console';
import { aMe, openPage, textOf, type PageHarness } from '@cadenza/web/shared/data-access-api/testing';
import { RatesPage } from './rates-page';

const TYPES: LessonType[] = [
  { id: 'lt-1', name: 'Piano, 30 minutes', durationMinutes: 30, format: 'individual', rateMinor: null },
  { id: 'lt-2', name: 'Choir', durationMinutes: 60, format: 'group', rateMinor: null },
];
const TEACHERS: TeacherSummary[] = [
  { id: 't-1', name: 'Clara Wieck', roles: ['teacher'] },
  { id: 't-2', name: 'Alma Accompanist', roles: ['accompanist'] },
];
const RATE: BillingRate = { id: 'r-1', lessonTypeId: 'lt-1', teacherId: null, durationMinutes: null, price: { minor: 2500, currency: 'GBP' }, format: 'individual' };
const CHOIR: BillingRate = { id: 'r-2', lessonTypeId: 'lt-2', teacherId: 't-1', durationMinutes: 60, price: { minor: 800, currency: 'GBP' }, format: 'group' };

describe('RatesPage', () => {
  let page: PageHarness<RatesPage>;
  const type = async (name: string, value: string) => {
    const input = page.field(name);
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await page.settle();
  };
  const rows = () => [...page.element.querySelectorAll('[data-testid="rate"]')].map((row) => [...row.querySelectorAll('td')].slice(0, 4).map(textOf));

  beforeEach(async () => {
    page = await openPage(RatesPage, {}, aMe({ roles: ['admin'] }));
    page.http.expectOne(BILLING_CONSOLE_API.rates).flush([RATE, CHOIR]);
    page.http.expectOne(BILLING_CONSOLE_API.lessonTypes).flush(TYPES);
    page.http.expectOne(BILLING_CONSOLE_API.teachers).flush(TEACHERS);
    await page.settle();
  });
  afterEach(() => page.http.verify());

  it("lists the rates with their type, teacher, length and price in the school's currency", () => {
    expect(rows()).toEqual([
      ['Piano, 30 minutes', 'Any teacher', 'Any length', '£25.00'],
      ['Choir (each student)', 'Clara Wieck', '60 minutes', '£8.00'],
    ]);
    expect(textOf(page.element.querySelector('.intro'))).toContain('in GBP');
  });

  it('changes a rate’s price in minor units, and deletes one', async () => {
    ([...page.element.querySelectorAll('button')].find((b) => b.getAttribute('aria-label') === 'Edit the rate of Piano, 30 minutes') as HTMLButtonElement).click();
    await page.settle();
    expect(page.field('price').value).toBe('25');
    await type('price', '27.5');
    page.button('Save the rate').click();
    const patch = page.http.expectOne(`${BILLING_CONSOLE_API.rates}/r-1`);
    expect(patch.request.method).toBe('PATCH');
    expect(patch.request.body).toEqual({ teacherId: null, durationMinutes: null, price: { minor: 2750, currency: 'GBP' } });
    patch.flush({ ...RATE, price: { minor: 2750, currency: 'GBP' } });
    await page.settle();
    expect(rows()[0]?.[3]).toBe('£27.50');

    ([...page.element.querySelectorAll('button')].find((b) => b.getAttribute('aria-label') === 'Delete the rate of Choir') as HTMLButtonElement).click();
    const remove = page.http.expectOne(`${BILLING_CONSOLE_API.rates}/r-2`);
    expect(remove.request.method).toBe('DELETE');
    remove.flush(null);
    await page.settle();
    expect(rows()).toHaveLength(1);
  });

  it('names what the server refuses under its field, adding nothing', async () => {
    await type('price', '0.005');
    page.button('Add the rate').click();
    const post = page.http.expectOne(BILLING_CONSOLE_API.rates);
    expect(post.request.body).toEqual({ lessonTypeId: '', teacherId: null, durationMinutes: null, price: { minor: 0.5, currency: 'GBP' } });
    post.flush(
      { status: 400, code: 'VALIDATION', title: 'Bad request', errors: [{ field: 'lessonTypeId', message: 'Must be a UUID.' }, { field: 'price.minor', message: 'A price is a whole number of minor units above zero.' }] },
      { status: 400, statusText: 'Bad Request' },
    );
    await page.settle();
    expect(textOf(page.element.querySelector('[data-testid="lessonTypeId-error"]'))).toBe('Must be a UUID.');
    expect(textOf(page.element.querySelector('[data-testid="price-error"]'))).toBe('A price is a whole number of minor units above zero.');
    expect(rows()).toHaveLength(2);
  });
});
