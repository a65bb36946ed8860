// Messaging journeys across the console and the portal, in Chromium, against a running Cadenza
// with the demo school (its admin is the safeguarding lead; every third student is a minor;
// parent f has students 2f-1 and 2f; teacher k teaches students k, k+6, …). Each journey uses
// its own people and words made unique per run, so journeys neither depend on nor disturb
// each other, and waits for what it expects to see rather than for a fixed time.
import { apiAs, chromiumForSuite, DEMO, e2eBaseUrl, expectAccessible, freshPage, heading, mainNav, PHONE, signedIn, signIn } from '@cadenza/web/shared/testing-e2e';
import type { Page } from 'playwright-core';

const base = e2eBaseUrl();
const consoleUrl = `${base}/console/`;
const portalUrl = `${base}/`;
const demo = (local: string) => `${local}@demo.cadenza.school`;
const unique = (what: string) => `${what} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** Signs in to an app and opens the inbox from the main navigation. */
async function openInbox(page: Page, appUrl: string, email: string): Promise<void> {
  await signedIn(page, appUrl, email);
  await (await mainNav(page)).getByRole('link', { name: 'Messages' }).click();
  await page.waitForURL(/\/messages$/);
  expect(await heading(page)).toBe('Messages');
}

/** Waits until the open dialog has finished its opening animation (axe measures colours as they are now). */
async function dialogOpened(page: Page): Promise<void> {
  await page.locator('.mat-mdc-dialog-container.mdc-dialog--open:not(.mdc-dialog--opening)').waitFor();
}


describe('messaging', () => {
  const browser = chromiumForSuite();

  it('lets a parent and a teacher exchange messages, each seeing the other’s appear without reloading', async () => {
    // parent7's child student14 is taught by teacher2 (Felix Brandt).
    const subject = unique('Practice plan');
    const question = unique('Could we move to scales next week?');
    const answer = unique('Yes, scales it is.');
    const teacher = await freshPage(browser());
    const parent = await freshPage(browser());
    await openInbox(teacher, consoleUrl, demo('teacher2'));
    await openInbox(parent, portalUrl, demo('parent7'));
    await expectAccessible(parent, 'portal inbox');

    await parent.getByRole('button', { name: 'New message' }).click();
    const dialog = parent.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'New conversation' }).waitFor();
    await dialog.getByLabel('Find someone').fill('Felix');
    await dialog.getByRole('checkbox', { name: /Felix Brandt/ }).check();
    await dialog.getByLabel('Subject (optional)').fill(subject);
    await dialogOpened(parent);
    await expectAccessible(parent, 'new conversation dialog');
    await dialog.getByRole('button', { name: 'Start conversation' }).click();
    await parent.waitForURL(/\/messages\/[0-9a-f-]{36}$/);
    expect((await parent.getByTestId('conversation-title').innerText()).trim()).toBe(subject);
    const composer = parent.getByLabel('Message', { exact: true });
    await composer.fill(question);
    await composer.press('Enter');
    await parent.getByText(question).waitFor();
    expect(await composer.inputValue()).toBe('');

    // The teacher, on the inbox all along, sees the conversation arrive, unread, with a badge in the navigation.
    const arrived = teacher.getByRole('link', { name: new RegExp(subject) });
    await arrived.waitFor();
    await (await mainNav(teacher)).getByRole('link', { name: /Messages, \d+ unread/ }).waitFor();
    await arrived.click();
    await teacher.getByText(question).waitFor();
    await expectAccessible(teacher, 'console conversation');

    // Opening it marked it read: the parent sees "Seen by" under their message, without reloading.
    await parent.getByText('Seen by Felix Brandt').waitFor();

    // Shift+Enter adds a line; Enter sends.
    const reply = teacher.getByLabel('Message', { exact: true });
    await reply.fill(answer);
    await reply.press('Shift+Enter');
    await reply.pressSequentially('See you Tuesday.');
    expect(await reply.inputValue()).toBe(`${answer}\nSee you Tuesday.`);
    await reply.press('Enter');
    await parent.getByText(answer).waitFor();
    await expectAccessible(parent, 'portal conversation');

    // The teacher edits the reply; the parent sees the new wording, marked edited, with the old one kept.
    const edited = unique('Yes, arpeggios too.');
    await teacher.getByRole('button', { name: /^Edit your message/ }).click();
    const editDialog = teacher.getByRole('dialog');
    await editDialog.getByRole('heading', { name: 'Edit your message' }).waitFor();
    await editDialog.getByLabel('Message').fill(edited);
    await editDialog.getByRole('button', { name: 'Save' }).click();
    await editDialog.waitFor({ state: 'detached' });
    await parent.getByText(edited).waitFor();
    await parent.getByRole('button', { name: /^Edited: show earlier versions/ }).click();
    const versions = parent.getByRole('dialog');
    await versions.getByRole('heading', { name: /^Versions of Felix Brandt/ }).waitFor();
    expect(await versions.innerText()).toContain(answer);
    await dialogOpened(parent);
    await expectAccessible(parent, 'versions dialog');
    await versions.getByRole('button', { name: 'Close' }).click();
    await teacher.context().close();
    await parent.context().close();
  });

  it('refuses a teacher a private conversation with a minor and says why', async () => {
    // student3 (Isla Nowak) is a minor taught by teacher3; the school requires a guardian in such threads.
    const page = await freshPage(browser());
    await openInbox(page, consoleUrl, demo('teacher3'));
    // By keyboard only: open the dialog, find the student, tick them, start.
    await page.getByRole('button', { name: 'New message' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'New conversation' }).waitFor();
    // Once open: the dialog moves the focus to its first field as its opening ends, which would cut the typing short.
    await dialogOpened(page);
    await dialog.getByLabel('Kind').selectOption({ label: 'Private' });
    await dialog.getByLabel('Find someone').focus();
    await page.keyboard.type('Isla Nowak');
    const minor = dialog.getByRole('checkbox', { name: /Isla Nowak · Student, under 18/ });
    await minor.waitFor();
    // The filter has applied once only the match is left.
    await dialog.getByRole('checkbox').nth(1).waitFor({ state: 'detached' });
    // Tab on from the filter until the student's box has the focus (it is the next stop, a few at most).
    for (let presses = 0; presses < 5 && !(await minor.evaluate((box) => box === document.activeElement)); presses++) await page.keyboard.press('Tab');
    expect(await minor.evaluate((box) => box === document.activeElement)).toBe(true);
    await page.keyboard.press('Space');
    expect(await minor.isChecked()).toBe(true);
    await dialog.getByLabel('Subject (optional)').focus();
    await page.keyboard.press('Enter');
    const alert = dialog.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('Isla Nowak is under 18: a parent or guardian of theirs must be in this thread.');
    await dialogOpened(page);
    await expectAccessible(page, 'refused conversation');
    expect(page.url()).toMatch(/\/messages$/);
    await page.context().close();
  });

  it('shows the safeguarding lead a message flagged by a parent, and the lead’s read is recorded', async () => {
    // teacher5 writes to parent9 (student17's parent; student17 is taught by teacher5).
    const words = unique('Meet me after the lesson');
    const reason = unique('This does not feel right');
    const teacher = await apiAs(base, demo('teacher5'));
    const contacts = await teacher<{ id: string; name: string; roles: string[] }[]>('GET', '/threads/contacts');
    const admin = await apiAs(base, DEMO.admin);
    const users = await admin<{ id: string; email: string }[]>('GET', '/users');
    const parentId = users.find((u) => u.email === demo('parent9'))?.id;
    expect(contacts.some((c) => c.id === parentId)).toBe(true);
    const thread = await teacher<{ id: string }>('POST', '/threads', { kind: 'direct', participantIds: [parentId] });
    await teacher('POST', `/threads/${thread.id}/messages`, { body: words });

    // The parent flags it from the portal, giving a reason in the confirming dialog.
    const parent = await freshPage(browser());
    await signIn(parent, portalUrl, demo('parent9'));
    await parent.waitForURL(portalUrl);
    await parent.goto(`${base}/messages/${thread.id}`);
    await parent.getByText(words).waitFor();
    await parent.getByRole('button', { name: /^Flag the message from/ }).click();
    const dialog = parent.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Flag this message?' }).waitFor();
    await dialogOpened(parent);
    await expectAccessible(parent, 'flag dialog');
    await dialog.getByLabel('Reason').fill(reason);
    await dialog.getByRole('button', { name: 'Flag to the safeguarding lead' }).click();
    await dialog.waitFor({ state: 'detached' });
    await parent.context().close();

    // The lead finds it among the flags, opens the conversation (an audited read) and exports it.
    const lead = await freshPage(browser());
    await signIn(lead, consoleUrl, DEMO.admin);
    await lead.waitForURL(consoleUrl);
    await (await mainNav(lead)).getByRole('link', { name: 'Safeguarding' }).click();
    await lead.waitForURL(`${base}/console/safeguarding`);
    expect(await heading(lead)).toBe('Safeguarding');
    const flag = lead.getByTestId('flags').getByRole('listitem').filter({ hasText: reason });
    await flag.waitFor();
    expect(await flag.innerText()).toContain('Flagged by');
    await expectAccessible(lead, 'safeguarding');
    await flag.getByRole('link', { name: 'Open the conversation' }).click();
    await lead.getByText(words).waitFor();
    expect(await lead.getByTestId('audited-read').innerText()).toContain('recorded in the audit trail');
    await expectAccessible(lead, 'lead’s read');
    const [download] = await Promise.all([lead.waitForEvent('download'), lead.getByRole('button', { name: 'Export transcript (JSON)' }).click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^transcript-${thread.id}-\\d{4}-\\d{2}-\\d{2}\\.json$`));
    await lead.context().close();
  });

  it('keeps the safeguarding view from staff who are not the lead', async () => {
    const page = await freshPage(browser());
    await signIn(page, consoleUrl, demo('teacher4'));
    await page.waitForURL(consoleUrl);
    expect(await (await mainNav(page)).getByRole('link', { name: 'Safeguarding' }).count()).toBe(0);
    await page.goto(`${base}/console/safeguarding`);
    await page.waitForURL(consoleUrl);
    await page.context().close();
  });

  it('fits the inbox and a conversation on a 375 px phone without horizontal scrolling', async () => {
    const text = unique('Phone check');
    const teacher = await apiAs(base, demo('teacher6'));
    const admin = await apiAs(base, DEMO.admin);
    const users = await admin<{ id: string; email: string }[]>('GET', '/users');
    const parentId = users.find((u) => u.email === demo('parent11'))?.id;
    const thread = await teacher<{ id: string }>('POST', '/threads', { kind: 'direct', participantIds: [parentId] });
    await teacher('POST', `/threads/${thread.id}/messages`, { body: text });

    const page = await freshPage(browser(), PHONE);
    await openInbox(page, portalUrl, demo('parent11'));
    await page.getByTestId(`thread-${thread.id}`).click();
    await page.getByText(text).waitFor();
    const scrollWidth = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? Number.POSITIVE_INFINITY);
    expect(scrollWidth).toBeLessThanOrEqual(375);
    await expectAccessible(page, 'phone conversation');
    await page.getByRole('link', { name: '← All conversations' }).click();
    await page.getByTestId(`thread-${thread.id}`).waitFor();
    await page.context().close();
  });
});
