import type { Actor } from '@cadenza/shared/kernel';
import { messagingWorld, type MessagingWorld } from '../testing/messaging-world.js';

/** The school now records the person as under 18 (a date of birth set or corrected). */
function becomesMinor(w: MessagingWorld, who: Actor): void {
  const entry = w.stores.directory.entries.get(who.userId);
  if (!entry) throw new Error('unknown person');
  w.stores.directory.addPerson({ ...entry, minor: true });
}

const cause = (w: MessagingWorld) => ({ schoolId: w.schoolId, actorId: w.people.admin.userId });
const safeguardingEvents = (w: MessagingWorld) => w.stores.events.published.filter((e) => e.type === 'thread.safeguarding_changed.v1').map((e) => e.payload);

describe('a student whose date of birth is unknown', () => {
  it('counts as a minor: a teacher cannot start a private thread with them under require_guardian', async () => {
    const w = messagingWorld();
    const { teacher } = w.people;
    const ageUnknown = w.person(['student'], 'Una Unknown', { minor: null });
    await expect(w.useCases.startThread.execute(teacher, { kind: 'direct', participantIds: [ageUnknown.userId] })).rejects.toMatchObject({
      code: 'MESSAGING.MINOR_WITHOUT_GUARDIAN',
      details: { minorId: ageUnknown.userId },
    });
  });

  it('counts as a minor under visible_to_lead: the thread goes under the lead’s oversight', async () => {
    const w = messagingWorld({ policy: 'visible_to_lead' });
    const ageUnknown = w.person(['student'], 'Una Unknown', { minor: null });
    const thread = await w.useCases.startThread.execute(w.people.teacher, { kind: 'direct', participantIds: [ageUnknown.userId] });
    expect(thread.leadOversight).toBe(true);
  });

  it('while an adult (a parent, a teacher) without a recorded date of birth still counts as an adult', async () => {
    const w = messagingWorld();
    const { teacher, parent, minor } = w.people;
    const ageUnknown = w.person(['student'], 'Una Unknown', { minor: null });
    w.stores.directory.addPerson({ ...w.stores.directory.entries.get(parent.userId)!, minor: null });
    const thread = await w.useCases.startThread.execute(teacher, { kind: 'family', participantIds: [parent.userId, minor.userId] });
    expect(thread.participantIds).toHaveLength(3);
    const contacts = await w.useCases.listContacts.execute(w.people.admin);
    expect(contacts.find((c) => c.id === parent.userId)?.minor).toBe(false);
    expect(contacts.find((c) => c.id === ageUnknown.userId)?.minor).toBe(true);
  });
});

describe('a participant becomes a minor after the thread began (require_guardian)', () => {
  it('refuses every post and edit until a guardian joins, naming the minor; writes nothing', async () => {
    const w = messagingWorld();
    const { teacher, adultStudent } = w.people;
    const thread = await w.useCases.startThread.execute(teacher, { kind: 'direct', participantIds: [adultStudent.userId] });
    const earlier = await w.useCases.postMessage.execute(teacher, { threadId: thread.id, body: 'See you Tuesday.' });
    becomesMinor(w, adultStudent);
    const messagesBefore = w.stores.messages.rows.size;
    for (const author of [teacher, adultStudent]) {
      await expect(w.useCases.postMessage.execute(author, { threadId: thread.id, body: 'Still here?' })).rejects.toMatchObject({
        code: 'MESSAGING.GUARDIAN_MUST_JOIN',
        kind: 'forbidden',
        details: { minorId: adultStudent.userId, minorName: 'Ada Adult' },
      });
    }
    await expect(w.useCases.editMessage.execute(teacher, { messageId: earlier.id, body: 'See you Wednesday.' })).rejects.toMatchObject({ code: 'MESSAGING.GUARDIAN_MUST_JOIN' });
    expect(w.stores.messages.rows.size).toBe(messagesBefore);
  });

  it('tells the lead: the date-of-birth trigger marks the thread, audits it and publishes the change', async () => {
    const w = messagingWorld();
    const { teacher, adultStudent, otherTeacher } = w.people;
    const thread = await w.useCases.startThread.execute(teacher, { kind: 'direct', participantIds: [adultStudent.userId] });
    const unrelated = await w.useCases.startThread.execute(teacher, { kind: 'direct', participantIds: [otherTeacher.userId] });
    becomesMinor(w, adultStudent);
    const changes = await w.useCases.reapplySafeguarding.forPeople(cause(w), [adultStudent.userId]);
    expect(changes).toEqual([{ threadId: thread.id, change: 'guardian_required', minorId: adultStudent.userId }]);
    expect(safeguardingEvents(w)).toEqual([{ actorId: w.people.admin.userId, threadId: thread.id, change: 'guardian_required', minorId: adultStudent.userId }]);
    expect(w.stores.audit.entries.filter((e) => e.action === 'messaging.thread.guardian_required').map((e) => e.entityId)).toEqual([thread.id]);
    expect(safeguardingEvents(w).some((e) => e.threadId === unrelated.id)).toBe(false);
  });

  it('lets people post again once a guardian of the minor joins a group thread', async () => {
    const w = messagingWorld();
    const { teacher, otherTeacher, adultStudent, parent } = w.people;
    const thread = await w.useCases.startThread.execute(teacher, { kind: 'group', participantIds: [otherTeacher.userId, adultStudent.userId] });
    becomesMinor(w, adultStudent);
    w.stores.directory.link(parent.userId, adultStudent.userId);
    await expect(w.useCases.postMessage.execute(teacher, { threadId: thread.id, body: 'Hello' })).rejects.toMatchObject({ code: 'MESSAGING.GUARDIAN_MUST_JOIN' });
    await w.useCases.addParticipant.execute(teacher, { threadId: thread.id, userId: parent.userId });
    const posted = await w.useCases.postMessage.execute(teacher, { threadId: thread.id, body: 'Hello, with your parent here.' });
    expect(posted.seq).toBe(1);
  });
});

