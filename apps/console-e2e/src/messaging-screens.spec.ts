// Messaging screens over the attachments and policy API, in Chromium against a
// running Cadenza with the demo school (parent f has students 2f-1 and 2f; teacher k teaches
// students k, k+6, …). Each journey uses its own people and values made unique per run, puts
// back what it changed, and waits for what it expects rather than for a fixed time.
import { readFile } from 'node:fs/promises';
import { apiAs, chromiumForSuite, DEMO, e2eBaseUrl, expectAccessible, freshPage, heading, mainNav, PHONE, signedIn } from '@cadenza/web/shared/testing-e2e';

const base = e2eBaseUrl();
const consoleUrl = `${base}/console/`;
const portalUrl = `${base}/`;
const demo = (local: string) => `${local}@demo.cadenza.school`;
const unique = (what: string) => `${what} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;


/** A small, well-formed PDF whose bytes are unique to this run. */
function aPdf(marker: string): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n% ${marker}\ntrailer <</Root 1 0 R>>\n%%EOF\n`,
    'latin1',
  );
}


describe('messaging screens', () => {
  const browser = chromiumForSuite();

  it('lets a parent attach a PDF, refuses a file type by name, and the teacher downloads the same bytes', async () => {
    // parent3's children are student5 and student6; teacher5 teaches student5.
    const admin = await apiAs(base, DEMO.admin);
    const users = await admin<{ id: string; email: string }[]>('GET', '/users');
    const teacherId = users.find((u) => u.email === demo('teacher5'))?.id;
    const parentApi = await apiAs(base, demo('parent3'));
    const subject = unique('Exam pieces');
    const thread = await parentApi<{ id: string }>('POST', '/threads', { kind: 'direct', participantIds: [teacherId], subject });
    const pdfName = `exam-pieces-${Date.now().toString(36)}.pdf`;
    const pdf = aPdf(subject);
    const words = unique('The list of exam pieces is attached');
    // A 1×1 PNG, to be shown as a preview fetched with the token (no token in any URL).
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const pngName = `posture-${Date.now().toString(36)}.png`;

    const parent = await freshPage(browser());
    await signedIn(parent, portalUrl, demo('parent3'));
    await parent.goto(`${base}/messages/${thread.id}`);
    expect((await parent.getByTestId('conversation-title').innerText()).trim()).toBe(subject);
    const [chooser] = await Promise.all([parent.waitForEvent('filechooser'), parent.getByRole('button', { name: 'Attach files' }).click()]);
    expect(chooser.isMultiple()).toBe(true);
    await chooser.setFiles([
      { name: pdfName, mimeType: 'application/pdf', buffer: pdf },
      { name: pngName, mimeType: 'image/png', buffer: png },
      { name: 'installer.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ not a document') },
    ]);
    const files = parent.getByRole('list', { name: 'Files to send' });
    await files.getByText(`PDF · ${pdf.length} bytes · ready`).waitFor();
    await files.getByText(`Image · ${png.length} bytes · ready`).waitFor();
    const refusal = files.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.innerText()).toMatch(/^installer\.exe was not attached: /);
    await expectAccessible(parent, 'composer with files');
    await parent.getByRole('button', { name: 'Remove installer.exe' }).click();
    await refusal.waitFor({ state: 'detached' });

    const composer = parent.getByLabel('Message', { exact: true });
    await composer.fill(words);
    await composer.press('Enter');
    await parent.getByText(words).waitFor();
    await parent.getByRole('button', { name: `Download ${pdfName} (PDF, ${pdf.length} bytes)` }).waitFor();
    expect(await files.count()).toBe(0);

    // The teacher, in a second browser context, sees the file on the message and downloads it.
    const teacher = await freshPage(browser());
    await signedIn(teacher, consoleUrl, demo('teacher5'));
    await teacher.goto(`${base}/console/messages/${thread.id}`);
    await teacher.getByText(words).waitFor();
    const link = teacher.getByRole('button', { name: `Download ${pdfName} (PDF, ${pdf.length} bytes)` });
    await link.waitFor();
    const preview = teacher.getByRole('img', { name: `Preview of ${pngName}` });
    await preview.waitFor();
    await teacher.waitForFunction((alt) => {
      const img = [...document.querySelectorAll('img')].find((i) => i.alt === alt);
      return !!img && img.complete && img.naturalWidth === 1;
    }, `Preview of ${pngName}`);
    expect(await preview.getAttribute('src')).toMatch(/^blob:/);
    await expectAccessible(teacher, 'message with files');
    const [download] = await Promise.all([teacher.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(pdfName);
    const path = await download.path();
    expect((await readFile(path)).equals(pdf)).toBe(true);
    await parent.context().close();
    await teacher.context().close();

    // The safeguarding lead, from outside the conversation, sees the same files in their view.
    const lead = await freshPage(browser());
    await signedIn(lead, consoleUrl, DEMO.admin);
    await lead.goto(`${base}/console/safeguarding/threads/${thread.id}`);
    await lead.getByTestId('audited-read').waitFor();
    await lead.getByRole('img', { name: `Preview of ${pngName}` }).waitFor();
    const [leadDownload] = await Promise.all([
      lead.waitForEvent('download'),
      lead.getByRole('button', { name: `Download ${pdfName} (PDF, ${pdf.length} bytes)` }).click(),
    ]);
    expect(leadDownload.suggestedFilename()).toBe(pdfName);
    expect((await readFile(await leadDownload.path())).equals(pdf)).toBe(true);
    await expectAccessible(lead, 'lead’s read with files');
    // The preview and the download were each a read of a file from outside the thread: both audited.
    const audit = await admin<{ items: { entityId: string | null; after: { threadId?: string } | null }[] }>('GET', '/audit-events?action=messaging.attachment.read_by_lead&limit=200');
    expect(audit.items.filter((e) => e.after?.threadId === thread.id).length).toBeGreaterThanOrEqual(2);
    await lead.context().close();
    // Three people sign in one after another: more than the default minute on a busy machine.
  }, 240_000);

  it('fits the composer with files on a 375 px phone', async () => {
    // parent4's children are student7 and student8; teacher1 teaches student7.
    const admin = await apiAs(base, DEMO.admin);
    const users = await admin<{ id: string; email: string }[]>('GET', '/users');
    const teacherId = users.find((u) => u.email === demo('teacher1'))?.id;
    const parentApi = await apiAs(base, demo('parent4'));
    const thread = await parentApi<{ id: string }>('POST', '/threads', { kind: 'direct', participantIds: [teacherId], subject: unique('Phone files') });
    const page = await freshPage(browser(), PHONE);
    await signedIn(page, portalUrl, demo('parent4'));
    await page.goto(`${base}/messages/${thread.id}`);
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Attach files' }).click()]);
    await chooser.setFiles([{ name: `a-rather-long-file-name-for-a-small-phone-screen-${Date.now()}.pdf`, mimeType: 'application/pdf', buffer: aPdf('phone') }]);
    await page.getByRole('list', { name: 'Files to send' }).getByText('ready', { exact: false }).waitFor();
    const scrollWidth = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? Number.POSITIVE_INFINITY);
    expect(scrollWidth).toBeLessThanOrEqual(375);
    await expectAccessible(page, 'phone composer with a file');
    await page.context().close();
  });

  it('lets an admin change the messaging settings, names a refused field, and the change survives a reload', async () => {
    const admin = await apiAs(base, DEMO.admin);
    const before = await admin<{ minorThreads: string; retentionDays: number; maxAttachmentBytes: number }>('GET', '/messaging/policy');
    const days = 400 + Math.floor(Math.random() * 500);
    try {
      const page = await freshPage(browser());
      await signedIn(page, consoleUrl, DEMO.admin);
      await (await mainNav(page)).getByRole('link', { name: 'Messaging settings' }).click();
      await page.waitForURL(`${base}/console/messaging-settings`);
      expect(await heading(page)).toBe('Messaging settings');
      const keep = page.getByLabel('Keep for (days)');
      await keep.waitFor();
      expect(await page.getByRole('radio', { name: 'Always include a parent or guardian' }).count()).toBe(1);
      expect(await page.getByRole('radio', { name: 'Let the safeguarding lead oversee instead' }).count()).toBe(1);
      await expectAccessible(page, 'messaging settings');

      await keep.fill('10');
      await page.getByRole('button', { name: 'Save messaging settings' }).click();
      await page.getByTestId('retentionDays-error').waitFor();
      expect((await page.getByTestId('retentionDays-error').innerText()).trim()).toBe('At least 30 days.');
      await expectAccessible(page, 'messaging settings refused');

      await keep.fill(String(days));
      await page.getByLabel('Largest file (MB)').fill('12');
      await page.getByRole('button', { name: 'Save messaging settings' }).click();
      await page.getByRole('status').filter({ hasText: 'Messaging settings saved.' }).waitFor();
      await page.reload();
      await page.getByLabel('Keep for (days)').waitFor();
      expect(await page.getByLabel('Keep for (days)').inputValue()).toBe(String(days));
      expect(await page.getByLabel('Largest file (MB)').inputValue()).toBe('12');
      const after = await admin<{ retentionDays: number; maxAttachmentBytes: number }>('GET', '/messaging/policy');
      expect(after).toMatchObject({ retentionDays: days, maxAttachmentBytes: 12 * 1024 * 1024 });
      await page.context().close();
    } finally {
      await admin('PATCH', '/messaging/policy', before);
    }
  });

  it('keeps the messaging settings and the families from teachers', async () => {
    const page = await freshPage(browser());
    await signedIn(page, consoleUrl, demo('teacher3'));
    const nav = await mainNav(page);
    await nav.getByRole('link', { name: 'Messages' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Messaging settings' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'People' }).count()).toBe(0);
    await page.goto(`${base}/console/messaging-settings`);
    await page.waitForURL(consoleUrl);
    await page.goto(`${base}/console/people/families`);
    await page.waitForURL(consoleUrl);
    await page.context().close();
  });
});
