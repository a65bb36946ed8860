import { messagingWorld } from '../testing/messaging-world.js';

describe('StartThread', () => {
  it('returns the existing private thread when the same two people start a direct thread again, from either side', async () => {
    const w = messagingWorld();
    const { teacher, adultStudent } = w.people;
    const first = await w.useCases.startThread.execute(teacher, { kind: 'direct', participantIds: [adultStudent.userId] });
    const again = await w.useCases.startThread.execute(teacher, { kind: 'direct', participantIds: [adultStudent.userId], subject: 'Scales' });
    const fromTheOtherSide = await w.useCases.startThread.execute(adultStudent, { kind: 'direct', participantIds: [teacher.userId] });
    expect(again.id).toBe(first.id);
    expect(fromTheOtherSide.id).toBe(first.id);
    expect(w.stores.threads.rows.size).toBe(1);
    expect(w.stores.audit.entries.map((e) => e.action)).toEqual(['messaging.thread.started']);
  });

  it('starts a new thread for other people or another kind of thread with the same people', async () => {
    const w = messagingWorld();
    const { teacher, otherTeacher, adultStudent } = w.people;
    const direct = await w.useCases.startThread.execute(teacher, { kind: 'direct', participantIds: [adultStudent.userId] });
    const withSomeoneElse = await w.useCases.startThread.execute(teacher, { kind: 'direct', participantIds: [otherTeacher.userId] });
    const group = await w.useCases.startThread.execute(teacher, { kind: 'group', participantIds: [adultStudent.userId] });
    expect(new Set([direct.id, withSomeoneElse.id, group.id]).size).toBe(3);
    expect(w.stores.threads.rows.size).toBe(3);
  });

  it('still refuses what the rules now refuse, rather than handing back the thread they once allowed', async () => {
    const w = messagingWorld({ policy: 'visible_to_lead' });
    const { teacher, minor } = w.people;
    const overseen = await w.useCases.startThread.execute(teacher, { kind: 'direct', participantIds: [minor.userId] });
    expect(overseen.leadOversight).toBe(true);
    w.stores.directory.policy = { minorThreads: 'require_guardian' };
    await expect(w.useCases.startThread.execute(teacher, { kind: 'direct', participantIds: [minor.userId] })).rejects.toMatchObject({ code: 'MESSAGING.MINOR_WITHOUT_GUARDIAN' });
  });
});
