import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApiProcess, withClient, type ApiProcess } from '@cadenza/server/testing';
import { demo, signedIn, type Client, type Reply } from './support/client.js';
import { createSchool, directory, expectProblem, fieldsOf, type OtherSchool } from './support/scheduling.js';

/**
 * Attachments, the PDF transcript, the school's messaging policy and the refusals around them,
 * over the real api with its attachments on a disk of the test's own. In the demo school the admin
 * is the safeguarding lead and every third student is a minor.
 */
let api: ApiProcess;
let files: string;
let idOf: (email: string) => string;
let other: OtherSchool;
const as: Record<string, Client> = {};
const id = (who: string) => idOf(demo(who));

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082', 'hex');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

// Replies are asserted field by field, as in the other suites.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function upload(client: Client, threadId: string, parts: { name: string; type: string; bytes: Uint8Array }[], extra: Record<string, string> = {}): Promise<Reply<any>> {
  const form = new FormData();
  for (const [k, v] of Object.entries(extra)) form.append(k, v);
  for (const p of parts) form.append('file', new Blob([new Uint8Array(p.bytes)], { type: p.type }), p.name);
  const response = await fetch(`${api.url}/api/v1/threads/${threadId}/attachments`, { method: 'POST', headers: { authorization: `Bearer ${client.token}` }, body: form });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

async function download(client: Client, path: string): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const response = await fetch(`${api.url}${path}`, { headers: { authorization: `Bearer ${client.token}` } });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

/** Row counts of everything messaging writes, and the files on disk, for "writes nothing" assertions. */
async function written(): Promise<Record<string, number>> {
  const counts = await withClient(api.db.url, async (db) => {
    const { rows } = await db.query<Record<string, string>>(`
      select (select count(*) from message_threads) as threads,
             (select count(*) from messages) as messages,
             (select count(*) from message_versions) as versions,
             (select count(*) from message_attachments) as attachments,
             (select count(*) from messaging_policies) as policies,
             (select count(*) from audit_events where action like 'messaging.%') as audit`);
    return Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k, Number(v)]));
  });
  return { ...counts, files: (await filesOnDisk()).length };
}

async function filesOnDisk(): Promise<string[]> {
  const found = await readdir(files, { recursive: true, withFileTypes: true }).catch(() => []);
  return found.filter((f) => f.isFile()).map((f) => f.name);
}

