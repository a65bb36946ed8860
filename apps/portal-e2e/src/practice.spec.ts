// Practice and progress in Chromium, against a running Cadenza with the demo school: a student logs practice in the
// portal and their teacher sees it on the student's page in the console; a view-only parent reads their child's
// progress on a phone with no logging control, and the API refuses the log when it is forced.
import { apiAs, chromiumForSuite, e2eBaseUrl, expectAccessible, freshPage, heading, mainNav, PHONE, signedIn } from '@cadenza/web/shared/testing-e2e';

const base = e2eBaseUrl();
const portal = `${base}/`;
const demo = (local: string) => `${local}@demo.cadenza.school`;

describe('practice in the portal', () => {
  const browser = chromiumForSuite();

  it('lets a student log practice, and shows it to their teacher on the student’s page in the console', async () => {
    const note = `Arpeggios, hands together ${Date.now()}`;
    const page = await freshPage(browser());
    await signedIn(page, portal, demo('student1'));
    await (await mainNav(page)).getByRole('link', { name: 'Practice' }).click();
    await page.waitForURL(`${base}/practice`);
    expect(await heading(page)).toBe('Practice');
    const form = page.getByRole('form', { name: 'Log practice' });
    await form.getByLabel('Minutes').fill('25');
    await form.getByLabel('Note').fill(note);
    await form.getByRole('button', { name: 'Log practice' }).click();
    const logged = page.getByRole('list', { name: 'Practice history' }).getByRole('listitem').filter({ hasText: note });
    await logged.waitFor();
    expect(await logged.innerText()).toContain('25 min');
    await expectAccessible(page, 'a student’s practice');
    const [{ studentId }] = await (await apiAs(base, demo('student1')))<{ studentId: string }[]>('GET', '/practice/students');
    await page.context().close();

    const teacherPage = await freshPage(browser());
    await signedIn(teacherPage, `${base}/console/`, demo('teacher1'));
    await teacherPage.goto(`${base}/console/people/students/${studentId}`);
    const seen = teacherPage.getByRole('list', { name: 'Practice history' }).getByRole('listitem').filter({ hasText: note });
    await seen.waitFor();
    await seen.getByLabel('Comment', { exact: true }).fill('Lovely: now try it at 80.');
    await seen.getByRole('button', { name: 'Comment' }).click();
    await seen.getByRole('list', { name: 'Teacher’s comments' }).getByText('Lovely: now try it at 80.').waitFor();
    expect(await teacherPage.getByRole('form', { name: 'Log practice' }).count()).toBe(0);
    await teacherPage.getByRole('form', { name: 'Set an assignment' }).waitFor();
    await expectAccessible(teacherPage, 'the teacher’s view of a student’s practice');
    await teacherPage.context().close();
  });

  it('shows a view-only parent their child’s progress on a phone with no logging control, and the API refuses the log if forced', async () => {
    const page = await freshPage(browser(), PHONE);
    await signedIn(page, portal, demo('parent5'));
    await (await mainNav(page)).getByRole('link', { name: 'Practice' }).click();
    await page.getByRole('heading', { name: 'Progress' }).waitFor();
    await page.getByRole('list', { name: 'Progress in figures' }).waitFor();
    await page.getByRole('heading', { name: 'Practice history' }).waitFor();
    expect(await page.getByRole('form', { name: 'Log practice' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Log practice' }).count()).toBe(0);
    const scrollWidth = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? Number.POSITIVE_INFINITY);
    expect(scrollWidth).toBeLessThanOrEqual(375);
    await expectAccessible(page, 'a view-only parent’s view of practice on a phone');
    await page.context().close();

    const parent = await apiAs(base, demo('parent5'));
    const [child] = await parent<{ studentId: string; canLog: boolean }[]>('GET', '/practice/students');
    expect(child?.canLog).toBe(false);
    const today = new Date().toISOString().slice(0, 10);
    await expect(parent('POST', `/practice/students/${child?.studentId}/logs`, { practisedOn: today, minutes: 20 })).rejects.toThrow(/: 403 .*PRACTICE\.CANNOT_LOG/);
  });
});
