import { DAY, HOUR, MINUTE, type UserId } from '@cadenza/shared/kernel';
import type { AttendedLesson } from '../model/attended-lesson.js';
import { attendanceWorld, type AttendanceWorld } from '../testing/attendance-world.js';

const streaks = (w: AttendanceWorld) => w.ports.events.published.filter((e) => e.type === 'attendance.absence_streak.v1').map((e) => e.payload);
const reminders = (w: AttendanceWorld) => w.ports.events.published.filter((e) => e.type === 'attendance.registers_missing.v1').map((e) => e.payload);

/** A weekly lesson of one student, `weeks` of them from 16:00 UTC on 2 November 2026. */
async function weeklyLessons(w: AttendanceWorld, student: UserId, weeks: number): Promise<AttendedLesson[]> {
  const lessons: AttendedLesson[] = [];
  for (let i = 0; i < weeks; i++) lessons.push(await w.lesson({ studentIds: [student], start: new Date(Date.parse('2026-11-02T16:00:00Z') + i * 7 * DAY) }));
  return lessons;
}

describe('absence streaks', () => {
  const mark = (w: AttendanceWorld, lesson: AttendedLesson, status: string, reason = 'office correction') =>
    w.useCases.mark.execute(w.people.admin, { lessonId: lesson.id, marks: [{ studentId: lesson.studentIds[0], status }], reason });

  it('alerts once when a student misses a second lesson in a row without notice, with the guardians as the school says', async () => {
    const w = attendanceWorld({ now: '2026-12-07T18:00:00Z' });
    const student = w.people.student.userId;
    const [l1, l2, l3, l4] = await weeklyLessons(w, student, 4);
    await mark(w, l1, 'absent_no_notice');
    expect(streaks(w)).toEqual([]);
    await mark(w, l2, 'absent_no_notice');
    expect(streaks(w)).toEqual([{ studentId: student, lessonIds: [l1.id, l2.id], notifyGuardians: false }]);
    // A third in a row is the same streak.
    await mark(w, l3, 'absent_no_notice');
    expect(streaks(w)).toHaveLength(1);
    // A present mark ends it; the run made again around it is the same streak (its first lesson is the key).
    await w.useCases.updateSettings.execute(w.people.admin, { streakAlertsToGuardians: true });
    await mark(w, l3, 'present');
    await mark(w, l4, 'absent_no_notice');
    expect(streaks(w)).toHaveLength(1);
    // Another streak (l3 and l4, after l2 is corrected to present) is alerted, to the guardians too now.
    await mark(w, l2, 'present');
    await mark(w, l3, 'absent_no_notice');
    expect(streaks(w)).toEqual([expect.objectContaining({ lessonIds: [l1.id, l2.id] }), { studentId: student, lessonIds: [l3.id, l4.id], notifyGuardians: true }]);
  });

  it('does not alert twice when a correction removes the second absence and a later mark puts it back', async () => {
    const w = attendanceWorld({ now: '2026-12-07T18:00:00Z' });
    const student = w.people.student.userId;
    const [l1, l2, l3, l4] = await weeklyLessons(w, student, 4);
    await mark(w, l1, 'absent_no_notice');
    await mark(w, l2, 'absent_no_notice');
    await mark(w, l2, 'excused');
    await mark(w, l2, 'absent_no_notice');
    expect(streaks(w)).toEqual([{ studentId: student, lessonIds: [l1.id, l2.id], notifyGuardians: false }]);
    // Late, excused and a notified absence each end a streak; an unmarked lesson between two absences does too.
    for (const status of ['late', 'absent_notice']) {
      await w.useCases.mark.execute(w.people.admin, { lessonId: l3.id, marks: [{ studentId: student, status, lateMinutes: status === 'late' ? 5 : null }], reason: 'office' });
    }
    await mark(w, l4, 'absent_no_notice');
    expect(streaks(w)).toHaveLength(1);
  });

  it('skips cancelled lessons and counts the student’s own lessons only', async () => {
    const w = attendanceWorld({ now: '2026-12-07T18:00:00Z' });
    const student = w.people.student.userId;
    const other = w.people.otherStudent.userId;
    const l1 = await w.lesson({ studentIds: [student, other], start: new Date('2026-11-02T16:00:00Z') });
    await w.lesson({ studentIds: [student], start: new Date('2026-11-05T16:00:00Z'), cancelled: true });
    const l3 = await w.lesson({ studentIds: [student], start: new Date('2026-11-09T16:00:00Z') });
    await w.lesson({ studentIds: [other], start: new Date('2026-11-10T16:00:00Z') });
    await w.useCases.mark.execute(w.people.admin, { lessonId: l1.id, marks: [{ studentId: student, status: 'absent_no_notice' }, { studentId: other, status: 'absent_no_notice' }], reason: 'office' });
    await mark(w, l3, 'absent_no_notice');
    expect(streaks(w)).toEqual([{ studentId: student, lessonIds: [l1.id, l3.id], notifyGuardians: false }]);
  });

  it('publishes nothing when the marking is refused', async () => {
    const w = attendanceWorld({ now: '2026-12-07T18:00:00Z' });
    const [l1, l2] = await weeklyLessons(w, w.people.student.userId, 2);
    await mark(w, l1, 'absent_no_notice');
    await expect(w.useCases.mark.execute(w.people.teacher, { lessonId: l2.id, marks: [{ studentId: w.people.student.userId, status: 'absent_no_notice' }] })).rejects.toMatchObject({ code: 'ATTENDANCE.WINDOW_CLOSED' });
    expect(streaks(w)).toEqual([]);
    expect(w.ports.alerts.taken.size).toBe(0);
  });
});

