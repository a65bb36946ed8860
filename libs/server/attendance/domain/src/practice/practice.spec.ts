import { newId, type Actor, type UserId } from '@cadenza/shared/kernel';
import { attendanceWorld, refusal } from '../testing/attendance-world.js';
import type { ProgressLevelId } from './model.js';

/** The attendance world (at 16:05 on Monday 7 December 2026, London) with a lesson of teacher's with student, and guardians. */
async function practiceWorld() {
  const w = attendanceWorld();
  await w.lesson();
  const parent = (): Actor => ({ userId: newId<UserId>(), schoolId: w.schoolId, roles: ['parent'] });
  const guardians = { full: w.people.parent, view: parent(), ofAdult: parent() };
  const { student } = w.people;
  const directory = w.ports.practiceDirectory;
  directory.link(guardians.full.userId, { studentId: student.userId, access: 'full', minor: true });
  directory.link(guardians.view.userId, { studentId: student.userId, access: 'view', minor: true });
  directory.link(guardians.ofAdult.userId, { studentId: student.userId, access: 'full', minor: false });
  directory.people.set(student.userId, 'Ava Patel');
  directory.people.set(w.people.otherStudent.userId, 'Ben Okafor');
  const assignment = () => w.useCases.setAssignment.execute(w.people.teacher, student.userId, { title: 'Scales in G', description: null, dueOn: '2026-12-14', pieces: [], links: [] });
  const log = (who: Actor, minutes = 30, practisedOn = '2026-12-07') => w.useCases.logPractice.execute(who, student.userId, { practisedOn, minutes, note: null, assignmentId: null });
  return { ...w, guardians, student, assignment, log };
}

describe('who sees and does what with a student’s practice', () => {
  it('lets the student and a full-access guardian of a minor log; a view-only guardian, a guardian of an adult, staff cannot', async () => {
    const w = await practiceWorld();
    await w.log(w.student);
    await w.log(w.guardians.full);
    for (const who of [w.guardians.view, w.guardians.ofAdult]) expect(await refusal(w.log(who))).toEqual({ code: 'PRACTICE.CANNOT_LOG', kind: 'forbidden', fields: [] });
    expect(await refusal(w.log(w.people.teacher))).toMatchObject({ code: 'PRACTICE.CANNOT_LOG' });
    const history = await w.useCases.listPractice.execute(w.guardians.view, w.student.userId, { from: '2026-12-01', to: '2026-12-07' });
    expect(history.logs).toHaveLength(2);
    expect(history.viewer).toEqual({ relation: 'guardian', canLog: false, canTeach: false });
    expect(w.ports.audit.entries.map((e) => e.action)).toEqual(['practice.logged', 'practice.logged']);
  });

  it('tells another student, another family, a teacher who does not teach the student and a stranger that the student was not found', async () => {
    const w = await practiceWorld();
    const stranger: Actor = { userId: newId<UserId>(), schoolId: w.schoolId, roles: ['parent'] };
    for (const who of [w.people.otherStudent, stranger, w.people.otherTeacher]) {
      expect(await refusal(w.useCases.listAssignments.execute(who, w.student.userId))).toEqual({ code: 'PRACTICE.STUDENT_NOT_FOUND', kind: 'not_found', fields: [] });
      expect(await refusal(w.useCases.getProgress.execute(who, w.student.userId))).toMatchObject({ kind: 'not_found' });
      expect(await refusal(w.log(who))).toMatchObject({ kind: 'not_found' });
    }
    expect(await refusal(w.useCases.getProgress.execute(w.people.admin, newId<UserId>()))).toMatchObject({ code: 'PRACTICE.STUDENT_NOT_FOUND' });
    const set = await w.assignment();
    expect(await refusal(w.useCases.markAssignment.execute(w.people.otherTeacher, set.id, true))).toMatchObject({ code: 'PRACTICE.ASSIGNMENT_NOT_FOUND' });
    const logged = await w.log(w.student);
    expect(await refusal(w.useCases.commentOnPractice.execute(w.people.otherTeacher, logged.id, 'Nice'))).toMatchObject({ code: 'PRACTICE.LOG_NOT_FOUND' });
    expect(await refusal(w.useCases.commentOnPractice.execute(w.guardians.full, logged.id, 'Nice'))).toMatchObject({ code: 'PRACTICE.NOT_THEIR_TEACHER', kind: 'forbidden' });
  });

  it('lists the students a person follows: a student themself, a parent’s children with whether they log, a teacher’s students', async () => {
    const w = await practiceWorld();
    expect(await w.useCases.listPracticeStudents.execute(w.student)).toEqual([{ studentId: w.student.userId, name: 'Ava Patel', canLog: true }]);
    expect(await w.useCases.listPracticeStudents.execute(w.guardians.view)).toEqual([{ studentId: w.student.userId, name: 'Ava Patel', canLog: false }]);
    expect(await w.useCases.listPracticeStudents.execute(w.people.teacher)).toEqual([
      { studentId: w.student.userId, name: 'Ava Patel', canLog: false },
      { studentId: w.people.otherStudent.userId, name: 'Ben Okafor', canLog: false },
    ]);
    expect(await w.useCases.listPracticeStudents.execute(w.people.otherTeacher)).toEqual([]);
  });
});

