import { messagingWorld } from '../testing/messaging-world.js';

async function threadWithMessage() {
  const w = messagingWorld();
  const { teacher, minor, parent } = w.people;
  const thread = await w.useCases.startThread.execute(teacher, { kind: 'family', participantIds: [minor.userId, parent.userId] });
  const message = await w.useCases.postMessage.execute(teacher, { threadId: thread.id, body: 'See you Tuesday' });
  w.stores.audit.entries.length = 0;
  w.stores.events.published.length = 0;
  return { ...w, thread, message };
}

describe('flags and the safeguarding lead', () => {
  it('escalates a flag: message.flagged published, audited, thread overseen; the lead lists it', async () => {
    const w = await threadWithMessage();
    const { parent, lead, teacher } = w.people;
    const flag = await w.useCases.flagMessage.execute(parent, { messageId: w.message.id, reason: 'Feels inappropriate' });
    expect(w.stores.events.published).toEqual([expect.objectContaining({ type: 'message.flagged.v1', payload: expect.objectContaining({ flagId: flag.id, messageId: w.message.id, flaggedBy: parent.userId }) })]);
    expect(w.stores.audit.entries.map((e) => e.action)).toEqual(['messaging.message.flagged']);
    expect(w.stores.threads.rows.get(w.thread.id)?.leadOversight).toBe(true);
    expect((await w.useCases.listFlags.execute(lead)).map((f) => f.id)).toEqual([flag.id]);
    await expect(w.useCases.listFlags.execute(teacher)).rejects.toMatchObject({ code: 'MESSAGING.LEAD_ONLY', kind: 'forbidden' });
    await expect(w.useCases.flagMessage.execute(parent, { messageId: w.message.id, reason: 'again' })).resolves.toMatchObject({ id: flag.id });
    expect(w.stores.flags.rows.size).toBe(1);
  });

  it('takes a turn per flag: ten at once, then one a minute; past that, 429 and nothing written or sent to the lead', async () => {
    const w = await threadWithMessage();
    const { parent, teacher } = w.people;
    const posted = [];
    for (let i = 0; i < 11; i++) posted.push(await w.useCases.postMessage.execute(teacher, { threadId: w.thread.id, body: `Note ${i}` }));
    for (const message of posted.slice(0, 10)) await w.useCases.flagMessage.execute(parent, { messageId: message.id, reason: 'Worrying' });
    const flagged = w.stores.events.published.filter((e) => e.type === 'message.flagged.v1').length;
    await expect(w.useCases.flagMessage.execute(parent, { messageId: posted[10].id, reason: 'Worrying' })).rejects.toMatchObject({
      code: 'MESSAGING.TOO_MANY_FLAGS',
      kind: 'rate_limited',
      details: { retryAfterSeconds: 60 },
    });
    expect(flagged).toBe(10);
    expect(w.stores.events.published.filter((e) => e.type === 'message.flagged.v1')).toHaveLength(10);
    expect(w.stores.flags.rows.size).toBe(10);
    w.clock.advance(60_000);
    await w.useCases.flagMessage.execute(parent, { messageId: posted[10].id, reason: 'Worrying' });
    expect(w.stores.flags.rows.size).toBe(11);
  });

  it('refuses a flag with no reason or from outside the thread, writing nothing', async () => {
    const w = await threadWithMessage();
    await expect(w.useCases.flagMessage.execute(w.people.parent, { messageId: w.message.id, reason: '  ' })).rejects.toMatchObject({ kind: 'invalid', details: { fields: [expect.objectContaining({ field: 'reason' })] } });
    await expect(w.useCases.flagMessage.execute(w.people.otherParent, { messageId: w.message.id, reason: 'x' })).rejects.toMatchObject({ kind: 'not_found' });
    expect(w.stores.flags.rows.size).toBe(0);
    expect(w.stores.audit.entries).toHaveLength(0);
  });

  it('lets the lead open any thread, auditing every read from outside it; others get not_found', async () => {
    const w = await threadWithMessage();
    const { lead, admin, otherTeacher, parent } = w.people;
    const view = await w.useCases.readThread.execute(lead, { threadId: w.thread.id });
    await w.useCases.readThread.execute(lead, { threadId: w.thread.id });
    expect(view.readAsLead).toBe(true);
    expect(view.messages.map((m) => m.body)).toEqual(['See you Tuesday']);
    expect(w.stores.audit.entries.map((e) => [e.action, e.actorId, e.entityId])).toEqual([
      ['messaging.thread.read_by_lead', lead.userId, w.thread.id],
      ['messaging.thread.read_by_lead', lead.userId, w.thread.id],
    ]);
    for (const outsider of [admin, otherTeacher]) await expect(w.useCases.readThread.execute(outsider, { threadId: w.thread.id })).rejects.toMatchObject({ code: 'MESSAGING.THREAD_NOT_FOUND' });
    await w.useCases.readThread.execute(parent, { threadId: w.thread.id });
    expect(w.stores.audit.entries).toHaveLength(2);
  });

  it('exports a transcript with every version and flag for the lead only, audited', async () => {
    const w = await threadWithMessage();
    const { lead, teacher, parent } = w.people;
    await w.useCases.editMessage.execute(teacher, { messageId: w.message.id, body: 'See you Wednesday' });
    await w.useCases.flagMessage.execute(parent, { messageId: w.message.id, reason: 'Changed time twice' });
    await expect(w.useCases.exportTranscript.execute(teacher, { threadId: w.thread.id })).rejects.toMatchObject({ code: 'MESSAGING.LEAD_ONLY' });
    const transcript = await w.useCases.exportTranscript.execute(lead, { threadId: w.thread.id });
    expect(transcript.generatedBy.name).toBe('Lena Lead');
    expect(transcript.participants.map((p) => p.name)).toEqual(['Tess Teacher', 'Mia Minor', 'Pat Parent']);
    expect(transcript.messages).toHaveLength(1);
    expect(transcript.messages[0].author.name).toBe('Tess Teacher');
    expect(transcript.messages[0].versions.map((v) => v.body)).toEqual(['See you Tuesday', 'See you Wednesday']);
    expect(transcript.messages[0].flags).toEqual([expect.objectContaining({ reason: 'Changed time twice', messageVersion: 2, flaggedBy: { id: parent.userId, name: 'Pat Parent' } })]);
    expect(w.stores.audit.entries.map((e) => e.action)).toContain('messaging.thread.transcript_exported');
  });
});