describe('the missing-register reminder', () => {
  it('reminds each teacher once a day at the school’s time of the lessons that ended without a complete register, across a change of clocks', async () => {
    // New York leaves daylight saving on 1 November 2026: 18:00 there is 22:00 UTC on 31 October and 23:00 UTC after.
    const w = attendanceWorld({ now: '2026-10-31T21:59:00Z', timeZone: 'America/New_York' });
    const student = w.people.student.userId;
    const saturday = await w.lesson({ studentIds: [student], start: new Date('2026-10-31T14:00:00Z') });
    const marked = await w.lesson({ studentIds: [student], start: new Date('2026-10-31T15:00:00Z') });
    const other = await w.lesson({ teacherId: w.people.otherTeacher.userId, studentIds: [student], start: new Date('2026-10-31T16:00:00Z') });
    await w.lesson({ studentIds: [student], start: new Date('2026-10-31T17:00:00Z'), cancelled: true });
    w.clock.set('2026-10-31T16:00:00Z');
    await w.useCases.mark.execute(w.people.teacher, { lessonId: marked.id, marks: [{ studentId: student, status: 'present' }] });
    const sunday = await w.lesson({ studentIds: [student], start: new Date('2026-11-01T21:30:00Z') });
    const late = await w.lesson({ studentIds: [student], start: new Date('2026-11-01T22:30:00Z') });

    w.clock.set('2026-10-31T21:59:00Z');
    expect(await w.useCases.remindMissingRegisters.execute(w.schoolId)).toBeNull();
    w.clock.set('2026-10-31T22:00:00Z');
    expect(await w.useCases.remindMissingRegisters.execute(w.schoolId)).toMatchObject({ day: '2026-10-31', lessons: 2 });
    expect(reminders(w)).toEqual([
      { teacherId: w.people.teacher.userId, day: '2026-10-31', timeZone: 'America/New_York', lessons: [{ lessonId: saturday.id, start: saturday.start.toISOString(), end: saturday.end.toISOString() }] },
      { teacherId: w.people.otherTeacher.userId, day: '2026-10-31', timeZone: 'America/New_York', lessons: [expect.objectContaining({ lessonId: other.id })] },
    ]);
    // Once a day: a second worker or a later tick finds the day taken.
    w.clock.advance(HOUR);
    expect(await w.useCases.remindMissingRegisters.execute(w.schoolId)).toBeNull();
    // Sunday is 25 hours long: 18:00 is now 23:00 UTC; the lesson ending at 22:15 UTC is reminded, the one ending after 23:00 waits for Monday.
    w.clock.set('2026-11-01T22:59:00Z');
    expect(await w.useCases.remindMissingRegisters.execute(w.schoolId)).toBeNull();
    w.clock.set('2026-11-01T23:00:00Z');
    expect(await w.useCases.remindMissingRegisters.execute(w.schoolId)).toMatchObject({ day: '2026-11-01', lessons: 1 });
    expect(reminders(w).at(-1)).toMatchObject({ teacherId: w.people.teacher.userId, day: '2026-11-01', lessons: [{ lessonId: sunday.id }] });
    w.clock.set('2026-11-02T23:30:00Z');
    expect(await w.useCases.remindMissingRegisters.execute(w.schoolId)).toMatchObject({ day: '2026-11-02', lessons: 1 });
    expect(reminders(w).at(-1)).toMatchObject({ lessons: [{ lessonId: late.id }] });
  });

  it('follows the school’s reminder time and takes the day even when every register is complete', async () => {
    const w = attendanceWorld({ now: '2026-12-07T12:00:00Z', timeZone: 'Europe/Berlin' });
    await w.useCases.updateSettings.execute(w.people.admin, { missingRegisterReminderTime: '07:30' });
    w.clock.set('2026-12-08T06:29:00Z');
    expect(await w.useCases.remindMissingRegisters.execute(w.schoolId)).toBeNull();
    w.clock.advance(MINUTE);
    expect(await w.useCases.remindMissingRegisters.execute(w.schoolId)).toEqual({ day: '2026-12-08', teacherIds: [], lessons: 0 });
    expect(reminders(w)).toEqual([]);
    expect(await w.useCases.remindMissingRegisters.execute(w.schoolId)).toBeNull();
  });
});

