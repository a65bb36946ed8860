import { messagingWorld } from '../testing/messaging-world.js';

describe('safeguarding rule', () => {
  it('refuses a teacher a private thread with a minor alone under require_guardian, naming the minor, writing nothing', async () => {
    const w = messagingWorld();
    const { teacher, minor } = w.people;
    await expect(w.useCases.startThread.execute(teacher, { kind: 'direct', participantIds: [minor.userId] })).rejects.toMatchObject({
      code: 'MESSAGING.MINOR_WITHOUT_GUARDIAN',
      kind: 'forbidden',
      details: { minorId: minor.userId, minorName: 'Mia Minor' },
    });
    expect(w.stores.threads.rows.size).toBe(0);
    expect(w.stores.audit.entries).toHaveLength(0);
  });

  it('allows a family thread with the guardian in it', async () => {
    const w = messagingWorld();
    const { teacher, minor, parent } = w.people;
    const thread = await w.useCases.startThread.execute(teacher, { kind: 'family', participantIds: [minor.userId, parent.userId] });
    expect(thread.leadOversight).toBe(false);
    expect(w.stores.audit.entries.map((e) => e.action)).toEqual(['messaging.thread.started']);
  });

  it('under visible_to_lead allows the thread and puts it under the lead’s oversight', async () => {
    const w = messagingWorld({ policy: 'visible_to_lead' });
    const { teacher, minor, lead } = w.people;
    const thread = await w.useCases.startThread.execute(teacher, { kind: 'direct', participantIds: [minor.userId] });
    expect(thread.leadOversight).toBe(true);
    const overseen = await w.useCases.listMyThreads.execute(lead, { overseen: true });
    expect(overseen.map((s) => s.thread.id)).toEqual([thread.id]);
    await expect(w.useCases.listMyThreads.execute(teacher, { overseen: true })).rejects.toMatchObject({ code: 'MESSAGING.LEAD_ONLY' });
  });

  it('re-checks on adding: another family’s minor needs their guardian under require_guardian', async () => {
    const w = messagingWorld();
    const { teacher, minor, parent, otherMinor, otherParent } = w.people;
    const thread = await w.useCases.startThread.execute(teacher, { kind: 'group', participantIds: [minor.userId, parent.userId] });
    await expect(w.useCases.addParticipant.execute(teacher, { threadId: thread.id, userId: otherMinor.userId })).rejects.toMatchObject({
      code: 'MESSAGING.MINOR_WITHOUT_GUARDIAN',
      details: { minorId: otherMinor.userId },
    });
    expect(w.stores.threads.rows.get(thread.id)?.participantIds).toHaveLength(3);
    await w.useCases.addParticipant.execute(teacher, { threadId: thread.id, userId: otherParent.userId });
    const after = await w.useCases.addParticipant.execute(teacher, { threadId: thread.id, userId: otherMinor.userId });
    expect(after.participantIds).toHaveLength(5);
  });

  it('re-checks on adding under visible_to_lead: the thread goes under oversight', async () => {
    const w = messagingWorld({ policy: 'visible_to_lead' });
    const { teacher, otherTeacher, adultStudent, minor } = w.people;
    const thread = await w.useCases.startThread.execute(teacher, { kind: 'group', participantIds: [otherTeacher.userId, adultStudent.userId] });
    expect(thread.leadOversight).toBe(false);
    const after = await w.useCases.addParticipant.execute(teacher, { threadId: thread.id, userId: minor.userId });
    expect(after.leadOversight).toBe(true);
  });

  it('re-checks on removing: the guardian cannot leave the minor alone with the teacher', async () => {
    const w = messagingWorld();
    const { teacher, minor, parent } = w.people;
    const thread = await w.useCases.startThread.execute(teacher, { kind: 'family', participantIds: [minor.userId, parent.userId] });
    await expect(w.useCases.removeParticipant.execute(parent, { threadId: thread.id, userId: parent.userId })).rejects.toMatchObject({ code: 'MESSAGING.MINOR_WITHOUT_GUARDIAN' });
    await expect(w.useCases.removeParticipant.execute(teacher, { threadId: thread.id, userId: parent.userId })).rejects.toMatchObject({ code: 'MESSAGING.MINOR_WITHOUT_GUARDIAN' });
    expect(w.stores.threads.rows.get(thread.id)?.participantIds).toContain(parent.userId);
    const after = await w.useCases.removeParticipant.execute(teacher, { threadId: thread.id, userId: minor.userId });
    expect(after.participantIds).toEqual([teacher.userId, parent.userId]);
  });

  it('re-checks on removing under visible_to_lead: allowed, and the thread is overseen', async () => {
    const w = messagingWorld({ policy: 'visible_to_lead' });
    const { teacher, minor, parent } = w.people;
    const thread = await w.useCases.startThread.execute(teacher, { kind: 'family', participantIds: [minor.userId, parent.userId] });
    const after = await w.useCases.removeParticipant.execute(teacher, { threadId: thread.id, userId: parent.userId });
    expect(after.leadOversight).toBe(true);
  });

  it('lets a minor talk with their own guardian, and minors with each other', async () => {
    const w = messagingWorld();
    const { parent, minor, otherMinor } = w.people;
    await expect(w.useCases.startThread.execute(parent, { kind: 'direct', participantIds: [minor.userId] })).resolves.toBeDefined();
    await expect(w.useCases.startThread.execute(w.people.teacher, { kind: 'staff', participantIds: [parent.userId] })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(w.useCases.startThread.execute(minor, { kind: 'direct', participantIds: [otherMinor.userId] })).rejects.toMatchObject({ code: 'MESSAGING.FORBIDDEN' });
  });
});
