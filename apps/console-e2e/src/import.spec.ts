// The import wizard in Chromium, against a running Cadenza with the demo school: an admin checks a families file with
// three bad rows (the dry run names each by row and column, and nothing is written), fixes the file, imports it with
// its progress shown, invites the people it created (each once, however often pressed), and imports it again with
// nothing changed. Checked with axe at each step, at 1280 and 375 px.
import { apiAs, chromiumForSuite, DEMO, e2eBaseUrl, expectAccessible, freshPage, heading, mainNav, signedIn } from '@cadenza/web/shared/testing-e2e';
import type { Page } from 'playwright-core';

const base = e2eBaseUrl();
const consoleUrl = `${base}/console/`;
const HEADINGS = 'Family reference,Family name,Student name,Student email,Student date of birth,Guardian name,Guardian email,Guardian access,Second guardian name,Second guardian email';

describe('import wizard', () => {
  const browser = chromiumForSuite();

  async function choose(page: Page, name: string, rows: string[]): Promise<void> {
    await page.getByTestId('import-file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from([HEADINGS, ...rows].join('\r\n') + '\r\n') });
    await page.getByRole('heading', { name: '2. Match the columns' }).waitFor();
  }

  async function check(page: Page): Promise<string> {
    await page.getByRole('button', { name: 'Check the file' }).click();
    const summary = page.getByTestId('import-summary');
    await summary.waitFor();
    return (await summary.innerText()).trim();
  }

  it.each([
    ['desktop', { width: 1280, height: 900 }],
    ['phone', { width: 375, height: 800 }],
  ])('names three bad rows without writing, then imports the fixed file once (%s)', async (_name, viewport) => {
    const tag = `${Date.now() % 1_000_000}${viewport.width}`;
    const person = (who: string) => `${who}.${tag}@import.example`;
    const good = [
      `I${tag}-1,Adeyemi,Tobi Adeyemi,${person('tobi')},2013-04-02,Funke Adeyemi,${person('funke')},full,Kunle Adeyemi,${person('kunle')}`,
      `I${tag}-1,Adeyemi,Sade Adeyemi,${person('sade')},2015-09-18,Funke Adeyemi,${person('funke')},full,Kunle Adeyemi,${person('kunle')}`,
      `I${tag}-2,Novak,Ela Novak,${person('ela')},2010-06-30,Petr Novak,${person('petr')},view,,`,
    ];
    const bad = [
      good[0],
      `I${tag}-1,Adeyemi,Sade Adeyemi,${person('sade')},18/09/2015,Funke Adeyemi,${person('funke')},full,Kunle Adeyemi,${person('kunle')}`,
      `I${tag}-2,Novak,Ela Novak,${person('tobi')},2010-06-30,Petr Novak,${person('petr')},view,,`,
      `I${tag}-3,Silva,,${person('rui')},2011-01-01,Ana Silva,${person('ana')},full,,`,
    ];
    const api = await apiAs(base, DEMO.admin);
    // This file's students only: other journeys add students to the demo school at the same time.
    const ours = async () => (await api<{ email: string | null }[]>('GET', '/students?status=all')).filter((s) => s.email?.endsWith(`.${tag}@import.example`)).length;
    expect(await ours()).toBe(0);

    const page = await freshPage(browser(), viewport);
    await signedIn(page, consoleUrl, DEMO.admin);
    if (viewport.width < 600) await page.goto(`${consoleUrl}import`);
    else await (await mainNav(page)).getByRole('link', { name: 'Import' }).click();
    await page.waitForURL(`${consoleUrl}import`);
    expect(await heading(page)).toBe('Import');
    expect(await page.title()).toBe('Import · Cadenza Console');
    await page.getByLabel('Families, guardians and students').check();
    await expectAccessible(page, 'import, choosing a file');

    await choose(page, 'families.csv', bad);
    expect(await page.locator('select[data-field="student_date_of_birth"]').inputValue()).toBe('Student date of birth');
    await expectAccessible(page, 'import, mapping');
    await page.screenshot({ path: `tmp/import-mapping-${viewport.width}.png`, fullPage: true });

    expect(await check(page)).toBe('3 rows have problems; nothing was imported. Fix them in the file and choose it again.');
    const problems = await page.getByTestId('import-problems').locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => (c as HTMLElement).innerText.trim())));
    expect(problems.map(([row, column]) => [row, column])).toEqual([
      ['3', 'Student date of birth'],
      ['4', 'Student email'],
      ['5', 'Student name'],
    ]);
    expect(problems[0][2]).toBe('"18/09/2015" is not a date written YYYY-MM-DD.');
    await expectAccessible(page, 'import, dry run with problems');
    await page.screenshot({ path: `tmp/import-problems-${viewport.width}.png`, fullPage: true });
    expect(await ours()).toBe(0);

    await choose(page, 'families-fixed.csv', good);
    expect(await check(page)).toBe('Ready to import: 2 families new, 0 already there. Nothing is written yet.');
    expect(await ours()).toBe(0);
    await page.getByRole('button', { name: 'Import families-fixed.csv' }).click();
    await page.getByTestId('import-summary').getByText('Imported: 2 families new, 0 already there.').waitFor();
    await expectAccessible(page, 'import, committed');
    await page.screenshot({ path: `tmp/import-committed-${viewport.width}.png`, fullPage: true });
    const students = await api<{ email: string }[]>('GET', '/students?status=all');
    expect(await ours()).toBe(3);
    expect(students.map((s) => s.email)).toEqual(expect.arrayContaining([person('tobi'), person('sade'), person('ela')]));

    // Nobody imported is mailed until the admin invites them: the six people this import created, each once. (The
    // demo admin shares the invitations' limit with other journeys, so some may wait for it.)
    const invitations = page.getByTestId('import-invitations');
    await page.getByRole('button', { name: 'Invite this import’s people' }).click();
    const first = (await invitations.innerText()).trim();
    const [, sent, waiting] = /^(\d+) invitations? sent\.(?: (\d+) more wait)?/.exec(first) ?? [];
    expect(Number(sent) + Number(waiting ?? 0)).toBe(6);
    await expectAccessible(page, 'import, its people invited');
    await page.screenshot({ path: `tmp/import-invited-${viewport.width}.png`, fullPage: true });
    await page.getByRole('button', { name: 'Invite this import’s people' }).click();
    await invitations.getByText(`${sent} already invited`).waitFor();
    const invited = await api<{ email: string }[]>('GET', '/invitations');
    for (const who of ['tobi', 'sade', 'ela', 'funke', 'kunle', 'petr']) expect(invited.filter((i) => i.email === person(who)).length).toBeLessThanOrEqual(1);

    // The same file again: every family is there already, and nothing changes.
    expect(await check(page)).toBe('Ready to import: 0 families new, 2 already there. Nothing is written yet.');
    await page.getByRole('button', { name: 'Import families-fixed.csv' }).click();
    await page.getByTestId('import-summary').getByText('Imported: 0 families new, 2 already there.').waitFor();
    expect(await ours()).toBe(3);
    await page.context().close();
  }, 180_000);
});