describe('assignments', () => {
  it('sets one due today or later, refuses one due yesterday naming dueOn, and marks it done and reopens it, audited', async () => {
    const w = await practiceWorld();
    const set = await w.assignment();
    expect(await refusal(w.useCases.setAssignment.execute(w.people.teacher, w.student.userId, { title: 'Late', description: null, dueOn: '2026-12-06', pieces: [], links: [] }))).toEqual({ code: 'PRACTICE.DUE_IN_THE_PAST', kind: 'invalid', fields: ['dueOn'] });
    await w.useCases.setAssignment.execute(w.people.teacher, w.student.userId, { title: 'Today', description: null, dueOn: '2026-12-07', pieces: [], links: [] });
    expect((await w.useCases.markAssignment.execute(w.people.teacher, set.id, true)).doneAt).toEqual(w.clock.now());
    expect(await w.useCases.markAssignment.execute(w.people.admin, set.id, false)).toMatchObject({ doneAt: null, doneBy: null });
    expect((await w.useCases.listAssignments.execute(w.student, w.student.userId)).map((a) => a.title)).toEqual(['Scales in G', 'Today']);
    expect(w.ports.audit.entries.map((e) => e.action)).toEqual(['practice.assignment.set', 'practice.assignment.set', 'practice.assignment.done', 'practice.assignment.reopened']);
  });
});

describe('practice logs', () => {
  it('holds a day to 24 hours in total naming minutes, refuses a future day and another student’s assignment, and writes nothing refused', async () => {
    const w = await practiceWorld();
    await w.log(w.student, 1400);
    expect(await refusal(w.log(w.guardians.full, 41))).toEqual({ code: 'PRACTICE.DAY_FULL', kind: 'invalid', fields: ['minutes'] });
    await w.log(w.guardians.full, 40);
    expect(await refusal(w.log(w.student, 0, '2026-12-06'))).toMatchObject({ fields: ['minutes'] });
    expect(await refusal(w.log(w.student, 10, '2026-12-08'))).toMatchObject({ fields: ['practisedOn'] });
    const theirs = await w.useCases.setAssignment.execute(w.people.teacher, w.people.otherStudent.userId, { title: 'Theirs', description: null, dueOn: '2026-12-14', pieces: [], links: [] });
    expect(await refusal(w.useCases.logPractice.execute(w.student, w.student.userId, { practisedOn: '2026-12-06', minutes: 5, note: null, assignmentId: theirs.id }))).toMatchObject({ fields: ['assignmentId'] });
    expect(w.ports.practiceLogs.logs.size).toBe(2);
    expect(await w.ports.practiceLogs.minutesByDay(w.student.userId, '2026-12-01', '2026-12-07')).toEqual([{ day: '2026-12-07', minutes: 1440 }]);
  });

  it('lets the teacher comment on a log, and the family read the comment', async () => {
    const w = await practiceWorld();
    const logged = await w.log(w.student);
    await w.useCases.commentOnPractice.execute(w.people.teacher, logged.id, 'Keep the wrist loose.');
    const history = await w.useCases.listPractice.execute(w.guardians.view, w.student.userId, { from: '2026-12-07', to: '2026-12-07' });
    expect(history.logs[0]?.comments.map((c) => [c.authorId, c.body])).toEqual([[w.people.teacher.userId, 'Keep the wrist loose.']]);
    expect(await refusal(w.useCases.listPractice.execute(w.student, w.student.userId, { from: '2026-12-07', to: '2026-12-01' }))).toMatchObject({ fields: ['to'] });
  });
});

