import { DAY, DomainError, newId, type UserId } from '@cadenza/shared/kernel';
import { checkUpload, sanitiseFileName, sniffContent } from '../model/attachment.js';
import type { AttachmentId } from '../model/ids.js';
import { messagingWorld } from '../testing/messaging-world.js';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const PDF = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');
const text = (s: string) => new TextEncoder().encode(s);

async function familyThread() {
  const w = messagingWorld();
  const { teacher, minor, parent } = w.people;
  const thread = await w.useCases.startThread.execute(teacher, { kind: 'family', participantIds: [minor.userId, parent.userId] });
  w.stores.audit.entries.length = 0;
  return { ...w, thread };
}

describe('attachment content checks', () => {
  it('sniffs the real type from the bytes', () => {
    expect(sniffContent(PNG)).toBe('png');
    expect(sniffContent(PDF)).toBe('pdf');
    expect(sniffContent(text('Bars 1–16, slowly.\n'))).toBe('text');
    expect(sniffContent(new Uint8Array([0x4d, 0x5a, 0x90, 0x00]))).toBe('unknown');
    expect(sniffContent(new Uint8Array([0x61, 0xc3, 0x28]))).toBe('unknown'); // invalid UTF-8
  });

  it.each([
    ['an empty file', 'image/png', new Uint8Array(), 'MESSAGING.ATTACHMENT_EMPTY'],
    ['a type off the allow-list', 'application/x-msdownload', new Uint8Array([0x4d, 0x5a]), 'MESSAGING.ATTACHMENT_TYPE_NOT_ALLOWED'],
    ['HTML', 'text/html', text('<script>alert(1)</script>'), 'MESSAGING.ATTACHMENT_TYPE_NOT_ALLOWED'],
    ['a PDF that is really a PNG', 'application/pdf', PNG, 'MESSAGING.ATTACHMENT_TYPE_MISMATCH'],
    ['text that is binary', 'text/plain', new Uint8Array([0x00, 0x01, 0xff]), 'MESSAGING.ATTACHMENT_TYPE_MISMATCH'],
    ['a file over the limit', 'text/plain', text('x'.repeat(2048)), 'MESSAGING.ATTACHMENT_TOO_LARGE'],
  ])('refuses %s, naming the file field', (_what, type, bytes, code) => {
    const error = (() => {
      try {
        checkUpload(type, bytes, 1024);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code, kind: 'invalid', details: { fields: [expect.objectContaining({ field: 'file' })] } });
  });

  it('accepts a declared type with parameters in any case', () => {
    expect(checkUpload('Application/PDF; name=x', PDF, 1024)).toBe('application/pdf');
    expect(checkUpload('text/plain; charset=utf-8', text('hello'), 1024)).toBe('text/plain');
  });

  it('sanitises file names: no path, no controls, no direction tricks, bounded', () => {
    expect(sanitiseFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitiseFileName('C:\\Users\\kid\\scales.pdf')).toBe('scales.pdf');
    expect(sanitiseFileName('evil\u202Egpj.exe')).toBe('evil_gpj.exe');
    expect(sanitiseFileName('a\u0000b\r\n"c".pdf')).toBe('a_b___c_.pdf');
    expect(sanitiseFileName('...')).toBe('attachment');
    const long = sanitiseFileName(`${'n'.repeat(300)}.pdf`);
    expect([...long].length).toBe(120);
    expect(long.endsWith('.pdf')).toBe(true);
  });
});

describe('attachments on messages', () => {
  it('uploads, attaches to the author’s message, and shows on the thread', async () => {
    const w = await familyThread();
    const { teacher, parent } = w.people;
    const a = await w.useCases.uploadAttachment.execute(teacher, { threadId: w.thread.id, name: 'scales.pdf', contentType: 'application/pdf', bytes: PDF });
    expect(w.stores.files.files.size).toBe(1);
    expect(w.stores.audit.entries.map((e) => e.action)).toEqual(['messaging.attachment.uploaded']);
    // Before it is on a message, only its uploader sees it.
    await expect(w.useCases.downloadAttachment.execute(parent, { threadId: w.thread.id, attachmentId: a.id })).rejects.toMatchObject({ code: 'MESSAGING.ATTACHMENT_NOT_FOUND' });
    const m = await w.useCases.postMessage.execute(teacher, { threadId: w.thread.id, body: 'See the scales', attachmentIds: [a.id] });
    const view = await w.useCases.readThread.execute(parent, { threadId: w.thread.id });
    expect(view.messages[0].attachments).toEqual([{ id: a.id, name: 'scales.pdf', contentType: 'application/pdf', size: PDF.length }]);
    const download = await w.useCases.downloadAttachment.execute(parent, { threadId: w.thread.id, attachmentId: a.id });
    expect([...download.bytes]).toEqual([...PDF]);
    expect(download.readAsLead).toBe(false);
    expect((await w.stores.attachments.byId(a.id))?.messageId).toBe(m.id);
  });

  it('refuses attachments that are not the author’s own unattached uploads in this thread, writing nothing', async () => {
    const w = await familyThread();
    const { teacher, parent, minor } = w.people;
    const theirs = await w.useCases.uploadAttachment.execute(parent, { threadId: w.thread.id, name: 'p.png', contentType: 'image/png', bytes: PNG });
    const other = await w.useCases.startThread.execute(teacher, { kind: 'family', participantIds: [minor.userId, parent.userId], subject: 'Other' });
    const elsewhere = await w.useCases.uploadAttachment.execute(teacher, { threadId: other.id, name: 'e.png', contentType: 'image/png', bytes: PNG });
    const used = await w.useCases.uploadAttachment.execute(teacher, { threadId: w.thread.id, name: 'u.png', contentType: 'image/png', bytes: PNG });
    await w.useCases.postMessage.execute(teacher, { threadId: w.thread.id, body: 'first', attachmentIds: [used.id] });
    const messages = w.stores.messages.rows.size;
    for (const id of [theirs.id, elsewhere.id, used.id, newId<AttachmentId>()]) {
      await expect(w.useCases.postMessage.execute(teacher, { threadId: w.thread.id, body: 'again', attachmentIds: [id] })).rejects.toMatchObject({
        code: 'MESSAGING.ATTACHMENT_UNAVAILABLE',
        details: { fields: [expect.objectContaining({ field: 'attachmentIds.0' })] },
      });
    }
    expect(w.stores.messages.rows.size).toBe(messages);
    expect((await w.stores.attachments.byId(theirs.id))?.messageId).toBeNull();
  });

  it('lets the lead download from outside the thread, audited; hides it from others', async () => {
    const w = await familyThread();
    const { teacher, lead, otherParent } = w.people;
    const a = await w.useCases.uploadAttachment.execute(teacher, { threadId: w.thread.id, name: 'n.txt', contentType: 'text/plain', bytes: text('notes') });
    await w.useCases.postMessage.execute(teacher, { threadId: w.thread.id, body: 'notes', attachmentIds: [a.id] });
    w.stores.audit.entries.length = 0;
    const download = await w.useCases.downloadAttachment.execute(lead, { threadId: w.thread.id, attachmentId: a.id });
    expect(download.readAsLead).toBe(true);
    expect(w.stores.audit.entries.map((e) => [e.action, e.entityId])).toEqual([['messaging.attachment.read_by_lead', a.id]]);
    await expect(w.useCases.downloadAttachment.execute(otherParent, { threadId: w.thread.id, attachmentId: a.id })).rejects.toMatchObject({ code: 'MESSAGING.THREAD_NOT_FOUND' });
    await expect(w.useCases.downloadAttachment.execute(w.people.admin, { threadId: w.thread.id, attachmentId: a.id })).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('refuses an upload over the school’s limit and to a thread one is not in, storing nothing', async () => {
    const w = await familyThread();
    await w.useCases.updateMessagingPolicy.execute(w.people.admin, { maxAttachmentBytes: 64 * 1024 });
    const big = new Uint8Array(64 * 1024 + 1).fill(0x61);
    await expect(w.useCases.uploadAttachment.execute(w.people.teacher, { threadId: w.thread.id, name: 'big.txt', contentType: 'text/plain', bytes: big })).rejects.toMatchObject({
      code: 'MESSAGING.ATTACHMENT_TOO_LARGE',
    });
    await expect(w.useCases.uploadAttachment.execute(w.people.otherTeacher, { threadId: w.thread.id, name: 'x.txt', contentType: 'text/plain', bytes: text('x') })).rejects.toMatchObject({
      kind: 'not_found',
    });
    expect(w.stores.files.files.size).toBe(0);
    expect(w.stores.attachments.rows.size).toBe(0);
  });

  it('limits uploads per person, writing nothing past the limit', async () => {
    const w = await familyThread();
    for (let n = 0; n < 30; n++) await w.useCases.uploadAttachment.execute(w.people.teacher, { threadId: w.thread.id, name: `${n}.txt`, contentType: 'text/plain', bytes: text(`file ${n}`) });
    const rows = w.stores.attachments.rows.size;
    await expect(w.useCases.uploadAttachment.execute(w.people.teacher, { threadId: w.thread.id, name: 'x.txt', contentType: 'text/plain', bytes: text('one more') })).rejects.toMatchObject({
      code: 'MESSAGING.TOO_MANY_UPLOADS',
      kind: 'rate_limited',
    });
    expect(w.stores.attachments.rows.size).toBe(rows);
    // Others are not held back, and the window moves on.
    await expect(w.useCases.uploadAttachment.execute(w.people.parent, { threadId: w.thread.id, name: 'p.txt', contentType: 'text/plain', bytes: text('mine') })).resolves.toBeDefined();
    w.clock.advance(11 * 60_000);
    await expect(w.useCases.uploadAttachment.execute(w.people.teacher, { threadId: w.thread.id, name: 'y.txt', contentType: 'text/plain', bytes: text('later') })).resolves.toBeDefined();
  });

  it('writes the bytes again under their lock, so a sweep that just removed them cannot leave a record without bytes', async () => {
    const w = await familyThread();
    const a = await w.useCases.uploadAttachment.execute(w.people.teacher, { threadId: w.thread.id, name: 's.pdf', contentType: 'application/pdf', bytes: PDF });
    expect(w.stores.attachments.locked).toEqual([a.sha256]);
    expect(await w.stores.files.get(w.schoolId, a.sha256)).not.toBeNull();
  });

  it('puts attachment names in the transcript', async () => {
    const w = await familyThread();
    const a = await w.useCases.uploadAttachment.execute(w.people.teacher, { threadId: w.thread.id, name: 'étude.pdf', contentType: 'application/pdf', bytes: PDF });
    await w.useCases.postMessage.execute(w.people.teacher, { threadId: w.thread.id, body: 'Étude', attachmentIds: [a.id] });
    const transcript = await w.useCases.exportTranscript.execute(w.people.lead, { threadId: w.thread.id, format: 'pdf' });
    expect(transcript.messages[0].attachments.map((x) => x.name)).toEqual(['étude.pdf']);
  });
});

describe('the messaging policy', () => {
  it('starts at the defaults and is changed by an admin, audited', async () => {
    const w = messagingWorld();
    expect(await w.useCases.getMessagingPolicy.execute(w.people.parent)).toEqual({ minorThreads: 'require_guardian', retentionDays: 730, maxAttachmentBytes: 10 * 1024 * 1024 });
    const after = await w.useCases.updateMessagingPolicy.execute(w.people.admin, { retentionDays: 365, minorThreads: 'visible_to_lead' });
    expect(after).toMatchObject({ retentionDays: 365, minorThreads: 'visible_to_lead' });
    expect(w.stores.audit.entries.map((e) => e.action)).toEqual(['messaging.policy.updated']);
  });

  it('refuses bad values naming each field, and changes nothing', async () => {
    const w = messagingWorld();
    const error = await w.useCases.updateMessagingPolicy.execute(w.people.admin, { retentionDays: 29, maxAttachmentBytes: 1.5, minorThreads: 'anything' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'MESSAGING.INVALID_POLICY', kind: 'invalid' });
    expect((error as DomainError).details.fields?.map((f) => f.field)).toEqual(['minorThreads', 'retentionDays', 'maxAttachmentBytes']);
    expect(w.stores.policies.rows.size).toBe(0);
    expect(w.stores.audit.entries).toHaveLength(0);
    await expect(w.useCases.updateMessagingPolicy.execute(w.people.teacher, { retentionDays: 60 })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(w.useCases.updateMessagingPolicy.execute(w.people.admin, {})).rejects.toMatchObject({ code: 'MESSAGING.EMPTY_POLICY_CHANGE', details: { fields: [{ field: '(body)' }] } });
    expect(w.stores.policies.rows.size).toBe(0);
  });
});

describe('retention', () => {
  it('removes threads whose every student left longer ago than the period, with their files, and audits it', async () => {
    const w = await familyThread();
    const { teacher, minor, adultStudent, parent } = w.people;
    const a = await w.useCases.uploadAttachment.execute(teacher, { threadId: w.thread.id, name: 's.pdf', contentType: 'application/pdf', bytes: PDF });
    const m = await w.useCases.postMessage.execute(teacher, { threadId: w.thread.id, body: 'Bye', attachmentIds: [a.id] });
    await w.useCases.flagMessage.execute(parent, { messageId: m.id, reason: 'Check' });
    const mixed = await w.useCases.startThread.execute(teacher, { kind: 'group', participantIds: [minor.userId, parent.userId, adultStudent.userId], subject: 'Ensemble' });
    const staff = await w.useCases.startThread.execute(teacher, { kind: 'staff', participantIds: [w.people.otherTeacher.userId] });
    w.stores.directory.leftSchoolOn.set(minor.userId, '2026-03-01');
    await w.useCases.updateMessagingPolicy.execute(w.people.admin, { retentionDays: 30 });

    w.clock.set('2026-03-20T00:00:00Z'); // 19 days after: kept
    expect((await w.useCases.applyRetention.execute(w.schoolId)).purged).toEqual([]);

    w.clock.set('2026-04-01T00:00:01Z'); // just past 30 days
    w.stores.audit.entries.length = 0;
    const outcome = await w.useCases.applyRetention.execute(w.schoolId);
    expect(outcome).toEqual({ purged: [w.thread.id], filesRemoved: 1 });
    expect(await w.stores.threads.byId(w.thread.id)).toBeNull();
    expect(w.stores.messages.rows.size).toBe(0);
    expect(w.stores.flags.rows.size).toBe(0);
    expect(w.stores.files.files.size).toBe(0);
    // The ensemble still has a student at the school; the staff thread has no students.
    expect(await w.stores.threads.byId(mixed.id)).not.toBeNull();
    expect(await w.stores.threads.byId(staff.id)).not.toBeNull();
    const [entry] = w.stores.audit.entries;
    expect(entry).toMatchObject({ action: 'messaging.thread.purged_by_retention', entityId: w.thread.id, actorId: null });
    expect(entry.before).toMatchObject({ messages: 1, versions: 1, flags: 1, attachments: 1, studentsLeftSchoolOn: { [minor.userId]: '2026-03-01' } });
    expect(JSON.stringify(entry)).not.toContain('Bye');
    // A second run (another instance) finds nothing more to do.
    expect((await w.useCases.applyRetention.execute(w.schoolId)).purged).toEqual([]);
    expect(w.stores.audit.entries).toHaveLength(1);
  });

  it('keeps bytes another attachment still points at', async () => {
    const w = await familyThread();
    const { teacher, minor, parent, adultStudent } = w.people;
    const other = await w.useCases.startThread.execute(teacher, { kind: 'direct', participantIds: [adultStudent.userId] });
    for (const threadId of [w.thread.id, other.id]) {
      const a = await w.useCases.uploadAttachment.execute(teacher, { threadId, name: 'same.pdf', contentType: 'application/pdf', bytes: PDF });
      await w.useCases.postMessage.execute(teacher, { threadId, body: 'same', attachmentIds: [a.id] });
    }
    void parent;
    w.stores.directory.leftSchoolOn.set(minor.userId as UserId, '2020-01-01');
    w.clock.advance(DAY);
    expect(await w.useCases.applyRetention.execute(w.schoolId)).toEqual({ purged: [w.thread.id], filesRemoved: 0 });
    expect(w.stores.files.files.size).toBe(1);
  });
});
