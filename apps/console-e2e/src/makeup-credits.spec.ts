// An admin keeps the school's makeup credits in the console, in Chromium against the demo school: "All students"
// lists every credit (it used to be empty although students 4 and 5 have credits), a credit is granted for a
// student's lesson with a reason, extended, spent on a makeup lesson booked for the family at one of the teacher's
// free times, and another voided with a reason; on a phone the table stacks instead of breaking its header.
import { apiAs, chromiumForSuite, DEMO, e2eBaseUrl, expectAccessible, freshPage, heading, signedIn, VIEWPORTS } from '@cadenza/web/shared/testing-e2e';

const base = e2eBaseUrl();
const consoleUrl = `${base}/console/`;

describe('makeup credits in the console', () => {
  const browser = chromiumForSuite();

  it.each(VIEWPORTS)('an admin lists, grants, extends, books and voids credits (%s)', async (size, viewport) => {
    const page = await freshPage(browser(), viewport);
    await signedIn(page, consoleUrl, DEMO.admin);
    await page.goto(`${consoleUrl}makeup-credits`);
    expect(await heading(page)).toBe('Makeup credits');

    // All students: the school's credits, each row naming its student.
    const rows = page.locator('tbody tr');
    await page.getByText(/^\d+ available of [1-9]\d*\.$/).waitFor();
    expect(await rows.filter({ hasText: 'No makeup credits.' }).count()).toBe(0);
    // Each heading and name stands on one line (the header used to break into letters on a phone): on a phone the
    // header is only for assistive technology and each row stacks, its cells after their column's name.
    const lineCount = (el: Element) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    };
    const headerShown = ((await page.locator('thead').boundingBox())?.height ?? 0) > 1;
    expect(headerShown).toBe(size === '1280');
    for (const cell of await page.locator(headerShown ? 'thead th:not(:has(.cz-visually-hidden)), tbody td:first-child' : 'tbody td:first-child').all()) {
      expect({ cell: await cell.innerText(), lines: await cell.evaluate(lineCount) }).toEqual({ cell: await cell.innerText(), lines: 1 });
    }
    await expectAccessible(page, `makeup credits, all students (${size})`);

    // A student without credits yet (the two widths take turns through the list, so that they do not meet), found
    // through the API: the page's own replies are not read back, as the browser may no longer hold their bodies.
    const admin = await apiAs(base, DEMO.admin);
    const options = await page.getByLabel('Student', { exact: true }).locator('option').evaluateAll((all) =>
      all.map((o) => ({ id: (o as HTMLOptionElement).value, name: o.textContent?.trim() ?? '' })).filter((o) => o.id !== ''),
    );
    let chosen = '';
    for (let i = size === '1280' ? 8 : 9; !chosen && i < options.length; i += 2) {
      if ((await admin<unknown[]>('GET', `/makeup-credits?studentId=${options[i]!.id}`)).length === 0) chosen = options[i]!.name;
    }
    expect(chosen).not.toBe('');
    await page.getByLabel('Student', { exact: true }).selectOption({ label: chosen });
    const grant = page.getByRole('form', { name: 'Grant a makeup credit' });
    const lessons = grant.getByLabel('For the lesson').locator('option');
    await lessons.nth(2).waitFor({ state: 'attached' });
    await page.getByText('0 available of 0.').waitFor();
    for (const [index, reason] of [[1, 'Teacher was ill'], [2, 'Goodwill']] as const) {
      await grant.getByLabel('For the lesson').selectOption({ index });
      await grant.getByLabel('Reason').fill(reason);
      await grant.getByRole('button', { name: 'Grant credit' }).click();
      await page.getByText(`${index} available of ${index}.`).waitFor();
    }
    await page.getByRole('status').filter({ hasText: `Credit granted to ${chosen}.` }).waitFor();

    // Extend the first, then book its makeup lesson at the first free time offered.
    await page.getByRole('button', { name: `Extend the credit of ${chosen}` }).first().click();
    const extend = page.getByRole('form', { name: 'Extend the credit' });
    await extend.getByLabel('Reason').fill('Family away');
    await extend.getByRole('button', { name: 'Extend credit' }).click();
    await page.getByRole('status').filter({ hasText: `Credit of ${chosen} extended.` }).waitFor();
    await page.getByRole('button', { name: `Book a makeup lesson for ${chosen}` }).first().click();
    const times = page.getByRole('list', { name: 'Free times' });
    await times.getByRole('button').first().click();
    await page.getByRole('status').filter({ hasText: `Makeup lesson booked for ${chosen}` }).waitFor();
    await page.getByText('1 available of 2.').waitFor();
    expect(await rows.filter({ hasText: 'used' }).count()).toBe(1);

    // Void the other with a reason: the row says so.
    await page.getByRole('button', { name: `Void the credit of ${chosen}` }).click();
    const voiding = page.getByRole('form', { name: 'Void the credit' });
    await voiding.getByLabel('Reason').fill('Made up in class');
    await voiding.getByRole('button', { name: 'Void credit' }).click();
    await page.getByRole('status').filter({ hasText: `Credit of ${chosen} voided.` }).waitFor();
    await rows.filter({ hasText: 'void: Made up in class' }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    await expectAccessible(page, `makeup credits of one student (${size})`);
    await page.close();
  });
});
