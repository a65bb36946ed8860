import { startApiProcess, withClient, type ApiProcess } from '@cadenza/server/testing';
import { acceptMailedInvitation, demo, signedIn, type Client } from './support/client.js';
import { directory, expectProblem, fieldsOf } from './support/scheduling.js';

/**
 * Messaging over the real api: the safeguarding rule for minors, messages with unread counts,
 * edits that keep every version, flags escalated to the lead, the lead's audited reads, and
 * what the server refuses (bad bodies, unknown fields, too many messages a minute).
 * In the demo school the admin is the safeguarding lead and every third student is a minor.
 */
let api: ApiProcess;
let idOf: (email: string) => string;
const as: Record<string, Client> = {};
const id = (who: string) => idOf(demo(who));
let flagId: string;
let second: Client | undefined;

/** An admin who is not the safeguarding lead (the demo's admin is), invited once. */
async function anotherAdmin(): Promise<Client> {
  if (second) return second;
  expect((await as['admin'].post('/api/v1/invitations', { email: 'second.admin@messaging.example', name: 'Second Admin', roles: ['admin'] })).status).toBe(201);
  second = await acceptMailedInvitation(api, 'second.admin@messaging.example', 'second-admin-password');
  return second;
}

/** Row counts of everything messaging writes, for "writes nothing" assertions. */
async function messagingRows(): Promise<Record<string, number>> {
  return withClient(api.db.url, async (db) => {
    const { rows } = await db.query<Record<string, string>>(`
      select (select count(*) from message_threads) as threads,
             (select count(*) from message_thread_participants) as participants,
             (select count(*) from messages) as messages,
             (select count(*) from message_versions) as versions,
             (select count(*) from message_flags) as flags,
             (select count(*) from audit_events where action like 'messaging.%') as audit`);
    return Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k, Number(v)]));
  });
}

beforeAll(async () => {
  api = await startApiProcess();
  const who = ['admin', 'teacher1', 'teacher2', 'teacher5', 'teacher6', 'student3', 'parent1', 'parent2'];
  const clients = await Promise.all(who.map((w) => signedIn(api.url, demo(w))));
  who.forEach((w, i) => (as[w] = clients[i]));
  idOf = await directory(as['admin']);
}, 60_000);
afterAll(() => api?.stop());

describe('the safeguarding rule', () => {
  it('refuses a teacher a private thread with a minor, writing nothing', async () => {
    const before = await messagingRows();
    const reply = await as['teacher1'].post('/api/v1/threads', { kind: 'direct', participantIds: [id('student3')] });
    expectProblem(reply, 403, 'MESSAGING.MINOR_WITHOUT_GUARDIAN');
    expect(await messagingRows()).toEqual(before);
  });

  it('allows a teacher, the minor and their parent together', async () => {
    const reply = await as['teacher1'].post('/api/v1/threads', { kind: 'family', participantIds: [id('student3'), id('parent2')], subject: 'Grade 3 prep' });
    expect(reply.status).toBe(201);
    expect(new Set(reply.body.participantIds)).toEqual(new Set([id('teacher1'), id('student3'), id('parent2')]));
  });
});

describe('a private thread', () => {
  it('is given back, not made again, when the same two people start one again, from either side', async () => {
    const first = await as['teacher5'].post('/api/v1/threads', { kind: 'direct', participantIds: [id('teacher6')], subject: 'Duets' });
    expect(first.status).toBe(201);
    const before = await messagingRows();
    const again = await as['teacher5'].post('/api/v1/threads', { kind: 'direct', participantIds: [id('teacher6')] });
    const back = await as['teacher6'].post('/api/v1/threads', { kind: 'direct', participantIds: [id('teacher5')], subject: 'Duets again' });
    expect([again.body.id, back.body.id]).toEqual([first.body.id, first.body.id]);
    expect(back.body).toMatchObject({ kind: 'direct', subject: 'Duets' });
    expect(await messagingRows()).toEqual(before);
  });
});

