// Whom a teacher can start a conversation with, in Chromium against a running Cadenza with the demo school: their
// own students and those students' parents first, each parent named with their children. teacher1 (Clara Wieck)
// teaches Amelia Patel (student1), whose parent is parent1.
import { chromiumForSuite, DEMO, e2eBaseUrl, expectAccessible, freshPage, heading, mainNav, signedIn, VIEWPORTS } from '@cadenza/web/shared/testing-e2e';

const base = e2eBaseUrl();
const consoleUrl = `${base}/console/`;

describe('contacts for a new conversation', () => {
  const browser = chromiumForSuite();

  it.each(VIEWPORTS)('lists a teacher’s students and their parents first, parents with their children (%s px)', async (_width, viewport) => {
    const page = await freshPage(browser(), viewport);
    await signedIn(page, consoleUrl, DEMO.teacher);
    await (await mainNav(page)).getByRole('link', { name: 'Messages' }).click();
    await page.waitForURL(/\/messages$/);
    expect(await heading(page)).toBe('Messages');
    await page.getByRole('button', { name: 'New message' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'New conversation' }).waitFor();
    const people = dialog.getByRole('list', { name: 'People you can message' }).getByRole('checkbox');
    await people.first().waitFor();
    const first = await dialog.getByRole('list', { name: 'People you can message' }).getByRole('listitem').allInnerTexts();
    // Amelia Patel, teacher1's student, and her parent are among teacher1's students and their guardians at the top
    // (fifteen people or fewer), not in alphabetical place among 70 people.
    const amelia = first.findIndex((t) => t.startsWith('Amelia Patel'));
    const parent = first.findIndex((t) => /· Parent of (.+ and )?Amelia Patel/.test(t));
    expect(amelia).toBeGreaterThanOrEqual(0);
    expect(parent).toBeGreaterThanOrEqual(0);
    expect(Math.max(amelia, parent)).toBeLessThan(15);
    await page.locator('.mat-mdc-dialog-container.mdc-dialog--open:not(.mdc-dialog--opening)').waitFor();
    await expectAccessible(page, 'new conversation contacts');
    await page.context().close();
  });
});
