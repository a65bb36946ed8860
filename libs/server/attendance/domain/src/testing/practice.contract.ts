import { newId, type UserId } from '@cadenza/shared/kernel';
import type { LessonId } from '../model/ids.js';
import type { AttendedLessons } from '../ports/attended-lessons.js';
import type { Registers } from '../ports/registers.js';
import type { Assignment, AssignmentId, PracticeLog, PracticeLogId, ProgressLevelId } from '../practice/model.js';
import type { Assignments, PracticeLogs, ProgressRecords, StudentLessons } from '../practice/ports.js';
import { anAttendedLesson } from './in-memory.js';

export interface PracticeContractSubject {
  assignments: Assignments;
  practiceLogs: PracticeLogs;
  progress: ProgressRecords;
  studentLessons: StudentLessons;
  lessons: AttendedLessons;
  registers: Registers;
  /** At least 4 people of one school: a teacher, two students, another teacher. */
  people: UserId[];
  /** Runs the work as one unit of work (a transaction for the real adapter, in a request's context of its own). */
  unit: <T>(work: () => Promise<T>) => Promise<T>;
}

const T0 = new Date('2026-12-07T16:00:00Z');

/** The contract of practice and progress's ports, run against the in-memory fakes and the MikroORM adapters. */
export function practiceContract(name: string, setup: () => Promise<PracticeContractSubject>): void {
  describe(`Practice ports contract: ${name}`, () => {
    let s: PracticeContractSubject;
    let teacher: UserId, student: UserId, other: UserId, otherTeacher: UserId;
    beforeEach(async () => {
      s = await setup();
      [teacher, student, other, otherTeacher] = s.people;
    });

    const assignment = (over: Partial<Assignment> = {}): Assignment => ({
      id: newId<AssignmentId>(),
      studentId: student,
      setBy: teacher,
      title: 'Scales in G',
      description: null,
      dueOn: '2026-12-14',
      pieces: ['G major, two octaves'],
      links: ['https://example.org/g-major'],
      setAt: T0,
      doneAt: null,
      doneBy: null,
      ...over,
    });
    const log = (over: Partial<PracticeLog> = {}): PracticeLog => ({
      id: newId<PracticeLogId>(),
      studentId: student,
      assignmentId: null,
      practisedOn: '2026-12-07',
      minutes: 30,
      note: null,
      loggedBy: student,
      loggedAt: T0,
      comments: [],
      ...over,
    });

    it('keeps assignments, marks them done, and lists a student’s latest due first', async () => {
      const first = assignment({ dueOn: '2026-12-10' });
      const second = assignment({ dueOn: '2026-12-20', description: 'Slowly, then up to 80', pieces: [], links: [] });
      await s.unit(async () => {
        await s.assignments.add(first);
        await s.assignments.add(second);
        await s.assignments.add(assignment({ studentId: other }));
      });
      expect(await s.unit(() => s.assignments.get(first.id))).toEqual(first);
      await s.unit(() => s.assignments.save({ ...first, doneAt: T0, doneBy: teacher }));
      expect(await s.unit(() => s.assignments.ofStudent(student))).toEqual([second, { ...first, doneAt: T0, doneBy: teacher }]);
      expect(await s.unit(() => s.assignments.get(newId<AssignmentId>()))).toBeNull();
    });

    it('keeps logs with their comments, latest first, within the period asked', async () => {
      const homework = assignment();
      await s.unit(() => s.assignments.add(homework));
      const monday = log({ practisedOn: '2026-12-07', assignmentId: homework.id, note: 'Hands separately' });
      const sunday = log({ practisedOn: '2026-12-06', minutes: 15 });
      const lastMonth = log({ practisedOn: '2026-11-06' });
      await s.unit(async () => {
        for (const l of [monday, sunday, lastMonth, log({ studentId: other })]) {
          expect(await s.practiceLogs.addToDay(l.studentId, l.practisedOn, l.minutes, 1440)).toBe(true);
          await s.practiceLogs.add(l);
        }
      });
      const comment = { id: newId(), logId: monday.id, authorId: teacher, body: 'Good: now hands together.', at: new Date('2026-12-07T18:00:00Z') };
      await s.unit(() => s.practiceLogs.addComment(comment));
      expect(await s.unit(() => s.practiceLogs.ofStudent(student, '2026-12-01', '2026-12-07'))).toEqual([{ ...monday, comments: [comment] }, sunday]);
      expect(await s.unit(() => s.practiceLogs.get(monday.id))).toEqual({ ...monday, comments: [comment] });
      expect(await s.unit(() => s.practiceLogs.get(newId<PracticeLogId>()))).toBeNull();
    });

    it('adds up a day’s minutes up to the limit, racing adds included, and gives the days’ totals', async () => {
      const add = (minutes: number, day = '2026-12-07') => s.unit(() => s.practiceLogs.addToDay(student, day, minutes, 100));
      expect(await add(60)).toBe(true);
      expect(await add(41)).toBe(false);
      const raced = await Promise.all([add(20), add(20), add(20)]);
      expect(raced.filter(Boolean)).toHaveLength(2);
      expect(await add(25, '2026-12-05')).toBe(true);
      expect(await s.unit(() => s.practiceLogs.minutesByDay(student, '2026-12-01', '2026-12-07'))).toEqual([
        { day: '2026-12-05', minutes: 25 },
        { day: '2026-12-07', minutes: 100 },
      ]);
      expect(await s.unit(() => s.practiceLogs.minutesByDay(other, '2026-12-01', '2026-12-07'))).toEqual([]);
    });

    it('keeps the scale in order, achievements oldest first, targets soonest first, and which levels are in use', async () => {
      const level = (name: string) => ({ id: newId<ProgressLevelId>(), name });
      const levels = [level('Grade 1'), level('Grade 2'), level('Grade 3')] as const;
      expect(await s.unit(() => s.progress.scale())).toEqual({ name: 'Levels', levels: [] });
      await s.unit(() => s.progress.saveScale({ name: 'ABRSM', levels: [...levels] }));
      const [g1, g2, g3] = levels;
      await s.unit(() => s.progress.saveScale({ name: 'ABRSM grades', levels: [g1, { ...g3, name: 'Grade 3 (piano)' }, g2] }));
      expect(await s.unit(() => s.progress.scale())).toEqual({ name: 'ABRSM grades', levels: [g1, { ...g3, name: 'Grade 3 (piano)' }, g2] });
      await s.unit(() => s.progress.saveScale({ name: 'ABRSM grades', levels: [g1, g2] }));
      expect((await s.unit(() => s.progress.scale())).levels).toEqual([g1, g2]);
      const later = { id: newId(), studentId: student, levelId: g2.id, achievedOn: '2026-11-01', piece: 'Minuet in G', note: null, recordedBy: teacher, recordedAt: T0 };
      const earlier = { ...later, id: newId(), levelId: g1.id, achievedOn: '2025-06-01', piece: null, note: 'Distinction' };
      const target = { id: newId(), studentId: student, levelId: null, description: 'Play in the spring concert', dueOn: '2027-03-01', recordedBy: teacher, recordedAt: T0 };
      const sooner = { ...target, id: newId(), levelId: g2.id, description: 'Grade 2 sight-reading', dueOn: '2027-01-15' };
      await s.unit(async () => {
        await s.progress.addAchievement(later);
        await s.progress.addAchievement(earlier);
        await s.progress.addTarget(target);
        await s.progress.addTarget(sooner);
      });
      expect(await s.unit(() => s.progress.achievementsOf(student))).toEqual([earlier, later]);
      expect(await s.unit(() => s.progress.targetsOf(student))).toEqual([sooner, target]);
      expect(await s.unit(() => s.progress.achievementsOf(other))).toEqual([]);
      expect([...(await s.unit(() => s.progress.levelsInUse()))].sort()).toEqual([g1.id, g2.id].sort());
    });

    it('knows who teaches a student and how the student attends, from lessons not cancelled', async () => {
      const kept = anAttendedLesson({ teacherId: teacher, studentIds: [student, other] });
      const cancelled = anAttendedLesson({ teacherId: otherTeacher, studentIds: [student], cancelled: true });
      const earlier = anAttendedLesson({ teacherId: teacher, studentIds: [student], start: new Date('2026-11-30T16:00:00Z') });
      await s.unit(async () => {
        for (const l of [kept, cancelled, earlier]) await s.lessons.record(l);
        const mark = async (lessonId: LessonId, status: 'present' | 'absent_notice', who: UserId) => {
          const register = await s.registers.forUpdate(lessonId);
          await s.registers.save(register, register.mark([{ studentId: who, status, lateMinutes: null, note: null }], teacher, T0, null));
        };
        await mark(kept.id, 'present', student);
        await mark(kept.id, 'present', other);
        await mark(earlier.id, 'absent_notice', student);
        await mark(cancelled.id, 'present', student);
      });
      expect(await s.unit(() => s.studentLessons.teaches(teacher, student))).toBe(true);
      expect(await s.unit(() => s.studentLessons.teaches(otherTeacher, student))).toBe(false);
      expect((await s.unit(() => s.studentLessons.studentsOf(teacher))).sort()).toEqual([student, other].sort());
      expect(await s.unit(() => s.studentLessons.studentsOf(otherTeacher))).toEqual([]);
      expect(await s.unit(() => s.studentLessons.attendanceOf(student))).toEqual({ present: 1, late: 0, absentWithNotice: 1, absentWithoutNotice: 0, excused: 0 });
    });
  });
}
