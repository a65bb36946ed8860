import { RequestContext } from '@mikro-orm/postgresql';
import { newId, type SchoolId } from '@cadenza/shared/kernel';
import { FixedClock, RecordingAuditTrail } from '@cadenza/shared/kernel/testing';
import { attendanceUseCases, type AttendedLesson, type LessonId } from '@cadenza/server/attendance/domain';
import { anAttendedLesson, attendanceAlertsContract, attendedLessonsContract, FixedAttendanceSchool, InMemoryPracticeDirectory, practiceContract, registersContract } from '@cadenza/server/attendance/domain/testing';
import { enterSchool, MikroOrmUnitOfWork, OutboxWriter } from '@cadenza/server/platform/db';
import { contextSpecParts, freshSchool, useSpecDatabase, type SpecDatabase } from '@cadenza/server/spec-database';
import { withClient } from '@cadenza/server/testing';
import { attendancePersistence } from './attendance-persistence.module.js';
import { MikroOrmAttendanceAlerts } from './mikro-orm-attendance-alerts.js';
import { MikroOrmAttendanceSettings } from './mikro-orm-attendance-settings.js';
import { MikroOrmAttendedLessons } from './mikro-orm-attended-lessons.js';
import { MikroOrmRegisters } from './mikro-orm-registers.js';
import { MikroOrmAssignments, MikroOrmPracticeLogs, MikroOrmProgressRecords, MikroOrmStudentLessons } from './mikro-orm-practice.js';
import { OutboxAttendanceEvents } from './outbox-attendance-events.js';

/** Runs the work as a request would: in a context of its own, the school entered, in one unit of work (a transaction). */
const inRequest =
  (db: SpecDatabase, schoolId: SchoolId) =>
  <T>(work: () => Promise<T>): Promise<T> =>
    RequestContext.create(db.orm.em, () => {
      enterSchool(db.orm.em, schoolId);
      return new MikroOrmUnitOfWork(db.orm.em).run(work);
    });

describe('attendance adapters on PostgreSQL', () => {
  const db = useSpecDatabase(contextSpecParts(attendancePersistence));

  registersContract('MikroORM adapter', async () => {
    const { schoolId, userIds } = await freshSchool(db.orm, 3);
    const [markerId, ...studentIds] = userIds;
    return {
      registers: new MikroOrmRegisters(db.orm.em),
      unit: inRequest(db, schoolId),
      seed: { lessonIds: Array.from({ length: 3 }, () => newId<LessonId>()), studentIds, markerId },
    };
  });

  attendedLessonsContract('MikroORM adapter', async () => {
    const { em, userIds } = await freshSchool(db.orm, 4);
    return { lessons: new MikroOrmAttendedLessons(em), people: userIds };
  });

  practiceContract('MikroORM adapters', async () => {
    const { schoolId, userIds } = await freshSchool(db.orm, 4);
    const em = db.orm.em;
    return {
      assignments: new MikroOrmAssignments(em),
      practiceLogs: new MikroOrmPracticeLogs(em),
      progress: new MikroOrmProgressRecords(em),
      studentLessons: new MikroOrmStudentLessons(em),
      lessons: new MikroOrmAttendedLessons(em),
      registers: new MikroOrmRegisters(em),
      people: userIds,
      unit: inRequest(db, schoolId),
    };
  });

  attendanceAlertsContract('MikroORM adapter', async () => {
    const { schoolId } = await freshSchool(db.orm, 0);
    return { alerts: new MikroOrmAttendanceAlerts(db.orm.em), unit: inRequest(db, schoolId) };
  });

  it('keeps the history append-only', async () => {
    await withClient(db.url, async (client) => {
      await expect(client.query("update attendance_register_changes set to_status = 'present'")).rejects.toThrow(/append-only/);
      await expect(client.query('delete from attendance_register_changes')).rejects.toThrow(/append-only/);
    });
  });
});