/** The text drawn by an uncompressed PDF: every hex string shown by TJ/Tj, one text object a line. */
function pdfText(pdf: Buffer): string {
  const source = pdf.toString('latin1');
  const lines: string[] = [];
  for (const match of source.matchAll(/\[((?:<[0-9a-fA-F]*>\s*-?[\d.]*\s*)+)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
    const hex = match[1] ? [...match[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]).join('') : match[2];
    lines.push(Buffer.from(hex, 'hex').toString('latin1'));
  }
  return lines.join('\n');
}

beforeAll(async () => {
  files = await mkdtemp(join(tmpdir(), 'cadenza-e2e-attachments-'));
  api = await startApiProcess({ ATTACHMENTS_DIR: files });
  const who = ['admin', 'teacher1', 'teacher2', 'student3', 'parent1', 'parent2'];
  const clients = await Promise.all(who.map((w) => signedIn(api.url, demo(w))));
  who.forEach((w, i) => (as[w] = clients[i]));
  idOf = await directory(as['admin']);
  other = await createSchool(api, 'harbour', 'Harbour Music Academy', 'America/New_York');
}, 120_000);
afterAll(async () => {
  await api?.stop();
  if (files) await rm(files, { recursive: true, force: true });
});

describe('attachments', () => {
  let threadId: string;
  let pdf: { id: string; name: string };

  beforeAll(async () => {
    const thread = await as['teacher1'].post('/api/v1/threads', { kind: 'family', participantIds: [id('student3'), id('parent2')], subject: 'Exam pieces' });
    expect(thread.status).toBe(201);
    threadId = thread.body.id;
  });

  it('uploads a file, attaches it to a message, and lets the thread download it as an attachment, never rendered', async () => {
    const up = await upload(as['teacher1'], threadId, [{ name: '../../Grade 3 scales.pdf', type: 'application/pdf', bytes: PDF }]);
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ threadId, name: 'Grade 3 scales.pdf', contentType: 'application/pdf', size: PDF.length });
    pdf = up.body;
    // Not on a message yet: only its uploader can fetch it.
    expectProblem(await as['parent2'].get(`/api/v1/threads/${threadId}/attachments/${pdf.id}`), 404, 'MESSAGING.ATTACHMENT_NOT_FOUND');

    const posted = await as['teacher1'].post(`/api/v1/threads/${threadId}/messages`, { body: 'The scales for the exam.', attachmentIds: [pdf.id] });
    expect(posted.status).toBe(201);
    expect(posted.body.attachments).toEqual([{ id: pdf.id, name: 'Grade 3 scales.pdf', contentType: 'application/pdf', size: PDF.length }]);
    const read = await as['student3'].get(`/api/v1/threads/${threadId}`);
    expect(read.body.messages.at(-1).attachments.map((a: { id: string }) => a.id)).toEqual([pdf.id]);

    const got = await download(as['parent2'], `/api/v1/threads/${threadId}/attachments/${pdf.id}`);
    expect(got.status).toBe(200);
    expect(got.bytes.equals(PDF)).toBe(true);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('content-disposition')).toBe(`attachment; filename="Grade 3 scales.pdf"; filename*=UTF-8''Grade%203%20scales.pdf`);
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    // The bytes sit under their SHA-256, not under any name a person chose.
    expect(await filesOnDisk()).toEqual([expect.stringMatching(/^[0-9a-f]{64}$/)]);
  });

  it('is not there for another family, another school, or a staff member outside the thread', async () => {
    for (const client of [as['parent1'], as['teacher2'], other.admin]) {
      expectProblem(await client.get(`/api/v1/threads/${threadId}/attachments/${pdf.id}`), 404);
      expectProblem(await upload(client, threadId, [{ name: 'x.png', type: 'image/png', bytes: PNG }]), 404);
    }
  });

  it('lets the safeguarding lead download from outside the thread, and audits it', async () => {
    const got = await download(as['admin'], `/api/v1/threads/${threadId}/attachments/${pdf.id}`);
    expect(got.status).toBe(200);
    const audit = await as['admin'].get('/api/v1/audit-events?action=messaging.attachment.read_by_lead');
    expect(audit.body.items.map((e: { entityId: string }) => e.entityId)).toContain(pdf.id);
  });

  it.each([
    ['a type off the allow-list', [{ name: 'setup.exe', type: 'application/x-msdownload', bytes: Buffer.from('MZ\x90\x00binary') }], {}, 'MESSAGING.ATTACHMENT_TYPE_NOT_ALLOWED', ['file']],
    ['HTML passed off as text', [{ name: 'page.html', type: 'text/html', bytes: Buffer.from('<script>alert(1)</script>') }], {}, 'MESSAGING.ATTACHMENT_TYPE_NOT_ALLOWED', ['file']],
    ['a PNG declared as a PDF', [{ name: 'fake.pdf', type: 'application/pdf', bytes: PNG }], {}, 'MESSAGING.ATTACHMENT_TYPE_MISMATCH', ['file']],
    ['binary garbage declared as text', [{ name: 'notes.txt', type: 'text/plain', bytes: Buffer.from([0x00, 0xff, 0xfe, 0x01]) }], {}, 'MESSAGING.ATTACHMENT_TYPE_MISMATCH', ['file']],
    ['an empty file', [{ name: 'empty.txt', type: 'text/plain', bytes: Buffer.alloc(0) }], {}, 'MESSAGING.ATTACHMENT_EMPTY', ['file']],
    ['two files', [{ name: 'a.png', type: 'image/png', bytes: PNG }, { name: 'b.png', type: 'image/png', bytes: PNG }], {}, 'MESSAGING.INVALID_UPLOAD', ['file']],
    ['an extra field', [{ name: 'a.png', type: 'image/png', bytes: PNG }], { caption: 'hello' }, 'MESSAGING.INVALID_UPLOAD', ['caption']],
    ['no file at all', [], {}, 'MESSAGING.INVALID_UPLOAD', ['file']],
  ])('refuses %s, naming the field and storing nothing', async (_what, parts, extra, code, fields) => {
    const before = await written();
    const reply = await upload(as['teacher1'], threadId, parts, extra);
    expectProblem(reply, 400, code);
    expect(fieldsOf(reply)).toEqual(fields);
    expect(await written()).toEqual(before);
  });

  it('refuses a file over the ceiling before reading it all', async () => {
    const before = await written();
    const reply = await upload(as['teacher1'], threadId, [{ name: 'huge.txt', type: 'text/plain', bytes: Buffer.alloc(25 * 1024 * 1024 + 1, 0x61) }]);
    expectProblem(reply, 400, 'MESSAGING.ATTACHMENT_TOO_LARGE');
    expect(fieldsOf(reply)).toEqual(['file']);
    expect(await written()).toEqual(before);
  });

  it('refuses attaching someone else’s upload, an unknown one, or one already on a message, writing nothing', async () => {
    const theirs = await upload(as['parent2'], threadId, [{ name: 'p.png', type: 'image/png', bytes: PNG }]);
    expect(theirs.status).toBe(201);
    const before = await written();
    for (const attachmentId of [theirs.body.id, pdf.id, '00000000-0000-4000-8000-000000000000']) {
      const reply = await as['teacher1'].post(`/api/v1/threads/${threadId}/messages`, { body: 'With a file', attachmentIds: [attachmentId] });
      expectProblem(reply, 400, 'MESSAGING.ATTACHMENT_UNAVAILABLE');
      expect(fieldsOf(reply)).toEqual(['attachmentIds.0']);
    }
    const notUuid = await as['teacher1'].post(`/api/v1/threads/${threadId}/messages`, { body: 'With a file', attachmentIds: ['../etc/passwd'] });
    expectProblem(notUuid, 400);
    expect(fieldsOf(notUuid)).toEqual(['attachmentIds.0']);
    expect(await written()).toEqual(before);
  });
});

