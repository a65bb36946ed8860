// People in Chromium, against a running Cadenza with the demo school: an admin finds a student in the
// students table (search, status filter, sorting, paging), edits them in place on their page (a refused
// date of birth named under the form), archives them (a refused leaving day, then a right one that moves
// them to "Left") and restores them, follows a family from the
// families tab to a child, lists the staff, and uses the table on a phone. Every page passes axe.
import { apiAs, DEMO, expectAccessible, freshPage, heading, launchChromium, mainNav, signedIn } from '@cadenza/web/shared/testing-e2e';
import type { Browser, Page } from 'playwright-core';

const base = (process.env.CADENZA_E2E_URL ?? '').replace(/\/+$/, '');
const consoleUrl = `${base}/console/`;
const demo = (local: string) => `${local}@demo.cadenza.school`;

interface Student {
  id: string;
  email: string;
  name: string;
}

async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

describe('people', () => {
  let browser: Browser;

  beforeAll(async () => {
    if (!base) throw new Error('Set CADENZA_E2E_URL to the running Cadenza, e.g. http://localhost:3000');
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('finds a student, edits them in place, archives them under Left and restores them', async () => {
    const admin = await apiAs(base, DEMO.admin);
    const student = (await admin<Student[]>('GET', '/students')).find((s) => s.email === demo('student29'));
    if (!student) throw new Error('demo student29 missing');
    const yesterday = new Date(Date.now() - 36 * 3600 * 1000).toISOString().slice(0, 10);
    try {
      const page = await freshPage(browser);
      await signedIn(page, consoleUrl, DEMO.admin);
      await (await mainNav(page)).getByRole('link', { name: 'People' }).click();
      await page.waitForURL(`${base}/console/people/students`);
      expect(await heading(page)).toBe('People');
      const table = page.getByRole('table', { name: 'Students' });
      await table.getByRole('row').nth(1).waitFor();
      await page.locator('.summary').getByText(/^1–25 of \d+ students\.$/).waitFor();
      await expectAccessible(page, 'people, students');

      await page.getByRole('button', { name: 'Next page' }).click();
      await page.locator('.summary').getByText(/^26–/).waitFor();
      await table.getByRole('button', { name: 'Date of birth' }).click();
      await page.locator('.summary').getByText(/^1–25 of/).waitFor();

      await page.getByLabel('Find by name or email').fill(student.email);
      await page.locator('.summary').getByText('1–1 of 1 student.').waitFor();
      const row = page.getByTestId(`person-${student.id}`);
      await row.getByRole('link', { name: student.name }).click();
      await page.waitForURL(`${base}/console/people/students/${student.id}`);
      await page.getByRole('heading', { level: 1, name: student.name }).waitFor();
      expect(await heading(page)).toBe(student.name);
      await page.getByText('At the school').first().waitFor();
      await page.getByTestId('person-lessons').getByRole('list', { name: 'Lessons coming up' }).getByRole('listitem').first().waitFor();
      await expectAccessible(page, 'a student’s page');

      await page.getByRole('button', { name: 'Edit profile' }).click();
      await page.getByLabel('Date of birth').fill('2099-01-01');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByRole('alert').getByText(/^Date of birth: /).waitFor();
      await expectAccessible(page, 'a student’s page, a date of birth refused');
      await page.getByRole('button', { name: 'Cancel' }).click();

      await page.getByRole('button', { name: 'Archive…' }).click();
      const archive = page.getByRole('form', { name: 'Archive' });
      await archive.waitFor();
      const cancel = archive.getByRole('checkbox', { name: 'Cancel these lessons' });
      if ((await cancel.count()) > 0) await cancel.uncheck();
      await expectAccessible(page, 'archiving a student');
      await archive.getByLabel('Day they left').fill('2099-01-01');
      await archive.getByRole('button', { name: `Archive ${student.name}` }).click();
      await archive.getByRole('alert').getByText('Day they left: Enter the day they left, today or earlier, as YYYY-MM-DD.').waitFor();
      expect((await admin<{ leftSchoolOn: string | null }>('GET', `/students/${student.id}`)).leftSchoolOn).toBeNull();

      await archive.getByLabel('Day they left').fill(yesterday);
      await archive.getByRole('button', { name: `Archive ${student.name}` }).click();
      await page.getByRole('button', { name: `Restore ${student.name}` }).waitFor();
      await page.getByText(/^Left on /).waitFor();

      await page.getByRole('link', { name: 'People › Students' }).click();
      await page.waitForURL(`${base}/console/people/students`);
      await page.getByLabel('Find by name or email').fill(student.email);
      await page.locator('.summary').getByText('Nobody matches.').waitFor();
      await choose(page, 'Status', 'Left');
      await page.getByTestId(`person-${student.id}`).getByText('left', { exact: true }).waitFor();
      await expectAccessible(page, 'people, students who left');

      await page.getByTestId(`person-${student.id}`).getByRole('link').click();
      await page.getByRole('button', { name: `Restore ${student.name}` }).click();
      await page.getByRole('button', { name: 'Archive…' }).waitFor();
      await page.getByText('At the school').first().waitFor();
      expect((await admin<{ leftSchoolOn: string | null }>('GET', `/students/${student.id}`)).leftSchoolOn).toBeNull();
      const history = page.getByRole('list', { name: 'History' });
      await history.getByRole('listitem').first().filter({ hasText: /Restored: day they left · you$/ }).waitFor();
      await history.getByRole('listitem').nth(1).filter({ hasText: /Archived \(left the school\): day they left · you$/ }).waitFor();
      await page.getByTestId('person-requests').getByRole('list', { name: 'Lesson requests' }).waitFor();
      await expectAccessible(page, 'a student’s page with their requests and history');
      await page.context().close();
    } finally {
      const now = await admin<{ leftSchoolOn: string | null }>('GET', `/students/${student.id}`);
      if (now.leftSchoolOn) await admin('POST', `/users/${student.id}/restore`, {});
    }
  }, 180_000);

  it('filters students by teacher and age, follows a family to a child, and lists the staff', async () => {
    const page = await freshPage(browser);
    await signedIn(page, consoleUrl, DEMO.admin);
    await page.goto(`${base}/console/people/students`);
    const table = page.getByRole('table', { name: 'Students' });
    await table.getByRole('row').nth(1).waitFor();
    // A teacher of a student under 18, asked of the API: other journeys add students without lessons, who may fill the
    // table's first page.
    const minors = await (await apiAs(base, DEMO.admin))<{ items: { teachers: { name: string }[] }[] }>('GET', '/people?kind=students&minors=only&limit=200');
    const teacherName = minors.items.find((p) => p.teachers.length > 0)?.teachers[0]?.name ?? '';
    expect(teacherName).not.toBe('');
    await choose(page, 'Teacher', teacherName);
    await choose(page, 'Age', 'Under 18');
    await page.locator('.summary').getByText(/of \d+ students?\./).waitFor();
    const rows = await table.getByRole('row').all();
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows.slice(1)) {
      expect(await row.innerText()).toContain(teacherName);
      expect(await row.getByText('under 18').count()).toBe(1);
    }

    await page.getByRole('tab', { name: 'Families' }).click();
    await page.waitForURL(`${base}/console/people/families`);
    const families = page.getByRole('table', { name: 'Families' });
    await families.getByRole('row').nth(1).waitFor();
    await expectAccessible(page, 'people, families');
    const first = families.getByRole('row').nth(1);
    const familyName = (await first.getByRole('link').innerText()).trim();
    await page.getByLabel('Find a family, guardian or child').fill(familyName);
    await first.getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: familyName }).waitFor();
    expect(await heading(page)).toBe(familyName);
    await page.getByRole('list', { name: 'Guardians' }).getByRole('listitem').first().waitFor();
    await expectAccessible(page, 'a family’s page');
    const child = page.getByRole('list', { name: 'Children' }).getByRole('link').first();
    const childName = (await child.innerText()).trim();
    await child.click();
    await page.getByRole('heading', { level: 1, name: childName }).waitFor();
    expect(await heading(page)).toBe(childName);
    await page.getByRole('list', { name: 'Families' }).getByRole('link', { name: familyName }).waitFor();

    await page.goto(`${base}/console/people/staff`);
    const staff = page.getByRole('table', { name: 'Staff' });
    await staff.getByRole('row').nth(1).waitFor();
    await page.getByLabel('Find by name or email').fill('teacher1@');
    await staff.getByRole('cell', { name: demo('teacher1') }).waitFor();
    await expectAccessible(page, 'people, staff');
    await page.context().close();
  });

  it('creates a family, adds a guardian and a child, and removes a guardian', async () => {
    const name = `Journey family ${Date.now() % 100_000}`;
    const admin = await apiAs(base, DEMO.admin);
    const people = await admin<{ email: string; name: string }[]>('GET', '/users');
    const nameOf = (local: string) => people.find((p) => p.email === demo(local))?.name ?? local;
    const page = await freshPage(browser);
    await signedIn(page, consoleUrl, DEMO.admin);
    await page.goto(`${base}/console/people/families`);
    await page.getByRole('table', { name: 'Families' }).getByRole('row').nth(1).waitFor();
    await page.getByRole('button', { name: 'Create family' }).click();
    await page.getByRole('alert').getByText(/name/i).waitFor();
    await page.getByLabel('New family’s name').fill(name);
    await page.getByRole('button', { name: 'Create family' }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await page.getByText('No guardian yet.').waitFor();

    const pick = async (label: string, local: string) => {
      await page.getByRole('combobox', { name: label }).fill(`${local}@`);
      await page.getByRole('option', { name: new RegExp(`${demo(local)}$`) }).click();
    };
    await pick('Add a guardian', 'parent20');
    await page.getByRole('button', { name: 'Add guardian' }).click();
    await page.getByRole('list', { name: 'Guardians' }).getByText(nameOf('parent20')).waitFor();
    await pick('Add a child (a student)', 'student39');
    await page.getByRole('button', { name: 'Add child' }).click();
    const children = page.getByRole('list', { name: 'Children' });
    await children.getByRole('link', { name: nameOf('student39') }).waitFor();
    const access = children.getByRole('group', { name: `Guardians’ access to ${nameOf('student39')}` });
    await access.getByRole('combobox', { name: nameOf('parent20') }).locator('.mat-mdc-select-value', { hasText: 'Full access' }).waitFor();
    await pick('Add a guardian', 'parent19');
    await choose(page, 'Access', 'Can view');
    await page.getByRole('button', { name: 'Add guardian' }).click();
    await access.getByRole('combobox', { name: nameOf('parent19') }).locator('.mat-mdc-select-value', { hasText: 'Can view' }).waitFor();
    await expectAccessible(page, 'a new family with its guardians and child');
    await page.getByRole('button', { name: `Remove ${nameOf('parent19')} as a guardian` }).click();
    await page.getByRole('group', { name: `Remove ${nameOf('parent19')}` }).getByRole('button', { name: `Remove ${nameOf('parent19')}` }).click();
    await page.getByRole('list', { name: 'Guardians' }).getByRole('listitem').filter({ hasText: nameOf('parent19') }).waitFor({ state: 'detached' });
    const families = await admin<{ name: string; guardians: { name: string }[]; children: { name: string }[] }[]>('GET', '/families');
    const made = families.find((f) => f.name === name);
    expect([made?.guardians.map((g) => g.name), made?.children.map((c) => c.name)]).toEqual([[nameOf('parent20')], [nameOf('student39')]]);
    await page.context().close();
  });

  it('gives a teacher their own students, read-only, and no families or staff', async () => {
    const page = await freshPage(browser);
    await signedIn(page, consoleUrl, DEMO.teacher);
    const teacherName = (await page.getByTestId('shell-user').innerText()).trim();
    await (await mainNav(page)).getByRole('link', { name: 'My students' }).click();
    await page.waitForURL(`${base}/console/people/students`);
    expect(await heading(page)).toBe('My students');
    expect(await page.getByRole('tab').allInnerTexts()).toEqual(['Students']);
    expect(await page.getByLabel('Teacher', { exact: true }).count()).toBe(0);
    const table = page.getByRole('table', { name: 'Students' });
    // The first row is a placeholder until the page has loaded: wait for the summary of what was found.
    await page.locator('.summary').getByText(/ of \d+ students?\.$/).waitFor();
    for (const row of (await table.getByRole('row').all()).slice(1)) expect(await row.innerText()).toContain(teacherName);
    await expectAccessible(page, 'a teacher’s students');
    await table.getByRole('row').nth(1).getByRole('link').click();
    await page.getByRole('heading', { name: 'Profile' }).waitFor();
    expect(await page.getByRole('button', { name: 'Edit profile' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Family' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'History' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Leaving and returning' }).count()).toBe(0);
    await page.goto(`${base}/console/people/staff`);
    await page.waitForURL(consoleUrl);
    await page.context().close();
  });

  it('fits a phone: the table keeps the names and teachers, and a person opens from it', async () => {
    const page = await freshPage(browser, { width: 375, height: 740 });
    await signedIn(page, consoleUrl, DEMO.admin);
    await (await mainNav(page)).getByRole('link', { name: 'People' }).click();
    const table = page.getByRole('table', { name: 'Students' });
    await table.getByRole('row').nth(1).waitFor();
    expect(await table.getByRole('columnheader').allInnerTexts()).toEqual(['Name', 'Teachers']);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await expectAccessible(page, 'people on a phone');
    await table.getByRole('row').nth(1).getByRole('link').click();
    await page.getByRole('heading', { name: 'Profile' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.context().close();
  });
});
