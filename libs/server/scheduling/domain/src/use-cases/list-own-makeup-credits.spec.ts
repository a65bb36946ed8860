import { newId } from '@cadenza/shared/kernel';
import type { LessonId } from '../model/ids.js';
import { MakeupCredit } from '../model/makeup-credit.js';
import { schedulingWorld } from '../testing/scheduling-world.js';

describe('ListOwnMakeupCredits', () => {
  const world = async () => {
    const w = schedulingWorld();
    const grant = async (studentId: typeof w.people.student.userId) => {
      const credit = MakeupCredit.grant({ schoolId: w.schoolId, studentId, originLessonId: newId<LessonId>(), validDays: 30 }, w.clock.now());
      await w.stores.credits.add([credit]);
      return credit.id;
    };
    return { w, grant };
  };

  it('gives a parent their children’s credits, whatever their access, and no one else’s', async () => {
    const { w, grant } = await world();
    const child = await grant(w.people.student.userId);
    await grant(w.people.otherStudent.userId);
    expect((await w.useCases.listOwnCredits.execute(w.people.parent)).map((c) => c.id)).toEqual([child]);
    expect((await w.useCases.listOwnCredits.execute(w.people.viewParent)).map((c) => c.id)).toEqual([child]);
  });

  it('gives a student, or anyone who is not a parent, their own', async () => {
    const { w, grant } = await world();
    const own = await grant(w.people.otherStudent.userId);
    await grant(w.people.student.userId);
    expect((await w.useCases.listOwnCredits.execute(w.people.otherStudent)).map((c) => c.id)).toEqual([own]);
    expect(await w.useCases.listOwnCredits.execute(w.people.teacher)).toEqual([]);
  });

  it('gives a parent who is also a student their own credits first, then their children’s', async () => {
    const { w, grant } = await world();
    const child = await grant(w.people.student.userId);
    const parentAndStudent = { ...w.people.parent, roles: ['parent', 'student'] };
    const own = await grant(parentAndStudent.userId);
    expect((await w.useCases.listOwnCredits.execute(parentAndStudent)).map((c) => c.id)).toEqual([own, child]);
  });
});
