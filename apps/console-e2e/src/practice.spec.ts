// Progress in the console, in Chromium against a running Cadenza with the demo school: a teacher sets a target on a
// student's page; an admin keeps the school's progress scale, on a phone, and cannot remove a level in use.
import { apiAs, chromiumForSuite, e2eBaseUrl, expectAccessible, freshPage, heading, PHONE, signedIn } from '@cadenza/web/shared/testing-e2e';

const base = e2eBaseUrl();
const consoleUrl = `${base}/console/`;
const demo = (local: string) => `${local}@demo.cadenza.school`;

describe('progress in the console', () => {
  const browser = chromiumForSuite();

  it('lets a teacher set a target on their student’s page, which the student then reads', async () => {
    const student = await apiAs(base, demo('student7'));
    const [{ studentId }] = await student<{ studentId: string }[]>('GET', '/practice/students');
    const target = `Play in the spring concert ${Date.now()}`;
    const page = await freshPage(browser());
    await signedIn(page, consoleUrl, demo('teacher1'));
    await page.goto(`${consoleUrl}people/students/${studentId}`);
    const form = page.getByRole('form', { name: 'Set a target' });
    await form.getByLabel('Target').fill(target);
    await form.getByLabel('By').fill('2027-03-20');
    await form.getByRole('button', { name: 'Set target' }).click();
    await page.getByRole('list', { name: 'Targets' }).getByText(target).waitFor();
    await expectAccessible(page, 'a student’s progress for their teacher');
    await page.context().close();
    const progress = await student<{ targets: { description: string }[] }>('GET', `/practice/students/${studentId}/progress`);
    expect(progress.targets.map((t) => t.description)).toContain(target);
  });

  it('lets an admin add a level to the scale from a phone, and says why a level in use cannot go', async () => {
    const page = await freshPage(browser(), PHONE);
    await signedIn(page, consoleUrl, demo('admin'));
    await page.goto(`${consoleUrl}progress-scale`);
    expect(await heading(page)).toBe('Progress scale');
    const levels = page.getByRole('list', { name: 'Levels, lowest first' });
    await levels.getByLabel('Level 1', { exact: true }).waitFor();
    const count = await levels.getByRole('listitem').count();
    await page.getByRole('button', { name: 'Add a level' }).click();
    await levels.getByLabel(`Level ${count + 1}`, { exact: true }).fill(`Diploma ${Date.now()}`);
    await page.getByRole('button', { name: 'Save the scale' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const scrollWidth = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? Number.POSITIVE_INFINITY);
    expect(scrollWidth).toBeLessThanOrEqual(375);
    await expectAccessible(page, 'the progress scale on a phone');
    // Grade 2 is recorded for demo students: removing it is refused, and the scale stays as it was.
    await page.getByRole('button', { name: 'Remove Grade 2' }).click();
    await page.getByRole('button', { name: 'Save the scale' }).click();
    await page.getByText(/recorded for a student/).waitFor();
    const scale = await (await apiAs(base, demo('admin')))<{ levels: { name: string }[] }>('GET', '/practice/scale');
    expect(scale.levels.map((l) => l.name)).toContain('Grade 2');
    await page.context().close();
  });
});