describe('a participant becomes a minor under visible_to_lead', () => {
  it('puts the thread under the lead’s oversight and tells the lead, once; posting goes on', async () => {
    const w = messagingWorld({ policy: 'visible_to_lead' });
    const { teacher, adultStudent, lead } = w.people;
    const thread = await w.useCases.startThread.execute(teacher, { kind: 'direct', participantIds: [adultStudent.userId] });
    expect(thread.leadOversight).toBe(false);
    becomesMinor(w, adultStudent);
    expect(await w.useCases.reapplySafeguarding.forPeople(cause(w), [adultStudent.userId])).toEqual([{ threadId: thread.id, change: 'lead_oversight', minorId: adultStudent.userId }]);
    expect(await w.useCases.reapplySafeguarding.forPeople(cause(w), [adultStudent.userId])).toEqual([]);
    const overseen = await w.useCases.listMyThreads.execute(lead, { overseen: true });
    expect(overseen.map((s) => s.thread.id)).toEqual([thread.id]);
    expect(w.stores.audit.entries.filter((e) => e.action === 'messaging.thread.placed_under_oversight')).toHaveLength(1);
    expect((await w.useCases.postMessage.execute(teacher, { threadId: thread.id, body: 'Scales, please.' })).seq).toBe(1);
  });

  it('a post before the trigger ran places the thread under oversight itself and tells the lead', async () => {
    const w = messagingWorld({ policy: 'visible_to_lead' });
    const { teacher, adultStudent } = w.people;
    const thread = await w.useCases.startThread.execute(teacher, { kind: 'direct', participantIds: [adultStudent.userId] });
    becomesMinor(w, adultStudent);
    await w.useCases.postMessage.execute(teacher, { threadId: thread.id, body: 'Scales, please.' });
    expect(w.stores.threads.rows.get(thread.id)?.leadOversight).toBe(true);
    expect(safeguardingEvents(w)).toEqual([{ actorId: teacher.userId, threadId: thread.id, change: 'lead_oversight', minorId: adultStudent.userId }]);
  });
});

describe('the school changes its mode', () => {
  it('from visible_to_lead to require_guardian: threads made under the first mode are held until a guardian joins, and the lead is told', async () => {
    const w = messagingWorld({ policy: 'visible_to_lead' });
    const { teacher, minor, parent, admin } = w.people;
    const alone = await w.useCases.startThread.execute(teacher, { kind: 'direct', participantIds: [minor.userId] });
    const withParent = await w.useCases.startThread.execute(teacher, { kind: 'family', participantIds: [minor.userId, parent.userId] });
    await w.useCases.postMessage.execute(teacher, { threadId: alone.id, body: 'Before the switch.' });
    await w.useCases.updateMessagingPolicy.execute(admin, { minorThreads: 'require_guardian' });
    await expect(w.useCases.postMessage.execute(teacher, { threadId: alone.id, body: 'After the switch.' })).rejects.toMatchObject({
      code: 'MESSAGING.GUARDIAN_MUST_JOIN',
      details: { minorId: minor.userId },
    });
    expect((await w.useCases.postMessage.execute(teacher, { threadId: withParent.id, body: 'This one is fine.' })).seq).toBe(1);
    expect(safeguardingEvents(w)).toEqual([{ actorId: admin.userId, threadId: alone.id, change: 'guardian_required', minorId: minor.userId }]);
  });

  it('from require_guardian to visible_to_lead: held threads go under oversight, and posting resumes', async () => {
    const w = messagingWorld();
    const { teacher, adultStudent, admin, lead } = w.people;
    const thread = await w.useCases.startThread.execute(teacher, { kind: 'direct', participantIds: [adultStudent.userId] });
    becomesMinor(w, adultStudent);
    await w.useCases.updateMessagingPolicy.execute(admin, { minorThreads: 'visible_to_lead' });
    expect(safeguardingEvents(w)).toEqual([{ actorId: admin.userId, threadId: thread.id, change: 'lead_oversight', minorId: adultStudent.userId }]);
    expect((await w.useCases.listMyThreads.execute(lead, { overseen: true })).map((s) => s.thread.id)).toEqual([thread.id]);
    expect((await w.useCases.postMessage.execute(teacher, { threadId: thread.id, body: 'Hello again.' })).seq).toBe(1);
  });

  it('changing only the retention or the file size applies nothing again', async () => {
    const w = messagingWorld({ policy: 'visible_to_lead' });
    await w.useCases.startThread.execute(w.people.teacher, { kind: 'direct', participantIds: [w.people.minor.userId] });
    w.stores.directory.policy = { minorThreads: 'require_guardian' };
    await w.useCases.updateMessagingPolicy.execute(w.people.admin, { retentionDays: 365 });
    expect(safeguardingEvents(w)).toEqual([]);
  });
});
