// A family's page in Chromium, against a running Cadenza with the demo school: an admin renames a family, marks who
// pays, changes a guardian's access to a child (the server refusing to leave a minor without a guardian with full
// access, and the page putting the choice back), moves the child to another family and removes a guardian after
// confirming it; invites someone new as a guardian with their access per child (a taken email refused first); and the
// page fits a phone. Every state passes axe.
import { apiAs, DEMO, expectAccessible, freshPage, heading, launchChromium, signedIn, type RestCall } from '@cadenza/web/shared/testing-e2e';
import type { Family, UserSummary } from '@cadenza/shared/contracts';
import type { Browser, Page } from 'playwright-core';

const base = (process.env.CADENZA_E2E_URL ?? '').replace(/\/+$/, '');
const consoleUrl = `${base}/console/`;
const demo = (local: string) => `${local}@demo.cadenza.school`;

async function choose(page: Page, scope: ReturnType<Page['getByRole']>, label: string, option: string): Promise<void> {
  await scope.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Waits for the select labelled `label` within `scope` to show `option` as chosen. */
async function shows(scope: ReturnType<Page['getByRole']>, label: string, option: string): Promise<void> {
  await scope.getByRole('combobox', { name: label, exact: true }).locator('.mat-mdc-select-value', { hasText: option }).waitFor();
}

/** Two new families: one with two guardians (full access, and view only) and a child under 18, one with a guardian. */
async function arrange(admin: RestCall, tag: string) {
  const people = await admin<UserSummary[]>('GET', '/users');
  const person = (local: string) => {
    const found = people.find((p) => p.email === demo(local));
    if (!found) throw new Error(`demo ${local} missing`);
    return found;
  };
  // A new child under 18 without a sign-in, so that no other journey's family changes.
  const born = `${new Date().getUTCFullYear() - 9}-05-04`;
  const child = await admin<UserSummary>('POST', '/students', { name: `Robin Rees ${tag}`, dateOfBirth: born });
  const [full, view, other] = [person('parent18'), person('parent17'), person('parent16')];
  const family = await admin<Family>('POST', '/families', { name: `Journey Rees ${tag}` });
  await admin('POST', `/families/${family.id}/children`, { childId: child.id });
  await admin('POST', `/families/${family.id}/guardians`, { userId: full.id, level: 'full' });
  await admin('POST', `/families/${family.id}/guardians`, { userId: view.id, level: 'view' });
  const target = await admin<Family>('POST', '/families', { name: `Journey Lund ${tag}` });
  await admin('POST', `/families/${target.id}/guardians`, { userId: other.id, level: 'full' });
  return { family, target, child, full, view, other };
}

describe('a family’s page', () => {
  let browser: Browser;

  beforeAll(async () => {
    if (!base) throw new Error('Set CADENZA_E2E_URL to the running Cadenza, e.g. http://localhost:3000');
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('renames the family, marks the payer, changes access (a refusal put back), moves a child and removes a guardian once confirmed', async () => {
    const admin = await apiAs(base, DEMO.admin);
    const { family, target, child, full, view } = await arrange(admin, `${Date.now() % 100_000}`);
    const page = await freshPage(browser);
    await signedIn(page, consoleUrl, DEMO.admin);
    await page.goto(`${base}/console/people/families/${family.id}`);
    await page.getByRole('heading', { level: 1, name: family.name }).waitFor();
    await expectAccessible(page, 'a family’s page with its actions');

    await page.getByRole('button', { name: 'Rename' }).click();
    const rename = page.getByRole('form', { name: 'Rename the family' });
    await rename.getByLabel('Family name').fill(' ');
    await rename.getByRole('button', { name: 'Save name' }).click();
    await page.getByRole('alert').getByText(/^Family name: /).waitFor();
    await expectAccessible(page, 'a family’s name refused');
    const renamed = `${family.name} (renamed)`;
    await rename.getByLabel('Family name').fill(renamed);
    await rename.getByRole('button', { name: 'Save name' }).click();
    expect(await heading(page)).toBe(renamed);

    await choose(page, page.locator('cz-family-page'), 'Pays the family’s invoices', view.name);
    const guardians = page.getByRole('list', { name: 'Guardians' });
    await guardians.getByRole('listitem').filter({ hasText: view.name }).getByText('pays').waitFor();

    const access = page.getByRole('group', { name: `Guardians’ access to ${child.name}` });
    await choose(page, access, full.name, 'No access');
    await page.getByRole('alert').getByText(/full access/).waitFor();
    await shows(access, full.name, 'Full access');
    await expectAccessible(page, 'a minor’s last full access kept');
    await choose(page, access, view.name, 'Full access');
    await page.getByRole('alert').waitFor({ state: 'detached' });
    // The select shows the choice at once; the page's answer comes once the server has saved it.
    const saved = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes(`/families/${family.id}/guardians/${full.id}`));
    await choose(page, access, full.name, 'Can view');
    expect((await saved).status()).toBe(200);
    await shows(access, full.name, 'Can view');
    const changed = await admin<Family>('GET', `/families/${family.id}`);
    expect(changed.children[0]?.access).toEqual(expect.arrayContaining([{ guardianId: full.id, level: 'view' }, { guardianId: view.id, level: 'full' }]));
    expect([changed.name, changed.payerId]).toEqual([renamed, view.id]);

    await page.getByRole('button', { name: `Move ${child.name} to another family` }).click();
    const move = page.getByRole('form', { name: `Move ${child.name}` });
    await choose(page, move, 'Move to', target.name);
    await expectAccessible(page, 'moving a child, the family chosen');
    await move.getByRole('button', { name: `Move ${child.name}` }).click();
    await page.getByRole('status').getByText(`${child.name} moved to ${target.name}.`).waitFor();
    await page.getByRole('list', { name: 'Children' }).getByText('No child yet.').waitFor();
    expect((await admin<Family>('GET', `/families/${target.id}`)).children.map((c) => c.userId)).toEqual([child.id]);

    await page.getByRole('button', { name: `Remove ${full.name} as a guardian` }).click();
    const confirm = page.getByRole('group', { name: `Remove ${full.name}` });
    await expectAccessible(page, 'removing a guardian, to confirm');
    await confirm.getByRole('button', { name: 'Keep' }).click();
    expect(await guardians.getByRole('listitem').count()).toBe(2);
    await page.getByRole('button', { name: `Remove ${full.name} as a guardian` }).click();
    await confirm.getByRole('button', { name: `Remove ${full.name}` }).click();
    await guardians.getByRole('listitem').filter({ hasText: full.name }).waitFor({ state: 'detached' });
    expect((await admin<Family>('GET', `/families/${family.id}`)).guardians.map((g) => g.userId)).toEqual([view.id]);
    await page.context().close();
  });

  it('invites a new guardian by name and email with their access per child: a taken email refused, then one recorded without a sign-in', async () => {
    const admin = await apiAs(base, DEMO.admin);
    const tag = `${Date.now() % 100_000}i`;
    const born = (years: number) => `${new Date().getUTCFullYear() - years}-03-09`;
    const family = await admin<Family>('POST', '/families', { name: `Journey Okafor ${tag}` });
    const [younger, elder] = [await admin<UserSummary>('POST', '/students', { name: `Zadie Okafor ${tag}`, dateOfBirth: born(7) }), await admin<UserSummary>('POST', '/students', { name: `Zeb Okafor ${tag}`, dateOfBirth: born(12) })];
    for (const child of [younger, elder]) await admin('POST', `/families/${family.id}/children`, { childId: child.id });
    const page = await freshPage(browser);
    await signedIn(page, consoleUrl, DEMO.admin);
    await page.goto(`${base}/console/people/families/${family.id}`);
    await page.getByRole('heading', { level: 1, name: family.name }).waitFor();
    await page.getByRole('button', { name: 'Invite a new guardian…' }).click();
    const invite = page.getByRole('form', { name: 'Invite a new guardian' });
    await expectAccessible(page, 'inviting a new guardian');
    await invite.getByLabel('Name').fill(`Sam Okafor ${tag}`);
    await invite.getByLabel('Email').fill(demo('parent15'));
    await choose(page, invite.getByRole('group', { name: 'Their access to each child' }), elder.name, 'Can view');
    await invite.getByRole('button', { name: 'Send the invitation' }).click();
    await page.getByRole('alert').getByText(/^Email: /).waitFor();
    await expectAccessible(page, 'an invitation refused: the email is someone’s');
    const email = `sam.okafor.${tag}@example.org`;
    await invite.getByLabel('Email').fill(email);
    await invite.getByRole('button', { name: 'Send the invitation' }).click();
    await page.getByRole('status').getByText(`Sam Okafor ${tag} is a guardian of this family now, and was sent an invitation to choose their password.`).waitFor();
    const guardians = page.getByRole('list', { name: 'Guardians' });
    await guardians.getByRole('listitem').filter({ hasText: `Sam Okafor ${tag}` }).getByText('no sign-in yet').waitFor();
    await shows(page.getByRole('group', { name: `Guardians’ access to ${elder.name}` }), `Sam Okafor ${tag}`, 'Can view');
    await shows(page.getByRole('group', { name: `Guardians’ access to ${younger.name}` }), `Sam Okafor ${tag}`, 'Full access');
    await expectAccessible(page, 'a guardian invited');
    const saved = await admin<Family>('GET', `/families/${family.id}`);
    const guardian = saved.guardians.find((g) => g.name === `Sam Okafor ${tag}`);
    expect(guardian?.signsIn).toBe(false);
    expect(saved.children.map((c) => [c.userId, c.access.find((a) => a.guardianId === guardian?.userId)?.level]).sort()).toEqual([[younger.id, 'full'], [elder.id, 'view']].sort());
    expect((await admin<{ email: string }[]>('GET', '/invitations')).some((i) => i.email === email)).toBe(true);
    await page.context().close();

    const phone = await freshPage(browser, { width: 375, height: 800 });
    await signedIn(phone, consoleUrl, DEMO.admin);
    await phone.goto(`${base}/console/people/families/${family.id}`);
    await phone.getByRole('button', { name: 'Invite a new guardian…' }).click();
    await phone.getByRole('form', { name: 'Invite a new guardian' }).getByLabel('Name').waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await expectAccessible(phone, 'inviting a guardian on a phone');
    await phone.context().close();
  });

  it('fits a phone: the access choices and actions wrap within 375 px', async () => {
    const admin = await apiAs(base, DEMO.admin);
    const { family, child } = await arrange(admin, `${Date.now() % 100_000}p`);
    const page = await freshPage(browser, { width: 375, height: 800 });
    await signedIn(page, consoleUrl, DEMO.admin);
    await page.goto(`${base}/console/people/families/${family.id}`);
    await page.getByRole('group', { name: `Guardians’ access to ${child.name}` }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await expectAccessible(page, 'a family’s page on a phone');
    await page.context().close();
  });
});