describe('attendance’s reminders and streaks on PostgreSQL', () => {
  const db = useSpecDatabase(contextSpecParts(attendancePersistence));

  /** Attendance's use cases on the PostgreSQL adapters of one school in New York, on a clock the test moves. */
  async function school() {
    const { schoolId, userIds } = await freshSchool(db.orm, 4);
    const [teacherId, adminId, studentId, otherId] = userIds;
    const em = db.orm.em;
    const clock = new FixedClock('2026-10-31T12:00:00Z');
    const useCases = attendanceUseCases({
      lessons: new MikroOrmAttendedLessons(em),
      registers: new MikroOrmRegisters(em),
      settings: new MikroOrmAttendanceSettings(em),
      events: new OutboxAttendanceEvents(new OutboxWriter(em)),
      school: new FixedAttendanceSchool('America/New_York'),
      alerts: new MikroOrmAttendanceAlerts(em),
      audit: new RecordingAuditTrail(),
      uow: new MikroOrmUnitOfWork(em),
      clock,
      assignments: new MikroOrmAssignments(em),
      practiceLogs: new MikroOrmPracticeLogs(em),
      progress: new MikroOrmProgressRecords(em),
      studentLessons: new MikroOrmStudentLessons(em),
      practiceDirectory: new InMemoryPracticeDirectory(),
    });
    const inSchool = <T>(work: () => Promise<T>): Promise<T> =>
      RequestContext.create(em, () => {
        enterSchool(em, schoolId);
        return work();
      });
    const record = (over: Partial<AttendedLesson> & { start: Date }) => {
      const lesson = anAttendedLesson({ teacherId, studentIds: [studentId], ...over });
      return inSchool(() => new MikroOrmUnitOfWork(em).run(() => new MikroOrmAttendedLessons(em).record(lesson))).then(() => lesson);
    };
    const admin = { userId: adminId, schoolId, roles: ['admin'] };
    const outbox = (type: string) =>
      withClient(db.url, async (client) => (await client.query<{ payload: Record<string, unknown> }>('select payload from outbox_events where school_id = $1 and type = $2 order by occurred_at, id', [schoolId, type])).rows.map((r) => r.payload));
    return { schoolId, teacherId, studentId, otherId, admin, clock, useCases, inSchool, record, outbox };
  }

  it('sends the day’s reminder once, at the school’s time in its zone, across the end of daylight saving', async () => {
    const s = await school();
    const saturday = await s.record({ start: new Date('2026-10-31T14:00:00Z') });
    const sunday = await s.record({ start: new Date('2026-11-01T21:30:00Z') });
    const after = await s.record({ start: new Date('2026-11-01T22:30:00Z') });
    const remind = () => s.inSchool(() => s.useCases.remindMissingRegisters.execute(s.schoolId));
    s.clock.set('2026-10-31T21:59:00Z');
    expect(await remind()).toBeNull();
    s.clock.set('2026-10-31T22:00:00Z');
    // Two workers at once: one takes the day, the other finds it taken.
    const runs = await Promise.all([remind(), remind()]);
    expect(runs.filter((r) => r !== null)).toEqual([{ day: '2026-10-31', teacherIds: [s.teacherId], lessons: 1 }]);
    s.clock.set('2026-11-01T22:30:00Z');
    expect(await remind()).toBeNull();
    s.clock.set('2026-11-01T23:00:00Z');
    expect(await remind()).toMatchObject({ day: '2026-11-01', lessons: 1 });
    s.clock.set('2026-11-02T23:00:00Z');
    expect(await remind()).toMatchObject({ day: '2026-11-02', lessons: 1 });
    expect((await s.outbox('attendance.registers_missing.v1')).map((p) => [p['day'], (p['lessons'] as { lessonId: string }[]).map((l) => l.lessonId)])).toEqual([
      ['2026-10-31', [saturday.id]],
      ['2026-11-01', [sunday.id]],
      ['2026-11-02', [after.id]],
    ]);
  });

  it('alerts an absence streak once, through a correction and its undoing, with the school’s guardians setting', async () => {
    const s = await school();
    s.clock.set('2026-11-17T12:00:00Z');
    const lessons: AttendedLesson[] = [];
    for (const start of ['2026-11-02T16:00:00Z', '2026-11-09T16:00:00Z', '2026-11-16T16:00:00Z']) lessons.push(await s.record({ start: new Date(start) }));
    const mark = (lesson: AttendedLesson, status: string) => s.inSchool(() => s.useCases.mark.execute(s.admin, { lessonId: lesson.id, marks: [{ studentId: s.studentId, status }], reason: 'office records' }));
    await s.inSchool(() => s.useCases.updateSettings.execute(s.admin, { streakAlertsToGuardians: true }));
    await mark(lessons[0], 'absent_no_notice');
    await mark(lessons[1], 'absent_no_notice');
    await mark(lessons[1], 'present');
    await mark(lessons[1], 'absent_no_notice');
    await mark(lessons[2], 'absent_no_notice');
    expect(await s.outbox('attendance.absence_streak.v1')).toEqual([{ studentId: s.studentId, lessonIds: [lessons[0].id, lessons[1].id], notifyGuardians: true }]);
  });
});
