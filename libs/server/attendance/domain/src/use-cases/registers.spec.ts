import { integrationEvent, outgoingEvent } from '@cadenza/shared/integration-events';
import { DAY, MINUTE, newId, type UserId } from '@cadenza/shared/kernel';
import { DEFAULT_ATTENDANCE_SETTINGS } from '../model/attendance-settings.js';
import type { LessonId } from '../model/ids.js';
import { attendanceWorld, refusal } from '../testing/attendance-world.js';

describe('marking a register', () => {
  it('lets the lesson’s teacher mark in two students, starts the lesson, keeps history and audit, and delivers it once', async () => {
    const w = attendanceWorld();
    const lesson = await w.lesson();
    const [s1, s2] = lesson.studentIds;
    const first = await w.useCases.mark.execute(w.people.teacher, { lessonId: lesson.id, marks: [{ studentId: s1, status: 'present' }] });
    expect(first).toMatchObject({ complete: false, delivered: false, counts: { students: 2, marked: 1, present: 1 } });
    expect(first.register.startedAt).toEqual(w.clock.now());
    w.clock.advance(MINUTE);
    const second = await w.useCases.mark.execute(w.people.teacher, { lessonId: lesson.id, marks: [{ studentId: s2, status: 'late', lateMinutes: 6, note: 'Traffic' }] });
    expect(second).toMatchObject({ complete: true, delivered: true, counts: { students: 2, marked: 2, present: 1, late: 1 } });
    expect(second.register.startedAt).toEqual(first.register.startedAt);
    // A correction: history keeps from and to; the lesson is not delivered twice.
    await w.useCases.mark.execute(w.people.teacher, { lessonId: lesson.id, marks: [{ studentId: s1, status: 'excused' }] });
    const history = await w.useCases.listHistory.execute(w.people.admin, lesson.id);
    expect(history.map((c) => [c.studentId, c.from?.status ?? null, c.to.status])).toEqual([
      [s1, null, 'present'],
      [s2, null, 'late'],
      [s1, 'present', 'excused'],
    ]);
    expect(w.ports.audit.entries.map((e) => e.action)).toEqual(['attendance.register.marked', 'attendance.register.marked', 'attendance.register.corrected']);
    const delivered = w.ports.events.published.filter((e) => e.type === 'attendance.lesson_delivered.v1');
    expect(delivered).toHaveLength(1);
    expect(delivered[0]?.payload).toMatchObject({ lessonId: lesson.id, counts: { students: 2, present: 1, late: 1 } });
    expect(w.ports.events.published.filter((e) => e.type === 'attendance.register_changed.v1')).toHaveLength(3);
  });

  it('lets the accompanist and admins mark, and marks the same again without a change or history', async () => {
    const w = attendanceWorld();
    const lesson = await w.lesson({ accompanistId: w.people.accompanist.userId });
    const mark = { studentId: lesson.studentIds[0] as UserId, status: 'absent_notice' };
    await w.useCases.mark.execute(w.people.accompanist, { lessonId: lesson.id, marks: [mark] });
    await w.useCases.mark.execute(w.people.admin, { lessonId: lesson.id, marks: [mark] });
    expect(await w.useCases.listHistory.execute(w.people.teacher, lesson.id)).toHaveLength(1);
    expect(w.ports.audit.entries).toHaveLength(1);
    // An absence does not start the lesson.
    expect((await w.useCases.getRegister.execute(w.people.teacher, lesson.id)).register.startedAt).toBeNull();
  });

  it('refuses, writing nothing: another teacher, a cancelled lesson, before the register opens, a student not in the lesson, bad statuses and minutes', async () => {
    const w = attendanceWorld();
    const lesson = await w.lesson();
    const cancelled = await w.lesson({ cancelled: true });
    const later = await w.lesson({ start: new Date(w.clock.now().getTime() + 30 * MINUTE) });
    const [s1] = lesson.studentIds as [UserId];
    const mark = (actor = w.people.teacher, lessonId = lesson.id, marks: { studentId: UserId; status: string; lateMinutes?: number }[] = [{ studentId: s1, status: 'present' }]) =>
      refusal(w.useCases.mark.execute(actor, { lessonId, marks }));
    expect(await mark(w.people.otherTeacher)).toEqual({ code: 'ATTENDANCE.NOT_YOUR_LESSON', kind: 'forbidden', fields: [] });
    expect(await mark(w.people.parent)).toEqual({ code: 'ATTENDANCE.LESSON_NOT_FOUND', kind: 'not_found', fields: [] });
    expect(await mark(w.people.teacher, cancelled.id)).toEqual({ code: 'ATTENDANCE.LESSON_CANCELLED', kind: 'conflict', fields: [] });
    expect(await mark(w.people.teacher, later.id, [{ studentId: later.studentIds[0] as UserId, status: 'present' }])).toEqual({ code: 'ATTENDANCE.NOT_STARTED', kind: 'conflict', fields: [] });
    expect(await mark(w.people.teacher, lesson.id, [{ studentId: newId<UserId>(), status: 'present' }])).toEqual({ code: 'ATTENDANCE.NOT_IN_LESSON', kind: 'invalid', fields: ['marks.0.studentId'] });
    expect(await mark(w.people.teacher, lesson.id, [{ studentId: s1, status: 'sleeping' }])).toEqual({ code: 'ATTENDANCE.UNKNOWN_STATUS', kind: 'invalid', fields: ['marks.0.status'] });
    expect(await mark(w.people.teacher, lesson.id, [{ studentId: s1, status: 'late' }])).toMatchObject({ fields: ['marks.0.lateMinutes'] });
    expect(await mark(w.people.teacher, lesson.id, [{ studentId: s1, status: 'late', lateMinutes: -3 }])).toMatchObject({ fields: ['marks.0.lateMinutes'] });
    expect(await mark(w.people.teacher, lesson.id, [{ studentId: s1, status: 'late', lateMinutes: 24 * 60 }])).toMatchObject({ fields: ['marks.0.lateMinutes'] });
    expect(await mark(w.people.teacher, lesson.id, [{ studentId: s1, status: 'present', lateMinutes: 3 }])).toMatchObject({ fields: ['marks.0.lateMinutes'] });
    expect(await mark(w.people.teacher, lesson.id, [])).toMatchObject({ fields: ['marks'] });
    expect(w.ports.registers.byLesson.size + w.ports.registers.changes.length + w.ports.audit.entries.length + w.ports.events.published.length).toBe(0);
  });

  it('opens the register the school’s early minutes before the start', async () => {
    const w = attendanceWorld();
    const soon = await w.lesson({ start: new Date(w.clock.now().getTime() + 8 * MINUTE) });
    await w.useCases.mark.execute(w.people.teacher, { lessonId: soon.id, marks: [{ studentId: soon.studentIds[0] as UserId, status: 'present' }] });
    await w.useCases.updateSettings.execute(w.people.admin, { earlyMarkingMinutes: 0 });
    const next = await w.lesson({ start: new Date(w.clock.now().getTime() + 2 * MINUTE) });
    expect(await refusal(w.useCases.mark.execute(w.people.teacher, { lessonId: next.id, marks: [{ studentId: next.studentIds[0] as UserId, status: 'present' }] }))).toMatchObject({ code: 'ATTENDANCE.NOT_STARTED' });
  });

  it('after the marking window: refuses the teacher, asks an admin for a reason, and keeps the reason', async () => {
    const w = attendanceWorld();
    const lesson = await w.lesson();
    const [s1] = lesson.studentIds as [UserId];
    w.clock.advance(8 * DAY);
    expect(await refusal(w.useCases.mark.execute(w.people.teacher, { lessonId: lesson.id, marks: [{ studentId: s1, status: 'present' }] }))).toEqual({ code: 'ATTENDANCE.WINDOW_CLOSED', kind: 'forbidden', fields: [] });
    expect(await refusal(w.useCases.mark.execute(w.people.admin, { lessonId: lesson.id, marks: [{ studentId: s1, status: 'present' }] }))).toEqual({ code: 'ATTENDANCE.REASON_REQUIRED', kind: 'invalid', fields: ['reason'] });
    const view = await w.useCases.mark.execute(w.people.admin, { lessonId: lesson.id, marks: [{ studentId: s1, status: 'present' }], reason: 'Paper register found' });
    // Marked long after it ended: that says nothing about when the lesson started.
    expect(view.register.startedAt).toBeNull();
    expect((await w.useCases.listHistory.execute(w.people.admin, lesson.id))[0]).toMatchObject({ reason: 'Paper register found', changedBy: w.people.admin.userId });
    expect(w.ports.audit.entries[0]?.after).toMatchObject({ reason: 'Paper register found' });
  });
});