describe('the day register', () => {
  it('takes the school’s day in its time zone, not UTC’s, across midnight', async () => {
    // 23:30 in Auckland on 7 December is 10:30 UTC the same day; 00:30 on 8 December there is 11:30 UTC.
    const w = attendanceWorld({ now: '2026-12-07T10:30:00Z', timeZone: 'Pacific/Auckland' });
    const late = await w.lesson({ start: new Date('2026-12-07T09:00:00Z') }); // 22:00 on the 7th there
    const early = await w.lesson({ start: new Date('2026-12-07T11:15:00Z') }); // 00:15 on the 8th there
    const today = await w.useCases.listDay.execute(w.people.admin, {});
    expect(today.day.date).toBe('2026-12-07');
    expect(today.lessons.map((l) => [l.lesson.id, l.progress])).toEqual([[late.id, 'missing']]);
    w.clock.set('2026-12-07T11:30:00Z');
    const tomorrow = await w.useCases.listDay.execute(w.people.admin, {});
    expect(tomorrow.day).toEqual({ date: '2026-12-08', from: new Date('2026-12-07T11:00:00Z'), to: new Date('2026-12-08T11:00:00Z') });
    expect(tomorrow.lessons.map((l) => [l.lesson.id, l.progress])).toEqual([[early.id, 'in_progress']]);
    expect((await w.useCases.listDay.execute(w.people.admin, { date: '2026-12-07', progress: 'complete' })).lessons).toEqual([]);
  });

  it('filters by teacher and standing, and refuses a bad date or state naming the field', async () => {
    const w = attendanceWorld({ now: '2026-12-07T18:00:00Z' });
    const mine = await w.lesson();
    const theirs = await w.lesson({ teacherId: w.people.otherTeacher.userId });
    const cancelled = await w.lesson({ cancelled: true });
    const ids = async (input: Parameters<AttendanceWorld['useCases']['listDay']['execute']>[1], actor = w.people.admin) => (await w.useCases.listDay.execute(actor, input)).lessons.map((l) => l.lesson.id);
    expect(await ids({ date: '2026-12-07', teacherId: w.people.otherTeacher.userId })).toEqual([theirs.id]);
    expect(await ids({ date: '2026-12-07', progress: 'cancelled' })).toEqual([cancelled.id]);
    expect(await ids({}, w.people.teacher)).toEqual(expect.arrayContaining([mine.id, cancelled.id]));
    expect(await ids({}, w.people.teacher)).not.toContain(theirs.id);
    await expect(w.useCases.listDay.execute(w.people.teacher, { teacherId: w.people.otherTeacher.userId })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(w.useCases.listDay.execute(w.people.student, {})).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(w.useCases.listDay.execute(w.people.admin, { date: '2026-02-30' })).rejects.toMatchObject({ details: { fields: [{ field: 'date' }] } });
    await expect(w.useCases.listDay.execute(w.people.admin, { progress: 'late' as never })).rejects.toMatchObject({ details: { fields: [{ field: 'state' }] } });
  });
});

describe('attendance settings', () => {
  it('takes the reminder time and the guardians’ alerts, and refuses bad ones naming the field without changing anything', async () => {
    const w = attendanceWorld();
    expect(await w.useCases.updateSettings.execute(w.people.admin, { missingRegisterReminderTime: '19:45', streakAlertsToGuardians: true })).toMatchObject({ missingRegisterReminderTime: '19:45', streakAlertsToGuardians: true });
    for (const [change, field] of [
      [{ missingRegisterReminderTime: '24:00' }, 'missingRegisterReminderTime'],
      [{ missingRegisterReminderTime: '7:30' }, 'missingRegisterReminderTime'],
      [{ streakAlertsToGuardians: 'yes' }, 'streakAlertsToGuardians'],
      [{ markingWindowDays: 61, missingRegisterReminderTime: '08:00' }, 'markingWindowDays'],
    ] as const) {
      await expect(w.useCases.updateSettings.execute(w.people.admin, change as never)).rejects.toMatchObject({ details: { fields: [{ field }] } });
    }
    expect(await w.useCases.getSettings.execute(w.people.teacher)).toMatchObject({ missingRegisterReminderTime: '19:45', streakAlertsToGuardians: true, markingWindowDays: 7 });
  });
});
