import { DomainError, MINUTE, newId, type UserId } from '@cadenza/shared/kernel';
import type { MessageId, ThreadId } from '../model/ids.js';
import { messagingWorld } from '../testing/messaging-world.js';

async function familyThread() {
  const w = messagingWorld();
  const { teacher, minor, parent } = w.people;
  const thread = await w.useCases.startThread.execute(teacher, { kind: 'family', participantIds: [minor.userId, parent.userId] });
  w.stores.audit.entries.length = 0;
  return { ...w, thread };
}

describe('posting and editing', () => {
  it('posts, audits and publishes message.created; the author has read it', async () => {
    const w = await familyThread();
    const m = await w.useCases.postMessage.execute(w.people.teacher, { threadId: w.thread.id, body: '  Bring your scales book.\n' });
    expect(m.body).toBe('Bring your scales book.');
    expect(w.stores.events.published.map((e) => e.type)).toEqual(['message.created.v1']);
    expect(w.stores.audit.entries.map((e) => e.action)).toEqual(['messaging.message.posted']);
    const [mine] = await w.useCases.listMyThreads.execute(w.people.teacher);
    expect(mine.unreadCount).toBe(0);
  });

  it.each([
    ['an empty body', '', 'MESSAGING.EMPTY_TEXT'],
    ['a whitespace-only body', ' \n\t ', 'MESSAGING.EMPTY_TEXT'],
    ['a body over 4,000 characters', 'a'.repeat(4001), 'MESSAGING.TEXT_TOO_LONG'],
    ['a control character', 'hello\u0007there', 'MESSAGING.CONTROL_CHARACTERS'],
  ])('refuses %s, naming the field and writing nothing', async (_what, body, code) => {
    const w = await familyThread();
    const error = await w.useCases.postMessage.execute(w.people.teacher, { threadId: w.thread.id, body }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code, kind: 'invalid', details: { fields: [expect.objectContaining({ field: 'body' })] } });
    expect(w.stores.messages.rows.size).toBe(0);
    expect(w.stores.events.published).toHaveLength(0);
    expect(w.stores.audit.entries).toHaveLength(0);
  });

  it('accepts exactly 4,000 characters with newlines and tabs', async () => {
    const w = await familyThread();
    const body = `a\tb\n${'c'.repeat(3996)}`;
    await expect(w.useCases.postMessage.execute(w.people.teacher, { threadId: w.thread.id, body })).resolves.toMatchObject({ body });
  });

  it('answers not_found for an unknown thread and for a thread the actor is not in', async () => {
    const w = await familyThread();
    await expect(w.useCases.postMessage.execute(w.people.teacher, { threadId: newId<ThreadId>(), body: 'hi' })).rejects.toMatchObject({ code: 'MESSAGING.THREAD_NOT_FOUND', kind: 'not_found' });
    await expect(w.useCases.postMessage.execute(w.people.otherTeacher, { threadId: w.thread.id, body: 'hi' })).rejects.toMatchObject({ kind: 'not_found' });
    await expect(w.useCases.editMessage.execute(w.people.teacher, { messageId: newId<MessageId>(), body: 'hi' })).rejects.toMatchObject({ code: 'MESSAGING.MESSAGE_NOT_FOUND' });
    expect(w.stores.messages.rows.size).toBe(0);
  });

  it('keeps every version on edit; only the author edits', async () => {
    const w = await familyThread();
    const { teacher, parent } = w.people;
    const m = await w.useCases.postMessage.execute(teacher, { threadId: w.thread.id, body: 'Lesson at 4' });
    w.clock.advance(MINUTE);
    await w.useCases.editMessage.execute(teacher, { messageId: m.id, body: 'Lesson at 5' });
    await w.useCases.editMessage.execute(teacher, { messageId: m.id, body: 'Lesson at 5:30' });
    await expect(w.useCases.editMessage.execute(parent, { messageId: m.id, body: 'no' })).rejects.toMatchObject({ code: 'MESSAGING.NOT_AUTHOR', kind: 'forbidden' });
    const stored = w.stores.messages.rows.get(m.id);
    expect(stored?.versions.map((v) => v.body)).toEqual(['Lesson at 4', 'Lesson at 5', 'Lesson at 5:30']);
    expect(w.stores.events.published.map((e) => e.type)).toEqual(['message.created.v1', 'message.updated.v1', 'message.updated.v1']);
    const view = await w.useCases.readThread.execute(parent, { threadId: w.thread.id });
    expect(view.messages[0]).toMatchObject({ body: 'Lesson at 5:30', version: 3 });
    expect(view.messages[0].editedAt).not.toBeNull();
  });

  it('limits sending to 20 messages a minute per person', async () => {
    const w = await familyThread();
    const { teacher, parent } = w.people;
    for (let i = 0; i < 20; i++) await w.useCases.postMessage.execute(teacher, { threadId: w.thread.id, body: `m${i}` });
    await expect(w.useCases.postMessage.execute(teacher, { threadId: w.thread.id, body: 'one more' })).rejects.toMatchObject({ code: 'MESSAGING.TOO_MANY_MESSAGES', kind: 'rate_limited' });
    expect(w.stores.messages.rows.size).toBe(20);
    await expect(w.useCases.postMessage.execute(parent, { threadId: w.thread.id, body: 'others still can' })).resolves.toBeDefined();
    w.clock.advance(MINUTE + 1);
    await expect(w.useCases.postMessage.execute(teacher, { threadId: w.thread.id, body: 'later' })).resolves.toBeDefined();
  });
});