describe('starting and ending a lesson', () => {
  it('records the actual start once and the end of a started lesson', async () => {
    const w = attendanceWorld();
    const lesson = await w.lesson();
    expect(await refusal(w.useCases.end.execute(w.people.teacher, lesson.id))).toMatchObject({ code: 'ATTENDANCE.NOT_STARTED', kind: 'conflict' });
    const started = await w.useCases.start.execute(w.people.teacher, lesson.id);
    w.clock.advance(MINUTE);
    await w.useCases.start.execute(w.people.teacher, lesson.id);
    expect((await w.useCases.getRegister.execute(w.people.teacher, lesson.id)).register.startedAt).toEqual(started.register.startedAt);
    w.clock.advance(40 * MINUTE);
    const ended = await w.useCases.end.execute(w.people.teacher, lesson.id);
    expect(ended.register.endedAt).toEqual(w.clock.now());
    expect(w.ports.audit.entries.map((e) => e.action)).toEqual(['attendance.lesson.started', 'attendance.lesson.ended']);
  });

  it('refuses another teacher, a lesson not yet open and one that is over', async () => {
    const w = attendanceWorld();
    const lesson = await w.lesson();
    const later = await w.lesson({ start: new Date(w.clock.now().getTime() + 60 * MINUTE) });
    const past = await w.lesson({ start: new Date(w.clock.now().getTime() - 2 * 60 * MINUTE) });
    expect(await refusal(w.useCases.start.execute(w.people.otherTeacher, lesson.id))).toMatchObject({ code: 'ATTENDANCE.NOT_YOUR_LESSON' });
    expect(await refusal(w.useCases.start.execute(w.people.teacher, later.id))).toMatchObject({ code: 'ATTENDANCE.NOT_STARTED' });
    expect(await refusal(w.useCases.start.execute(w.people.teacher, past.id))).toMatchObject({ code: 'ATTENDANCE.LESSON_OVER' });
  });
});

