// A parent's family page in Chromium, against a running Cadenza with the demo school: the Taylor family (parent8 and
// parent26) has a child without a sign-in and one who left; a family the admin puts together shows up for its guardian.
import { apiAs, chromiumForSuite, e2eBaseUrl, expectAccessible, freshPage, heading, mainNav, PHONE, signedIn } from '@cadenza/web/shared/testing-e2e';
import type { Page } from 'playwright-core';

const base = e2eBaseUrl();
const portal = `${base}/`;
const demo = (local: string) => `${local}@demo.cadenza.school`;

interface Person {
  id: string;
  email: string;
}

/** A list item's title and line, as the page shows them. */
async function item(page: Page, list: string, name: string): Promise<string> {
  const found = page.getByRole('list', { name: list }).getByRole('listitem').filter({ hasText: name });
  await found.waitFor();
  return (await found.innerText()).replace(/\s+/g, ' ').trim();
}

describe('the family page of the portal', () => {
  const browser = chromiumForSuite();

  it('shows a parent their children, what they may do for each, and the other guardian who pays', async () => {
    const page = await freshPage(browser());
    await signedIn(page, portal, demo('parent8'));
    await (await mainNav(page)).getByRole('link', { name: 'Family' }).click();
    await page.waitForURL(`${base}/family`);
    expect(await heading(page)).toBe('Your family');
    expect(await page.title()).toBe('Family · Cadenza Portal');
    await page.getByRole('heading', { name: 'Taylor family' }).waitFor();
    expect(await item(page, 'Children', 'Sophie Taylor')).toBe('Sophie Taylor Under 18 · You can act for them');
    expect(await item(page, 'Children', 'Rosie Taylor')).toBe('Rosie Taylor Under 18 · You can act for them · No sign-in of their own');
    expect(await item(page, 'Children', 'Daniel Taylor')).toContain('Left the school');
    expect(await item(page, 'Guardians', 'Sam Kowalski')).toContain('Pays the family’s invoices');
    expect(await item(page, 'Guardians', 'Jordan Taylor')).toMatch(/^Jordan Taylor \(you\)/);
    await expectAccessible(page, 'family');
    await page.context().close();
  });

  it('fits a 375 px phone', async () => {
    const page = await freshPage(browser(), PHONE);
    await signedIn(page, portal, demo('parent26'));
    await (await mainNav(page)).getByRole('link', { name: 'Family' }).click();
    await page.getByRole('heading', { name: 'Taylor family' }).waitFor();
    expect(await item(page, 'Guardians', 'Sam Kowalski')).toMatch(/^Sam Kowalski \(you\)/);
    const scrollWidth = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? Number.POSITIVE_INFINITY);
    expect(scrollWidth).toBeLessThanOrEqual(375);
    await expectAccessible(page, 'family on a phone');
    await page.context().close();
  });

  it('shows a family the admin has just put together to its guardian, children and all', async () => {
    const admin = await apiAs(base, demo('admin'));
    const people = await admin<Person[]>('GET', '/users');
    const id = (local: string) => people.find((p) => p.email === demo(local))?.id ?? '';
    const family = await admin<{ id: string }>('POST', '/families', { name: 'The Okafor cousins' });
    await admin('POST', `/families/${family.id}/children`, { childId: id('student41') });
    await admin('POST', `/families/${family.id}/children`, { childId: id('student38') });
    await admin('POST', `/families/${family.id}/guardians`, { userId: id('parent25'), level: 'view' });
    try {
      const page = await freshPage(browser());
      await signedIn(page, portal, demo('parent25'));
      await page.goto(`${base}/family`);
      const card = page.getByTestId(`family-${family.id}`);
      await card.getByRole('heading', { name: 'The Okafor cousins' }).waitFor();
      expect(await heading(page)).toBe('Your families');
      const children = (await card.getByRole('list', { name: 'Children' }).getByRole('listitem').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
      expect(children).toHaveLength(2);
      expect(children.every((t) => t.includes('You can view'))).toBe(true);
      await expectAccessible(page, 'two families');
      await page.context().close();
    } finally {
      await admin('DELETE', `/families/${family.id}/guardians/${id('parent25')}`);
    }
  });
});