describe('a family thread', () => {
  let threadId: string;
  let first: { id: string; seq: number };

  beforeAll(async () => {
    const reply = await as['teacher1'].post('/api/v1/threads', { kind: 'family', participantIds: [id('student3'), id('parent2')], subject: 'Practice plan' });
    expect(reply.status).toBe(201);
    threadId = reply.body.id;
  });

  it('delivers messages to the other participants with unread counts', async () => {
    const a = await as['teacher1'].post(`/api/v1/threads/${threadId}/messages`, { body: 'Scales every day, please.' });
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ threadId, seq: 1, authorId: id('teacher1'), body: 'Scales every day, please.', version: 1, editedAt: null });
    first = a.body;
    expect((await as['teacher1'].post(`/api/v1/threads/${threadId}/messages`, { body: '  And the Czerny study.  ' })).body).toMatchObject({ seq: 2, body: 'And the Czerny study.' });

    for (const reader of ['student3', 'parent2']) {
      const mine = await as[reader].get('/api/v1/threads');
      expect(mine.status).toBe(200);
      expect(mine.body.find((t: { id: string }) => t.id === threadId)).toMatchObject({ unreadCount: 2, lastReadSeq: 0, lastSeq: 2 });
      const thread = await as[reader].get(`/api/v1/threads/${threadId}`);
      expect(thread.status).toBe(200);
      expect(thread.body.messages.map((m: { seq: number; body: string }) => [m.seq, m.body])).toEqual([
        [1, 'Scales every day, please.'],
        [2, 'And the Czerny study.'],
      ]);
      expect(thread.body.readAsLead).toBe(false);
    }
    const teacherView = (await as['teacher1'].get('/api/v1/threads')).body.find((t: { id: string }) => t.id === threadId);
    expect(teacherView.unreadCount).toBe(0);
  });

  it('moves the unread count and shows read receipts when someone reads', async () => {
    const read = await as['student3'].post(`/api/v1/threads/${threadId}/read`, {});
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ userId: id('student3'), lastReadSeq: 2 });
    expect((await as['student3'].get('/api/v1/threads')).body.find((t: { id: string }) => t.id === threadId).unreadCount).toBe(0);
    const reply = await as['parent2'].post(`/api/v1/threads/${threadId}/messages`, { body: 'Thank you!' });
    expect(reply.status).toBe(201);
    expect((await as['student3'].get('/api/v1/threads')).body.find((t: { id: string }) => t.id === threadId).unreadCount).toBe(1);
    const receipts = (await as['teacher1'].get(`/api/v1/threads/${threadId}`)).body.receipts as { userId: string; lastReadSeq: number }[];
    expect(receipts.find((r) => r.userId === id('student3'))?.lastReadSeq).toBe(2);
    expect(receipts.find((r) => r.userId === id('parent2'))?.lastReadSeq).toBe(3);
  });

  it('finds messages in one’s own threads only', async () => {
    const hits = await as['parent2'].get('/api/v1/threads/search?q=czerny');
    expect(hits.status).toBe(200);
    expect(hits.body.map((h: { threadId: string; seq: number }) => [h.threadId, h.seq])).toEqual([[threadId, 2]]);
    expect((await as['parent1'].get('/api/v1/threads/search?q=czerny')).body).toEqual([]);
  });

  it('keeps the old wording when a message is edited', async () => {
    const edited = await as['teacher1'].patch(`/api/v1/threads/${threadId}/messages/${first.id}`, { body: 'Scales every day, slowly.' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ id: first.id, version: 2, body: 'Scales every day, slowly.' });
    expect(edited.body.editedAt).not.toBeNull();
    expectProblem(await as['parent2'].patch(`/api/v1/threads/${threadId}/messages/${first.id}`, { body: 'Not mine to edit' }), 403, 'MESSAGING.NOT_AUTHOR');
    const transcript = await as['admin'].get(`/api/v1/threads/${threadId}/transcript`);
    expect(transcript.status).toBe(200);
    const message = transcript.body.messages.find((m: { id: string }) => m.id === first.id);
    expect(message.versions.map((v: { version: number; body: string }) => [v.version, v.body])).toEqual([
      [1, 'Scales every day, please.'],
      [2, 'Scales every day, slowly.'],
    ]);
    expect(transcript.body.generatedBy.id).toBe(id('admin'));
    expectProblem(await as['teacher1'].get(`/api/v1/threads/${threadId}/transcript`), 403);
  });

  it('escalates a flag to the lead', async () => {
    const flag = await as['parent2'].post(`/api/v1/threads/${threadId}/messages/${first.id}/flags`, { reason: 'Too much pressure on a child.' });
    expect(flag.status).toBe(201);
    flagId = flag.body.id;
    expect(flag.body).toMatchObject({ status: 'open', review: null });
    expect(flag.body).toMatchObject({ threadId, messageId: first.id, messageVersion: 2, flaggedBy: id('parent2') });
    const flags = await as['admin'].get('/api/v1/threads/flags');
    expect(flags.status).toBe(200);
    expect(flags.body.map((f: { id: string }) => f.id)).toContain(flag.body.id);
    const overseen = await as['admin'].get('/api/v1/threads?overseen=true');
    expect(overseen.body.map((t: { id: string }) => t.id)).toContain(threadId);
    expectProblem(await as['teacher1'].get('/api/v1/threads/flags'), 403);
    expectProblem(await as['teacher1'].get('/api/v1/threads?overseen=true'), 403, 'MESSAGING.LEAD_ONLY');
  });

  it('lets the lead read a thread they are not in, and audits it', async () => {
    const reply = await as['admin'].get(`/api/v1/threads/${threadId}`);
    expect(reply.status).toBe(200);
    expect(reply.body.readAsLead).toBe(true);
    expect(reply.body.messages).toHaveLength(3);
    const audit = await as['admin'].get('/api/v1/audit-events?action=messaging.thread.read_by_lead');
    expect(audit.status).toBe(200);
    expect(audit.body.items.map((e: { entityId: string }) => e.entityId)).toContain(threadId);
  });

  it('lets only the lead review a flag, with an outcome and a note, audited; the lead’s list filters by state', async () => {
    const secondAdmin = await anotherAdmin();
    const review = (who: Client, body: unknown, flag = flagId) => who.post(`/api/v1/threads/flags/${flag}/review`, body);
    const before = await messagingRows();
    const fields = async (body: unknown) => fieldsOf(await review(as['admin'], body));
    expect(await fields({ outcome: 'fine', note: 'Looked at it.' })).toEqual(['outcome']);
    expect(await fields({ outcome: 'no_concern' })).toEqual(['note']);
    expect(await fields({ outcome: 'no_concern', note: '   ' })).toEqual(['note']);
    expect(await fields({ outcome: 'no_concern', note: 'x', closed: true })).toEqual(['closed']);
    expectProblem(await review(as['admin'], { outcome: 'no_concern', note: 'x' }, 'not-a-flag'), 400);
    expectProblem(await review(as['teacher1'], { outcome: 'no_concern', note: 'x' }), 403);
    expectProblem(await review(as['parent2'], { outcome: 'no_concern', note: 'x' }), 403);
    expectProblem(await review(secondAdmin, { outcome: 'no_concern', note: 'x' }), 403, 'MESSAGING.LEAD_ONLY');
    expectProblem(await review(as['admin'], { outcome: 'no_concern', note: 'x' }, '00000000-0000-4000-8000-000000000000'), 404, 'MESSAGING.FLAG_NOT_FOUND');
    expectProblem(await secondAdmin.get('/api/v1/threads/flags?status=open'), 403, 'MESSAGING.LEAD_ONLY');
    expect(fieldsOf(await as['admin'].get('/api/v1/threads/flags?status=closed'))).toEqual(['status']);
    expect(await messagingRows()).toEqual(before);
    const ids = async (status: string) => ((await as['admin'].get(`/api/v1/threads/flags?status=${status}`)).body as { id: string }[]).map((f) => f.id);
    expect(await ids('open')).toContain(flagId);
    expect(await ids('reviewed')).not.toContain(flagId);

    const reviewed = await review(as['admin'], { outcome: 'action_taken', note: 'Spoke to the teacher about the wording.' });
    expect(reviewed.status).toBe(200);
    expect(reviewed.body).toMatchObject({ id: flagId, status: 'reviewed', review: { outcome: 'action_taken', note: 'Spoke to the teacher about the wording.', reviewedBy: id('admin') } });
    const trail = (await as['admin'].get(`/api/v1/audit-events?action=messaging.flag.reviewed&entityId=${flagId}`)).body.items;
    expect(trail).toEqual([expect.objectContaining({ actorId: id('admin'), after: expect.objectContaining({ status: 'reviewed', outcome: 'action_taken' }) })]);
    expectProblem(await review(as['admin'], { outcome: 'referred', note: 'Twice?' }), 409, 'MESSAGING.FLAG_ALREADY_REVIEWED');
    expect(await ids('open')).not.toContain(flagId);
    expect(await ids('reviewed')).toContain(flagId);
  });

  it('summarises a person’s messages for admins, describing only the conversations the caller may open', async () => {
    const secondAdmin = await anotherAdmin();
    const byLead = await as['admin'].get(`/api/v1/people/${id('parent2')}/messages`);
    expect(byLead.status).toBe(200);
    expect(byLead.body.conversations).toBeGreaterThanOrEqual(1);
    expect(byLead.body.openFlags).toEqual(expect.any(Number));
    const thread = byLead.body.openable.find((t: { id: string }) => t.id === threadId);
    // Its one flag was reviewed above: none open.
    expect(thread).toMatchObject({ subject: 'Practice plan', openAs: 'lead', leadOversight: true, openFlags: 0 });
    expect(thread.participants).toHaveLength(thread.participants.filter((n: string) => n !== 'Someone').length);
    expect(thread.participants.length).toBeGreaterThanOrEqual(3);
    const byOther = await secondAdmin.get(`/api/v1/people/${id('parent2')}/messages`);
    expect(byOther.body).toMatchObject({ conversations: byLead.body.conversations, lastMessageAt: byLead.body.lastMessageAt, openFlags: null, openable: [] });
    expectProblem(await as['teacher1'].get(`/api/v1/people/${id('parent2')}/messages`), 403);
    expectProblem(await as['parent2'].get(`/api/v1/people/${id('parent2')}/messages`), 403);
    expectProblem(await as['admin'].get('/api/v1/people/00000000-0000-4000-8000-000000000000/messages'), 404, 'MESSAGING.PERSON_NOT_FOUND');
    expectProblem(await as['admin'].get('/api/v1/people/nobody/messages'), 400);
  });

  it('is not there for another family', async () => {
    expectProblem(await as['parent1'].get(`/api/v1/threads/${threadId}`), 404, 'MESSAGING.THREAD_NOT_FOUND');
    expectProblem(await as['parent1'].post(`/api/v1/threads/${threadId}/messages`, { body: 'Hello?' }), 404);
    expectProblem(await as['parent1'].post(`/api/v1/threads/${threadId}/messages/${first.id}/flags`, { reason: 'Peeking' }), 404);
  });

  it('adds and removes people, but never leaves the minor without their guardian', async () => {
    const added = await as['teacher1'].post(`/api/v1/threads/${threadId}/participants`, { userId: id('teacher2') });
    expect(added.status).toBe(201);
    expect(added.body.participantIds).toContain(id('teacher2'));
    const before = await messagingRows();
    expectProblem(await as['teacher1'].delete(`/api/v1/threads/${threadId}/participants/${id('parent2')}`), 403, 'MESSAGING.MINOR_WITHOUT_GUARDIAN');
    expect(await messagingRows()).toEqual(before);
    const removed = await as['teacher1'].delete(`/api/v1/threads/${threadId}/participants/${id('teacher2')}`);
    expect(removed.status).toBe(200);
    expect(removed.body.participantIds).not.toContain(id('teacher2'));
    expectProblem(await as['teacher2'].get(`/api/v1/threads/${threadId}`), 404);
  });

  it.each([
    ['empty', ''],
    ['only spaces', '   '],
    ['too long', 'a'.repeat(4001)],
    ['with control characters', 'bell\u0007'],
  ])('refuses a body that is %s, naming the field and writing nothing', async (_what, body) => {
    const before = await messagingRows();
    const reply = await as['teacher1'].post(`/api/v1/threads/${threadId}/messages`, { body });
    expectProblem(reply, 400);
    expect(fieldsOf(reply)).toEqual(['body']);
    expect(await messagingRows()).toEqual(before);
  });

  it('refuses unknown fields', async () => {
    const before = await messagingRows();
    const reply = await as['teacher1'].post(`/api/v1/threads/${threadId}/messages`, { body: 'Hi', sticker: 'cat' });
    expectProblem(reply, 400);
    expect(fieldsOf(reply)).toEqual(['sticker']);
    expectProblem(await as['teacher1'].post('/api/v1/threads', { kind: 'group', participantIds: [id('teacher2')], pinned: true }), 400);
    expect(await messagingRows()).toEqual(before);
  });
});

describe('the send limit', () => {
  it('refuses the 21st message within a minute', async () => {
    const thread = await as['teacher5'].post('/api/v1/threads', { kind: 'staff', participantIds: [id('teacher6')] });
    expect(thread.status).toBe(201);
    for (let n = 1; n <= 20; n++) {
      const reply = await as['teacher5'].post(`/api/v1/threads/${thread.body.id}/messages`, { body: `Message ${n}` });
      expect(reply.status).toBe(201);
    }
    const before = await messagingRows();
    expectProblem(await as['teacher5'].post(`/api/v1/threads/${thread.body.id}/messages`, { body: 'One too many' }), 429, 'MESSAGING.TOO_MANY_MESSAGES');
    expect(await messagingRows()).toEqual(before);
    // Someone else in the thread is not held back by it.
    expect((await as['teacher6'].post(`/api/v1/threads/${thread.body.id}/messages`, { body: 'Slow down!' })).status).toBe(201);
  });
});