describe('reading registers', () => {
  it('lists a teacher’s own lessons of a period with their registers, an admin’s whole school, and hides others’', async () => {
    const w = attendanceWorld();
    const mine = await w.lesson();
    const theirs = await w.lesson({ teacherId: w.people.otherTeacher.userId });
    const period = { from: new Date('2026-12-07T00:00:00Z'), to: new Date('2026-12-08T00:00:00Z') };
    expect((await w.useCases.listRegisters.execute(w.people.teacher, period)).map((v) => v.lesson.id)).toEqual([mine.id]);
    expect((await w.useCases.listRegisters.execute(w.people.admin, period)).map((v) => v.lesson.id).sort()).toEqual([mine.id, theirs.id].sort());
    expect((await w.useCases.listRegisters.execute(w.people.admin, { ...period, teacherId: w.people.otherTeacher.userId })).map((v) => v.lesson.id)).toEqual([theirs.id]);
    expect(await refusal(w.useCases.getRegister.execute(w.people.teacher, theirs.id))).toMatchObject({ code: 'ATTENDANCE.LESSON_NOT_FOUND' });
    expect(await refusal(w.useCases.listRegisters.execute(w.people.student, period))).toMatchObject({ kind: 'forbidden' });
    expect(await refusal(w.useCases.listRegisters.execute(w.people.teacher, { from: period.from, to: new Date(period.from.getTime() + 40 * DAY) }))).toMatchObject({ fields: ['to'] });
  });
});

