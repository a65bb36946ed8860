// The safeguarding lead's desk in Chromium against a running Cadenza with the demo school (whose admin is the lead):
// a parent flags a teacher's message; the lead reviews the flag with an outcome and a note (a missing one named first),
// finds it under Reviewed, then finds the parent's conversations by name and opens one without its id. A person's page
// shows their messages in summary. Every state passes axe, at 1280 px and on a 375 px phone.
import { apiAs, chromiumForSuite, DEMO, e2eBaseUrl, expectAccessible, freshPage, heading, PHONE, signedIn } from '@cadenza/web/shared/testing-e2e';

const base = e2eBaseUrl();
const consoleUrl = `${base}/console/`;
const demo = (local: string) => `${local}@demo.cadenza.school`;

interface Contact {
  id: string;
  name: string;
  roles: string[];
}

/** parent6 writes to one of their child's teachers, the teacher answers, and parent6 flags the answer. */
async function flaggedThread(tag: string) {
  const parent = await apiAs(base, demo('parent6'));
  const me = await parent<{ id: string; name: string }>('GET', '/me');
  const teacher = (await parent<Contact[]>('GET', '/threads/contacts')).find((c) => c.roles.includes('teacher'));
  if (!teacher) throw new Error('parent6 has no teacher to write to');
  const teachers = await apiAs(base, DEMO.admin);
  const email = (await teachers<{ id: string; email: string }[]>('GET', '/users')).find((u) => u.id === teacher.id)?.email ?? '';
  const thread = await parent<{ id: string; subject: string | null }>('POST', '/threads', { kind: 'direct', participantIds: [teacher.id], subject: `Safeguarding journey ${tag}` });
  await parent('POST', `/threads/${thread.id}/messages`, { body: 'Could we talk about the last lesson?' });
  const teacherApi = await apiAs(base, email);
  const answer = await teacherApi<{ id: string }>('POST', `/threads/${thread.id}/messages`, { body: `An answer to flag ${tag}` });
  const reason = `Journey concern ${tag}`;
  await parent('POST', `/threads/${thread.id}/messages/${answer.id}/flags`, { reason });
  // Two people have one private conversation: on a school that ran this before, it is the earlier one, with its subject.
  return { parent: me, teacher, thread, subject: thread.subject ?? '', reason };
}

describe('the safeguarding lead’s desk', () => {
  const browser = chromiumForSuite();

  it('reviews a flag with an outcome and a note, lists it under Reviewed, and opens a person’s conversation found by name', async () => {
    const tag = `${Date.now() % 1_000_000}`;
    const { parent, teacher, thread, subject, reason } = await flaggedThread(tag);
    const page = await freshPage(browser());
    await signedIn(page, consoleUrl, DEMO.admin);
    await page.goto(`${base}/console/safeguarding`);
    expect(await heading(page)).toBe('Safeguarding');
    const flags = page.getByTestId('flags');
    const flag = flags.getByRole('listitem').filter({ hasText: reason });
    await flag.waitFor();
    await expectAccessible(page, 'the lead’s open flags');

    await flag.getByRole('button', { name: `Review the flag by ${parent.name}` }).click();
    const form = page.getByRole('form', { name: `Review the flag by ${parent.name}` });
    await form.getByRole('button', { name: 'Mark reviewed' }).click();
    await form.getByText('Choose an outcome.').waitFor();
    await form.getByText('Write a note of what you looked at and decided.').waitFor();
    await expectAccessible(page, 'a review missing its outcome and note');
    await form.getByRole('radio', { name: 'No concern' }).check();
    await form.getByLabel('Note').fill(`Read the thread ${tag}: arranging a lesson.`);
    await form.getByRole('button', { name: 'Mark reviewed' }).click();
    await flag.waitFor({ state: 'detached' });

    await page.getByRole('radio', { name: 'Reviewed' }).or(page.getByRole('button', { name: 'Reviewed' })).first().click();
    await page.getByRole('heading', { name: 'Reviewed flags' }).waitFor();
    const reviewed = flags.getByRole('listitem').filter({ hasText: reason });
    await reviewed.getByText('No concern, by you').waitFor();
    expect(await reviewed.innerText()).toContain(`Read the thread ${tag}: arranging a lesson.`);
    await expectAccessible(page, 'the lead’s reviewed flags');
    const trail = await (await apiAs(base, DEMO.admin))<{ items: { after: { outcome?: string } }[] }>('GET', '/audit-events?action=messaging.flag.reviewed&limit=200');
    expect(trail.items.some((e) => e.after.outcome === 'no_concern')).toBe(true);

    const person = page.getByRole('combobox', { name: 'Person' });
    await person.fill(parent.name);
    await page.getByRole('option', { name: new RegExp(`^${parent.name}`) }).first().click();
    const found = page.getByTestId('person-conversations');
    await found.getByTestId('messages-summary').waitFor();
    expect(await found.getByTestId('messages-summary').innerText()).toMatch(/^In \d+ conversations?/);
    await expectAccessible(page, 'a person’s conversations found by name');
    await found.getByRole('link', { name: subject }).click();
    await page.waitForURL(`${base}/console/safeguarding/threads/${thread.id}`);
    await page.getByTestId('audited-read').waitFor();
    await page.context().close();

    // The teacher's page in People shows their messages in summary, the conversation there to open as the lead.
    const people = await freshPage(browser());
    await signedIn(people, consoleUrl, DEMO.admin);
    await people.goto(`${base}/console/people/staff/${teacher.id}`);
    const messages = people.getByTestId('person-messages');
    await messages.getByRole('link', { name: subject }).waitFor();
    expect(await messages.getByTestId('messages-summary').innerText()).toMatch(/^In \d+ conversations? · last message /);
    await expectAccessible(people, 'a person’s messages summary');
    await people.context().close();
  });

  it('fits a 375 px phone', async () => {
    const phone = await freshPage(browser(), PHONE);
    await signedIn(phone, consoleUrl, DEMO.admin);
    await phone.goto(`${base}/console/safeguarding`);
    await phone.getByRole('heading', { name: 'Open flags' }).waitFor();
    await phone.getByTestId('flags').waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await expectAccessible(phone, 'the lead’s desk on a phone');
    await phone.context().close();
  });
});
