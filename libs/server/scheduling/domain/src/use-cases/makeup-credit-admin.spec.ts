import { DAY } from '@cadenza/shared/kernel';
import { at, readyWorld, rejection } from '../testing/setup.js';

async function withLesson() {
  const w = await readyWorld();
  const { teacher, student } = w.people;
  const lesson = await w.useCases.book.execute(teacher, { teacherId: teacher.userId, studentIds: [student.userId], start: at('2026-01-06T16:00:00Z'), end: at('2026-01-06T17:00:00Z') });
  w.stores.audit.entries.length = 0;
  return { w, lesson };
}

describe('makeup credits kept by admins', () => {
  it('grants one credit per student and lesson for the policy’s days, audited with the reason; only admins', async () => {
    const { w, lesson } = await withLesson();
    const { admin, teacher, student, otherStudent } = w.people;
    const input = { studentId: student.userId, originLessonId: lesson.id, reason: 'Teacher was ill' };
    expect((await rejection(w.useCases.grantCredit.execute(teacher, input))).kind).toBe('forbidden');
    expect((await rejection(w.useCases.grantCredit.execute(admin, { ...input, studentId: otherStudent.userId }))).details.fields?.[0]?.field).toBe('studentId');
    expect((await rejection(w.useCases.grantCredit.execute(admin, { ...input, reason: ' ' }))).details.fields?.[0]?.field).toBe('reason');
    const credit = await w.useCases.grantCredit.execute(admin, input);
    expect(credit.snapshot()).toMatchObject({ studentId: student.userId, originLessonId: lesson.id, status: 'available' });
    expect(credit.expiresAt.getTime() - w.clock.now().getTime()).toBe(30 * DAY);
    expect((await rejection(w.useCases.grantCredit.execute(admin, input))).code).toBe('SCHEDULING.CREDIT_EXISTS');
    expect(w.stores.audit.entries).toMatchObject([{ action: 'scheduling.makeup_credit.granted', after: { reason: 'Teacher was ill' } }]);
  });

  it('extends an expired credit, making it available again, and voids one for good', async () => {
    const { w, lesson } = await withLesson();
    const { admin, student } = w.people;
    const credit = await w.useCases.grantCredit.execute(admin, { studentId: student.userId, originLessonId: lesson.id, validDays: 1, reason: 'Goodwill' });
    w.clock.advance(2 * DAY);
    await w.useCases.expireCredits.execute();
    expect((await w.stores.credits.byId(credit.id))?.status).toBe('expired');
    expect((await rejection(w.useCases.extendCredit.execute(admin, { creditId: credit.id, expiresAt: at('2026-01-01T00:00:00Z'), reason: 'Late' }))).details.fields?.[0]?.field).toBe('expiresAt');
    const extended = await w.useCases.extendCredit.execute(admin, { creditId: credit.id, expiresAt: at('2026-02-28T00:00:00Z'), reason: 'Family was away' });
    expect(extended.snapshot()).toMatchObject({ status: 'available', expiresAt: at('2026-02-28T00:00:00Z') });
    const voided = await w.useCases.voidCredit.execute(admin, { creditId: credit.id, reason: 'Lesson made up in class' });
    expect(voided.snapshot()).toMatchObject({ status: 'void', voidReason: 'Lesson made up in class' });
    expect((await rejection(w.useCases.extendCredit.execute(admin, { creditId: credit.id, expiresAt: at('2026-03-28T00:00:00Z'), reason: 'Again' }))).code).toBe('SCHEDULING.CREDIT_VOID');
    expect((await rejection(w.useCases.voidCredit.execute(admin, { creditId: credit.id, reason: 'Again' }))).code).toBe('SCHEDULING.CREDIT_VOID');
    expect(w.stores.audit.entries.map((e) => e.action)).toEqual(['scheduling.makeup_credit.granted', 'scheduling.makeup_credit.expired', 'scheduling.makeup_credit.extended', 'scheduling.makeup_credit.voided']);
  });

  it('lists every credit of the school to an admin without a student named', async () => {
    const { w, lesson } = await withLesson();
    const { admin, student, parent } = w.people;
    await w.useCases.grantCredit.execute(admin, { studentId: student.userId, originLessonId: lesson.id, reason: 'Goodwill' });
    expect(await w.useCases.listOwnCredits.execute(admin)).toHaveLength(1);
    expect(await w.useCases.listOwnCredits.execute(parent)).toHaveLength(1);
    expect(await w.useCases.listOwnCredits.execute(w.people.otherStudent)).toHaveLength(0);
  });
});
