// Data protection in Chromium, against a running Cadenza with the demo school: an admin opens an archived student's
// page, downloads their export, is held back until the student's name is typed, erases them and sees them under
// their pseudonym; on a phone the section fits the screen. Every page passes axe.
import { apiAs, chromiumForSuite, DEMO, e2eBaseUrl, expectAccessible, freshPage, signedIn } from '@cadenza/web/shared/testing-e2e';

const base = e2eBaseUrl();
const consoleUrl = `${base}/console/`;
const demo = (local: string) => `${local}@demo.cadenza.school`;
const shots = process.env.CADENZA_E2E_SCREENSHOTS;

describe('data protection', () => {
  const browser = chromiumForSuite();

  it('exports an archived student’s data and erases them once their name is typed', async () => {
    const admin = await apiAs(base, DEMO.admin);
    const student = (await admin<{ id: string; email: string; name: string }[]>('GET', '/students')).find((s) => s.email === demo('student36'));
    if (!student) throw new Error('demo student36 missing');
    await admin('POST', `/users/${student.id}/archive`, { cancelFutureLessons: true });

    const page = await freshPage(browser());
    await signedIn(page, consoleUrl, DEMO.admin);
    await page.goto(`${base}/console/people/students/${student.id}`);
    await page.getByRole('heading', { level: 1, name: student.name }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Data protection' }).waitFor();
    await expectAccessible(page, 'a person’s page with data protection');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export personal data' }).click();
    expect((await download).suggestedFilename()).toMatch(new RegExp(`^personal-data-${student.id}-\\d{4}-\\d{2}-\\d{2}\\.zip$`));
    await page.getByRole('status').filter({ hasText: 'Export downloaded.' }).waitFor();

    await page.getByRole('button', { name: 'Erase…' }).click();
    const form = page.getByRole('form', { name: 'Erase personal data' });
    const erase = form.getByRole('button', { name: 'Erase permanently' });
    const confirm = form.getByLabel(`Type ${student.name} to confirm`);
    await confirm.fill(student.name.split(' ')[0]!);
    expect(await erase.isDisabled()).toBe(true);
    await confirm.fill(student.name);
    expect(await erase.isDisabled()).toBe(false);
    await expectAccessible(page, 'the erasure’s confirmation');
    if (shots) await page.screenshot({ path: `${shots}/erase-confirm-1280.png`, fullPage: true });
    await erase.click();
    const status = page.getByRole('status').filter({ hasText: /^Erased: shown as Former student \d+ from now on\.$/ });
    await status.waitFor();
    const pseudonym = /Former student \d+/.exec((await status.textContent()) ?? '')![0];
    await page.getByRole('heading', { level: 1, name: pseudonym }).waitFor();
    expect(await page.content()).not.toContain(student.email);
    if (shots) await page.screenshot({ path: `${shots}/erased-1280.png`, fullPage: true });
    await expectAccessible(page, 'an erased person’s page');

    const phone = await freshPage(browser(), { width: 375, height: 800 });
    await signedIn(phone, consoleUrl, DEMO.admin);
    const other = (await admin<{ id: string; email: string }[]>('GET', '/students')).find((s) => s.email === demo('student37'))!;
    await phone.goto(`${base}/console/people/students/${other.id}`);
    await phone.getByRole('heading', { level: 2, name: 'Data protection' }).waitFor();
    await phone.getByText('Only an archived person can be erased').waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    if (shots) await phone.screenshot({ path: `${shots}/person-375.png`, fullPage: true });
    await expectAccessible(phone, 'a person’s page on a phone');
  }, 180_000);
});