describe('reading', () => {
  it('counts unread messages from others and records read receipts', async () => {
    const w = await familyThread();
    const { teacher, parent, minor } = w.people;
    await w.useCases.postMessage.execute(teacher, { threadId: w.thread.id, body: 'one' });
    await w.useCases.postMessage.execute(teacher, { threadId: w.thread.id, body: 'two' });
    await w.useCases.postMessage.execute(parent, { threadId: w.thread.id, body: 'three' });
    expect((await w.useCases.listMyThreads.execute(minor))[0].unreadCount).toBe(3);
    // replying marks the thread read up to the reply
    expect((await w.useCases.listMyThreads.execute(parent))[0].unreadCount).toBe(0);
    expect((await w.useCases.listMyThreads.execute(teacher))[0].unreadCount).toBe(1);
    await w.useCases.markThreadRead.execute(minor, { threadId: w.thread.id, upToSeq: 2 });
    expect((await w.useCases.listMyThreads.execute(minor))[0].unreadCount).toBe(1);
    await w.useCases.markThreadRead.execute(minor, { threadId: w.thread.id, upToSeq: 1 });
    const view = await w.useCases.readThread.execute(teacher, { threadId: w.thread.id });
    expect(view.receipts.find((r) => r.userId === minor.userId)?.lastReadSeq).toBe(2);
    expect(w.stores.events.published.filter((e) => e.type === 'thread.read.v1')).toHaveLength(1);
    await expect(w.useCases.markThreadRead.execute(minor, { threadId: w.thread.id, upToSeq: 9 })).rejects.toMatchObject({ kind: 'invalid' });
  });

  it('searches only within the actor’s own threads and current wording', async () => {
    const w = await familyThread();
    const { teacher, otherTeacher, admin, parent } = w.people;
    const staff = await w.useCases.startThread.execute(otherTeacher, { kind: 'staff', participantIds: [admin.userId] });
    await w.useCases.postMessage.execute(otherTeacher, { threadId: staff.id, body: 'Recital programme draft' });
    const m = await w.useCases.postMessage.execute(teacher, { threadId: w.thread.id, body: 'Recital on Friday' });
    await w.useCases.postMessage.execute(teacher, { threadId: w.thread.id, body: 'Old wording' });
    const hits = await w.useCases.searchMyMessages.execute(parent, { text: 'recital' });
    expect(hits.map((h) => h.messageId)).toEqual([m.id]);
    await w.useCases.editMessage.execute(teacher, { messageId: m.id, body: 'Concert on Friday' });
    expect(await w.useCases.searchMyMessages.execute(parent, { text: 'recital' })).toEqual([]);
    await expect(w.useCases.searchMyMessages.execute(parent, { text: ' ' })).rejects.toMatchObject({ kind: 'invalid' });
    expect(await w.useCases.searchMyMessages.execute({ ...parent, userId: newId<UserId>() }, { text: 'friday' })).toEqual([]);
  });
});