describe('lessons from scheduling’s events', () => {
  it('records scheduled and moved lessons, marks cancelled ones, and ignores other events', async () => {
    const w = attendanceWorld();
    const lessonId = newId<LessonId>();
    const data = { lessonId, seriesId: null, teacherId: w.people.teacher.userId, studentIds: [w.people.student.userId], accompanistId: null, roomId: null, start: '2026-12-09T16:00:00.000Z', end: '2026-12-09T16:45:00.000Z' };
    const at = new Date('2026-12-07T10:00:00Z');
    const events = [
      outgoingEvent(w.schoolId, at, integrationEvent('lesson.scheduled.v1', { actorId: null, lesson: data as never })),
      outgoingEvent(w.schoolId, at, integrationEvent('lesson.moved.v1', { actorId: null, lesson: { ...data, start: '2026-12-10T16:00:00.000Z', end: '2026-12-10T17:00:00.000Z' } as never, previous: { start: data.start, end: data.end, roomId: null } })),
      outgoingEvent(w.schoolId, at, integrationEvent('student.date_of_birth_changed.v1', { actorId: w.people.admin.userId, studentId: w.people.student.userId, dateOfBirth: null })),
    ];
    expect(await w.useCases.recordLessonChanges.execute(events)).toBe(2);
    expect(await w.ports.lessons.get(lessonId)).toMatchObject({ start: new Date('2026-12-10T16:00:00Z'), cancelled: false });
    await w.useCases.recordLessonChanges.execute([
      outgoingEvent(w.schoolId, at, integrationEvent('lesson.cancelled.v1', { actorId: null, lesson: { ...data } as never, reason: 'Ill', late: false, creditGranted: false })),
    ]);
    expect((await w.ports.lessons.get(lessonId))?.cancelled).toBe(true);
  });
});

describe('a delivered lesson cancelled afterwards', () => {
  it('is withdrawn once for billing; a cancelled lesson never delivered is not', async () => {
    const w = attendanceWorld();
    const lesson = await w.lesson({ studentIds: [w.people.student.userId] });
    const undelivered = await w.lesson({ studentIds: [w.people.otherStudent.userId], start: new Date('2026-12-07T17:00:00Z') });
    await w.useCases.mark.execute(w.people.teacher, { lessonId: lesson.id, marks: [{ studentId: w.people.student.userId, status: 'present' }] });
    const cancelled = (l: typeof lesson) =>
      outgoingEvent(w.schoolId, w.clock.now(), integrationEvent('lesson.cancelled.v1', {
        actorId: w.people.admin.userId,
        lesson: { lessonId: l.id, seriesId: null, teacherId: l.teacherId, studentIds: l.studentIds, accompanistId: null, roomId: null, start: l.start.toISOString(), end: l.end.toISOString() },
        reason: 'Entered by mistake',
        late: false,
        creditGranted: false,
      }));
    await w.useCases.recordLessonChanges.execute([cancelled(lesson), cancelled(undelivered)]);
    await w.useCases.recordLessonChanges.execute([cancelled(lesson)]);
    const withdrawn = w.ports.events.published.filter((e) => e.type === 'attendance.lesson_delivery_withdrawn.v1');
    expect(withdrawn.map((e) => e.payload)).toEqual([{ actorId: w.people.admin.userId, lessonId: lesson.id, teacherId: lesson.teacherId, accompanistId: null, withdrawnAt: w.clock.now().toISOString() }]);
    expect((await w.useCases.getRegister.execute(w.people.teacher, lesson.id)).delivered).toBe(false);
  });
});

describe('attendance settings', () => {
  it('lets admins change them within limits, audited, and staff read them', async () => {
    const w = attendanceWorld();
    expect(await w.useCases.getSettings.execute(w.people.teacher)).toEqual(DEFAULT_ATTENDANCE_SETTINGS);
    expect(await refusal(w.useCases.updateSettings.execute(w.people.admin, { markingWindowDays: 400 }))).toMatchObject({ fields: ['markingWindowDays'] });
    expect(await refusal(w.useCases.updateSettings.execute(w.people.teacher, { markingWindowDays: 3 }))).toMatchObject({ kind: 'forbidden' });
    expect(await w.useCases.updateSettings.execute(w.people.admin, { markingWindowDays: 3 })).toMatchObject({ markingWindowDays: 3 });
    expect(w.ports.audit.entries.map((e) => e.action)).toEqual(['attendance.settings.updated']);
    expect(await refusal(w.useCases.getSettings.execute(w.people.student))).toMatchObject({ kind: 'forbidden' });
  });
});
