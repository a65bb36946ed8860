// The notification bell and the preferences page, in Chromium, against a running Cadenza with
// the demo school: a teacher's message to a parent raises the bell's count without a reload,
// and a change to the parent's preferences survives a reload.
import { chromiumForSuite, DEMO, DEMO_PASSWORD, e2eBaseUrl, expectAccessible, freshPage, heading, PHONE, signIn } from '@cadenza/web/shared/testing-e2e';
import type { Page } from 'playwright-core';

const base = e2eBaseUrl();
const portal = `${base}/`;

/** Signs in over REST, as a script would: the access token. */
async function token(email: string): Promise<string> {
  const reply = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) });
  if (reply.status !== 200) throw new Error(`login ${email}: ${reply.status}`);
  return ((await reply.json()) as { accessToken: string }).accessToken;
}

async function api<T>(bearer: string, method: string, path: string, body?: unknown): Promise<T> {
  const reply = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (reply.status >= 300) throw new Error(`${method} ${path}: ${reply.status} ${await reply.text()}`);
  return (await reply.json()) as T;
}

async function unread(page: Page): Promise<number> {
  const badge = page.getByTestId('notification-count');
  return (await badge.count()) === 0 ? 0 : Number((await badge.innerText()).trim());
}

describe('notifications', () => {
  const browser = chromiumForSuite();

  it('raises the bell’s count when a message arrives, and keeps a preference across a reload', async () => {
    const page = await freshPage(browser());
    await signIn(page, portal, DEMO.parent);
    await page.waitForURL(portal);
    const bell = page.getByTestId('notification-bell');
    await bell.waitFor();
    // The bell reads the count once it is shown; let that settle before taking it.
    await page.waitForLoadState('networkidle');
    const before = await unread(page);
    await page.evaluate(() => Object.assign(window, { notReloaded: true }));

    // teacher1 writes to parent1.
    const [admin, teacher] = await Promise.all([token(DEMO.admin), token(DEMO.teacher)]);
    const users = await api<{ id: string; email: string }[]>(admin, 'GET', '/users');
    const parentId = users.find((u) => u.email === DEMO.parent)?.id;
    const thread = await api<{ id: string }>(teacher, 'POST', '/threads', { kind: 'direct', participantIds: [parentId] });
    await api(teacher, 'POST', `/threads/${thread.id}/messages`, { body: 'The notifications journey says hello.' });

    await page.waitForFunction((previous) => Number(document.querySelector('[data-testid="notification-count"]')?.textContent?.trim() ?? 0) > previous, before, { timeout: 15_000 });
    expect(await bell.getAttribute('aria-label')).toMatch(/^Notifications, \d+ unread$/);
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

    await bell.click();
    const feed = page.getByTestId('notification-feed');
    await feed.getByTestId('notification').filter({ hasText: 'New message' }).first().waitFor();
    await expectAccessible(page, 'notification feed');
    await feed.getByRole('link', { name: 'Notification preferences' }).click();
    await page.waitForURL(`${base}/notifications/preferences`);
    expect(await heading(page)).toBe('Notification preferences');
    expect(await page.getByTestId('school-default').innerText()).toMatch(/The school's default: .+ before/);
    await expectAccessible(page, 'notification preferences');

    // Flip "New messages" by email, and set quiet hours.
    const newMessages = page.getByRole('checkbox', { name: 'New messages' });
    const emailWas = await newMessages.isChecked();
    await newMessages.setChecked(!emailWas);
    const quiet = page.getByRole('checkbox', { name: /No email during quiet hours/ });
    await quiet.setChecked(true);
    await page.getByLabel('From', { exact: true }).fill('21:30');
    await page.getByLabel('Until', { exact: true }).fill('06:45');
    await page.getByRole('button', { name: 'Save preferences' }).click();
    await page.getByTestId('preferences-status').filter({ hasText: 'Preferences saved.' }).waitFor();

    await page.reload();
    await page.getByRole('checkbox', { name: 'New messages' }).waitFor();
    expect(await page.getByRole('checkbox', { name: 'New messages' }).isChecked()).toBe(!emailWas);
    expect(await page.getByRole('checkbox', { name: /No email during quiet hours/ }).isChecked()).toBe(true);
    expect(await page.getByLabel('From', { exact: true }).inputValue()).toBe('21:30');
    expect(await page.getByLabel('Until', { exact: true }).inputValue()).toBe('06:45');
    await page.context().close();
  });

  it('has the bell in the console too, on a phone without horizontal scrolling', async () => {
    const page = await freshPage(browser(), PHONE);
    await signIn(page, `${base}/console/`, DEMO.admin);
    await page.waitForURL(`${base}/console/`);
    const bell = page.getByTestId('notification-bell');
    await bell.waitFor();
    await bell.click();
    await page.getByTestId('notification-feed').waitFor();
    expect(await page.evaluate(() => document.scrollingElement?.scrollWidth ?? Number.POSITIVE_INFINITY)).toBeLessThanOrEqual(375);
    await expectAccessible(page, 'console notification feed');
    await page.keyboard.press('Escape');
    // The panel closes with an animation: wait for it to leave the page, then confirm it is gone.
    await page.getByTestId('notification-feed').waitFor({ state: 'detached', timeout: 5_000 });
    expect(await page.getByTestId('notification-feed').count()).toBe(0);
    await page.context().close();
  });
});