describe('progress', () => {
  it('keeps the admins’ scale, refuses to drop a level in use, and shows practice per week, attendance, assignments and the level over time', async () => {
    const w = await practiceWorld();
    expect(await refusal(w.useCases.saveScale.execute(w.people.teacher, { name: 'Mine', levels: [] }))).toMatchObject({ kind: 'forbidden' });
    const scale = await w.useCases.saveScale.execute(w.people.admin, { name: 'ABRSM', levels: [1, 2, 3].map((n) => ({ name: `Grade ${n}` })) });
    const [g1, g2, g3] = scale.levels;
    expect(await refusal(w.useCases.recordAchievement.execute(w.people.teacher, w.student.userId, { levelId: newId<ProgressLevelId>(), achievedOn: '2026-06-01', piece: null, note: null }))).toMatchObject({ fields: ['levelId'] });
    await w.useCases.recordAchievement.execute(w.people.teacher, w.student.userId, { levelId: g2!.id, achievedOn: '2026-11-20', piece: 'Minuet', note: null });
    await w.useCases.recordAchievement.execute(w.people.teacher, w.student.userId, { levelId: g1!.id, achievedOn: '2026-03-02', piece: null, note: null });
    expect(await refusal(w.useCases.setTarget.execute(w.people.teacher, w.student.userId, { levelId: g3!.id, description: 'Grade 3', dueOn: '2026-12-01' }))).toMatchObject({ fields: ['dueOn'] });
    await w.useCases.setTarget.execute(w.people.teacher, w.student.userId, { levelId: g3!.id, description: 'Grade 3 in the summer', dueOn: '2027-06-30' });
    expect(await refusal(w.useCases.saveScale.execute(w.people.admin, { name: 'ABRSM', levels: [{ id: g1!.id, name: 'Grade 1' }] }))).toMatchObject({ code: 'PRACTICE.LEVEL_IN_USE', kind: 'conflict' });
    await w.log(w.student, 30, '2026-12-07');
    await w.log(w.student, 20, '2026-12-06');
    await w.log(w.student, 25, '2026-12-01');
    const homework = await w.assignment();
    await w.useCases.markAssignment.execute(w.people.teacher, homework.id, true);
    await w.assignment();
    const lesson = (await w.ports.lessons.between({ from: new Date('2026-12-07T00:00:00Z'), to: new Date('2026-12-08T00:00:00Z') }))[0]!;
    await w.useCases.mark.execute(w.people.teacher, { lessonId: lesson.id, marks: [{ studentId: w.student.userId, status: 'late', lateMinutes: 5 }] });
    const progress = await w.useCases.getProgress.execute(w.guardians.view, w.student.userId);
    expect(progress.practiceWeeks).toHaveLength(12);
    expect(progress.practiceWeeks.slice(-2)).toEqual([
      { weekOf: '2026-11-30', minutes: 45 },
      { weekOf: '2026-12-07', minutes: 30 },
    ]);
    expect(progress.attendance).toEqual({ present: 0, late: 1, absentWithNotice: 0, absentWithoutNotice: 0, excused: 0 });
    expect(progress.assignments).toEqual({ total: 2, done: 1, open: 1, overdue: 0 });
    expect(progress.achievements.map((a) => a.levelId)).toEqual([g1!.id, g2!.id]);
    expect(progress.currentLevel?.name).toBe('Grade 2');
    expect(progress.targets.map((t) => t.description)).toEqual(['Grade 3 in the summer']);
  });
});