describe('upload flooding', () => {
  it('refuses the 31st upload within ten minutes with 429, storing nothing, and keeps UTF-8 names', async () => {
    const thread = await as['teacher2'].post('/api/v1/threads', { kind: 'staff', participantIds: [id('teacher1')] });
    const first = await upload(as['teacher2'], thread.body.id, [{ name: 'Étude №3 – Chopin.txt', type: 'text/plain', bytes: Buffer.from('étude 0') }]);
    expect(first.status).toBe(201);
    expect(first.body.name).toBe('Étude №3 – Chopin.txt');
    for (let n = 1; n < 30; n++) {
      expect((await upload(as['teacher2'], thread.body.id, [{ name: `${n}.txt`, type: 'text/plain', bytes: Buffer.from(`file ${n}`) }])).status).toBe(201);
    }
    const before = await written();
    const reply = await upload(as['teacher2'], thread.body.id, [{ name: 'more.txt', type: 'text/plain', bytes: Buffer.from('one more') }]);
    expectProblem(reply, 429, 'MESSAGING.TOO_MANY_UPLOADS');
    expect(reply.headers.get('retry-after')).toBe('60');
    expect(await written()).toEqual(before);
  });
});

describe('the PDF transcript', () => {
  it('gives the lead every version, the flags and the attachment names, audited; refuses everyone else', async () => {
    const thread = await as['teacher1'].post('/api/v1/threads', { kind: 'family', participantIds: [id('student3'), id('parent2')], subject: 'Concert' });
    const threadId = thread.body.id;
    const up = await upload(as['teacher1'], threadId, [{ name: 'programme.png', type: 'image/png', bytes: PNG }]);
    const message = await as['teacher1'].post(`/api/v1/threads/${threadId}/messages`, { body: 'Concert at six.', attachmentIds: [up.body.id] });
    expect((await as['teacher1'].patch(`/api/v1/threads/${threadId}/messages/${message.body.id}`, { body: 'Concert at seven.' })).status).toBe(200);
    expect((await as['parent2'].post(`/api/v1/threads/${threadId}/messages/${message.body.id}/flags`, { reason: 'Too late for a child.' })).status).toBe(201);

    const got = await download(as['admin'], `/api/v1/threads/${threadId}/transcript.pdf`);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('content-disposition')).toMatch(/^attachment; filename="transcript-/);
    expect(got.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(got.bytes.toString('latin1').match(/\/Type \/Page\b(?!s)/g)?.length).toBeGreaterThanOrEqual(1);
    const text = pdfText(got.bytes);
    for (const expected of ['Concert at six.', 'Concert at seven.', 'Too late for a child.', 'programme.png', 'Generated by', 'Participants:']) expect(text).toContain(expected);

    const audit = await withClient(api.db.url, async (db) =>
      (await db.query<{ after: { format: string } }>(`select after from audit_events where action = 'messaging.thread.transcript_exported' and entity_id = $1`, [threadId])).rows,
    );
    expect(audit.map((a) => a.after.format)).toEqual(['pdf']);
    for (const client of [as['teacher1'], as['parent2']]) expectProblem(await client.get(`/api/v1/threads/${threadId}/transcript.pdf`), 403);
    // Another school's lead: the thread is not theirs to find.
    expectProblem(await other.admin.get(`/api/v1/threads/${threadId}/transcript.pdf`), 404);
  });
});

describe('the messaging policy', () => {
  it('is readable by every member of the school, with the defaults', async () => {
    for (const who of ['parent1', 'student3', 'teacher2']) {
      const reply = await as[who].get('/api/v1/messaging/policy');
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({ minorThreads: 'require_guardian', retentionDays: 730, maxAttachmentBytes: 10 * 1024 * 1024 });
    }
  });

  it('refuses bad values naming each field, and changes nothing', async () => {
    const before = await written();
    for (const [body, fields] of [
      [{ retentionDays: 29 }, ['retentionDays']],
      [{ retentionDays: 'forever' }, ['retentionDays']],
      [{ minorThreads: 'anything_goes', maxAttachmentBytes: 1 }, ['minorThreads', 'maxAttachmentBytes']],
      [{ retentionDays: 30.5 }, ['retentionDays']],
      [{ shredAfter: 1 }, ['shredAfter']],
      [{}, ['(body)']],
    ] as const) {
      const reply = await as['admin'].patch('/api/v1/messaging/policy', body);
      expectProblem(reply, 400);
      expect(fieldsOf(reply)).toEqual(fields);
    }
    expect(await written()).toEqual(before);
    expect((await as['admin'].get('/api/v1/messaging/policy')).body.retentionDays).toBe(730);
  });

  it('is changed by an admin only, audited, for their school only', async () => {
    expectProblem(await as['teacher1'].patch('/api/v1/messaging/policy', { retentionDays: 60 }), 403);
    expectProblem(await as['parent1'].patch('/api/v1/messaging/policy', { retentionDays: 60 }), 403);
    const changed = await as['admin'].patch('/api/v1/messaging/policy', { retentionDays: 365, maxAttachmentBytes: 65536 });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ minorThreads: 'require_guardian', retentionDays: 365, maxAttachmentBytes: 65536 });
    expect((await other.admin.get('/api/v1/messaging/policy')).body.retentionDays).toBe(730);
    const audit = await as['admin'].get('/api/v1/audit-events?action=messaging.policy.updated');
    expect(audit.body.items[0]).toMatchObject({ before: { retentionDays: 730 }, after: { retentionDays: 365 } });

    // The school's lower limit now applies to uploads.
    const thread = await as['teacher1'].post('/api/v1/threads', { kind: 'staff', participantIds: [id('teacher2')] });
    const before = await written();
    const reply = await upload(as['teacher1'], thread.body.id, [{ name: 'big.txt', type: 'text/plain', bytes: Buffer.alloc(65537, 0x61) }]);
    expectProblem(reply, 400, 'MESSAGING.ATTACHMENT_TOO_LARGE');
    expect(await written()).toEqual(before);
    expect((await upload(as['teacher1'], thread.body.id, [{ name: 'fits.txt', type: 'text/plain', bytes: Buffer.alloc(65536, 0x61) }])).status).toBe(201);
    expect((await as['admin'].patch('/api/v1/messaging/policy', { maxAttachmentBytes: 10 * 1024 * 1024 })).status).toBe(200);
  });

  it('sets the safeguarding mode the thread rule reads', async () => {
    expectProblem(await as['teacher2'].post('/api/v1/threads', { kind: 'direct', participantIds: [id('student3')] }), 403, 'MESSAGING.MINOR_WITHOUT_GUARDIAN');
    expect((await as['admin'].patch('/api/v1/messaging/policy', { minorThreads: 'visible_to_lead' })).status).toBe(200);
    const thread = await as['teacher2'].post('/api/v1/threads', { kind: 'direct', participantIds: [id('student3')] });
    expect(thread.status).toBe(201);
    expect(thread.body.leadOversight).toBe(true);
    expect((await as['admin'].patch('/api/v1/messaging/policy', { minorThreads: 'require_guardian' })).status).toBe(200);
  });
});