describe('the lead reviews flags', () => {
  it('moves a flag from open to reviewed with an outcome and a note, audited in the same unit; the list filters by state', async () => {
    const w = await threadWithMessage();
    const { parent, lead } = w.people;
    const flag = await w.useCases.flagMessage.execute(parent, { messageId: w.message.id, reason: 'Feels inappropriate' });
    w.stores.audit.entries.length = 0;
    const reviewed = await w.useCases.reviewFlag.execute(lead, { flagId: flag.id, outcome: 'no_concern', note: ' Read the thread: arranging a lesson. ' });
    expect(reviewed.status).toBe('reviewed');
    expect(reviewed.review).toEqual({ outcome: 'no_concern', note: 'Read the thread: arranging a lesson.', reviewedBy: lead.userId, reviewedAt: w.clock.now() });
    expect(w.stores.audit.entries).toEqual([
      expect.objectContaining({ action: 'messaging.flag.reviewed', entityId: flag.id, actorId: lead.userId, after: expect.objectContaining({ status: 'reviewed', outcome: 'no_concern', note: 'Read the thread: arranging a lesson.' }) }),
    ]);
    expect((await w.useCases.listFlags.execute(lead, { status: 'open' })).map((f) => f.id)).toEqual([]);
    expect((await w.useCases.listFlags.execute(lead, { status: 'reviewed' })).map((f) => f.id)).toEqual([flag.id]);
    expect((await w.useCases.listFlags.execute(lead)).map((f) => f.id)).toEqual([flag.id]);
    // Reviewed once: a second review is a conflict and changes nothing.
    await expect(w.useCases.reviewFlag.execute(lead, { flagId: flag.id, outcome: 'referred', note: 'Again' })).rejects.toMatchObject({ kind: 'conflict', code: 'MESSAGING.FLAG_ALREADY_REVIEWED' });
    expect(w.stores.flags.rows.get(flag.id)?.review?.outcome).toBe('no_concern');
    expect(w.stores.audit.entries).toHaveLength(1);
  });

  it('refuses a bad outcome, an empty note, anyone but the lead and an unknown flag, writing nothing', async () => {
    const w = await threadWithMessage();
    const { parent, lead, admin, teacher } = w.people;
    const flag = await w.useCases.flagMessage.execute(parent, { messageId: w.message.id, reason: 'Feels inappropriate' });
    w.stores.audit.entries.length = 0;
    await expect(w.useCases.reviewFlag.execute(lead, { flagId: flag.id, outcome: 'fine', note: 'x' })).rejects.toMatchObject({ kind: 'invalid', details: { fields: [expect.objectContaining({ field: 'outcome' })] } });
    await expect(w.useCases.reviewFlag.execute(lead, { flagId: flag.id, outcome: 'referred', note: '   ' })).rejects.toMatchObject({ kind: 'invalid', details: { fields: [expect.objectContaining({ field: 'note' })] } });
    await expect(w.useCases.reviewFlag.execute(admin, { flagId: flag.id, outcome: 'referred', note: 'x' })).rejects.toMatchObject({ kind: 'forbidden', code: 'MESSAGING.LEAD_ONLY' });
    await expect(w.useCases.reviewFlag.execute(teacher, { flagId: flag.id, outcome: 'referred', note: 'x' })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(w.useCases.reviewFlag.execute(lead, { flagId: w.message.id as never, outcome: 'referred', note: 'x' })).rejects.toMatchObject({ kind: 'not_found', code: 'MESSAGING.FLAG_NOT_FOUND' });
    expect(w.stores.flags.rows.get(flag.id)?.review).toBeNull();
    expect(w.stores.audit.entries).toEqual([]);
  });
});

describe('a person’s messages in summary', () => {
  it('counts every conversation for an admin but describes only those they may open; the lead may open all and sees open flags', async () => {
    const w = await threadWithMessage();
    const { parent, lead, admin, teacher, minor } = w.people;
    const withAdmin = await w.useCases.startThread.execute(admin, { kind: 'direct', participantIds: [parent.userId], subject: 'Fees' });
    await w.useCases.postMessage.execute(admin, { threadId: withAdmin.id, body: 'Your invoice' });
    await w.useCases.flagMessage.execute(parent, { messageId: w.message.id, reason: 'Worrying' });

    const byAdmin = await w.useCases.personConversations.execute(admin, parent.userId);
    expect(byAdmin).toMatchObject({ personId: parent.userId, conversations: 2, lastMessageAt: w.clock.now(), openFlags: null });
    expect(byAdmin.openable.map((c) => [c.thread.subject, c.openAs, c.participants, c.openFlags])).toEqual([['Fees', 'inbox', ['Adam Admin', 'Pat Parent'], null]]);

    const byLead = await w.useCases.personConversations.execute(lead, parent.userId);
    expect(byLead).toMatchObject({ conversations: 2, openFlags: 1 });
    expect(byLead.openable.map((c) => c.openAs).sort()).toEqual(['lead', 'lead']);
    expect(byLead.openable.find((c) => c.thread.id === w.thread.id)).toMatchObject({ openFlags: 1, participants: ['Mia Minor', 'Pat Parent', 'Tess Teacher'] });

    await expect(w.useCases.personConversations.execute(teacher, minor.userId)).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(w.useCases.personConversations.execute(admin, w.thread.id as never)).rejects.toMatchObject({ kind: 'not_found', code: 'MESSAGING.PERSON_NOT_FOUND' });
    expect(await w.useCases.personConversations.execute(admin, lead.userId)).toEqual({ personId: lead.userId, conversations: 0, lastMessageAt: null, openFlags: null, openable: [] });
  });
});