describe('a student who leaves', () => {
  it('is recorded by an admin only, with a past date', async () => {
    const student = id('student3');
    expectProblem(await as['parent2'].patch(`/api/v1/students/${student}`, { leftSchoolOn: '2026-01-31' }), 403);
    const future = await as['admin'].patch(`/api/v1/students/${student}`, { leftSchoolOn: '2999-01-01' });
    expectProblem(future, 400);
    expect(fieldsOf(future)).toEqual(['leftSchoolOn']);
    const left = await as['admin'].patch(`/api/v1/students/${student}`, { leftSchoolOn: '2026-01-31' });
    expect(left.status).toBe(200);
    expect(left.body.leftSchoolOn).toBe('2026-01-31');
    const back = await as['admin'].patch(`/api/v1/students/${student}`, { leftSchoolOn: null });
    expect(back.body.leftSchoolOn).toBeNull();
  });
});

describe('garbage in messages', () => {
  let threadId: string;
  beforeAll(async () => {
    threadId = (await as['teacher1'].post('/api/v1/threads', { kind: 'staff', participantIds: [id('teacher2')] })).body.id;
  });

  it.each([
    ['invalid UTF-8 bytes', Buffer.concat([Buffer.from('{"body":"ab'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')])],
    ['a lone surrogate', Buffer.from('{"body":"half \\ud800 a pair"}')],
    ['a NUL byte', Buffer.from('{"body":"nul \\u0000 here"}')],
  ])('refuses %s in a body, naming the field and writing nothing', async (_what, raw) => {
    const before = await written();
    const response = await fetch(`${api.url}/api/v1/threads/${threadId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${as['teacher1'].token}`, 'content-type': 'application/json' },
      body: raw,
    });
    const reply: Reply = { status: response.status, headers: response.headers, body: await response.json() };
    expectProblem(reply, 400);
    expect(fieldsOf(reply)).toEqual(['body']);
    expect(await written()).toEqual(before);
  });

  it('answers 404 for a thread that does not exist and 400 for an id that is not one, writing nothing', async () => {
    const before = await written();
    expectProblem(await as['teacher1'].post('/api/v1/threads/00000000-0000-4000-8000-000000000000/messages', { body: 'Hello?' }), 404, 'MESSAGING.THREAD_NOT_FOUND');
    expectProblem(await as['teacher1'].get('/api/v1/threads/00000000-0000-4000-8000-000000000000/attachments/00000000-0000-4000-8000-000000000000'), 404);
    const bad = await as['teacher1'].post('/api/v1/threads/not-a-thread/messages', { body: 'Hello?' });
    expectProblem(bad, 400);
    expect(fieldsOf(bad)).toEqual(['id']);
    expect(await written()).toEqual(before);
  });
});
