import { RequestContext } from '@mikro-orm/postgresql';
import { MikroOrmUnitOfWork, OutboxWriter, enterSchool } from '@cadenza/server/platform/db';
import { integrationEvent, outgoingEvent } from '@cadenza/shared/integration-events';
import { Lesson, MakeupCredit, lessonEventData, spendCredit, type LessonId } from '@cadenza/server/scheduling/domain';
import { contextSpecParts, freshSchool, useSpecDatabase } from '@cadenza/server/spec-database';
import { MikroOrmLessonRepository } from './mikro-orm-lesson-repository.js';
import { MikroOrmMakeupCreditRepository } from './mikro-orm-makeup-credit-repository.js';
import { OutboxSchedulingEvents } from './outbox-scheduling-events.js';
import { schedulingPersistence } from './scheduling-persistence.module.js';

describe('a booking unit of work on PostgreSQL', () => {
  const db = useSpecDatabase(contextSpecParts(schedulingPersistence));

  it('leaves nothing behind when it fails after booking, spending a credit and publishing, and reads its own writes meanwhile', async () => {
    const { schoolId, userIds } = await freshSchool(db.orm, 2);
    const [teacherId, studentId] = userIds;
    const now = new Date('2027-03-01T08:00:00Z');
    const sql = db.orm.em.getConnection();
    const originId = globalThis.crypto.randomUUID() as LessonId;
    await sql.execute(`insert into lessons (id, school_id, teacher_id, student_ids, start_at, end_at, status) values (?, ?, ?, ?::uuid[], ?, ?, 'cancelled')`, [
      originId,
      schoolId,
      teacherId,
      `{${studentId}}`,
      new Date('2027-03-01T09:00:00Z'),
      new Date('2027-03-01T10:00:00Z'),
    ]);
    const credit = MakeupCredit.grant({ schoolId, studentId, originLessonId: originId, validDays: 30 }, now);
    const outboxRows = async () => Number((await db.orm.em.execute<{ n: string }[]>('select count(*)::text as n from outbox_events where school_id = ?', [schoolId]))[0].n);

    await RequestContext.create(db.orm.em, async () => {
      enterSchool(db.orm.em, schoolId);
      const lessons = new MikroOrmLessonRepository(db.orm.em);
      const credits = new MikroOrmMakeupCreditRepository(db.orm.em);
      const events = new OutboxSchedulingEvents(new OutboxWriter(db.orm.em));
      await credits.add([credit]);
      const makeup = Lesson.schedule({
        schoolId,
        teacherId,
        studentIds: [studentId],
        roomId: null,
        accompanistId: null,
        lessonTypeId: null,
        start: new Date('2027-03-02T09:00:00Z'),
        end: new Date('2027-03-02T10:00:00Z'),
        makeupCreditId: credit.id,
      });
      const seenInside: unknown[] = [];
      await expect(
        new MikroOrmUnitOfWork(db.orm.em).run(async () => {
          await events.publish([outgoingEvent(schoolId, now, integrationEvent('lesson.scheduled.v1', { actorId: teacherId, lesson: lessonEventData(makeup) }))]);
          await lessons.add([makeup]);
          await spendCredit(credits, credit.id, makeup, now);
          seenInside.push((await lessons.byId(makeup.id))?.id, (await credits.byId(credit.id))?.status, await outboxRows());
          throw new Error('the unit fails after its writes');
        }),
      ).rejects.toThrow('the unit fails after its writes');
      expect(seenInside).toEqual([makeup.id, 'used', 1]);
      expect(await lessons.byId(makeup.id)).toBeNull();
      expect((await credits.byId(credit.id))?.status).toBe('available');
    });
    expect(await outboxRows()).toBe(0);
  });

  it('leaves no makeup credit behind when a unit that granted it fails (a cancellation that fails after its writes)', async () => {
    const { schoolId, userIds } = await freshSchool(db.orm, 2);
    const [teacherId, studentId] = userIds;
    const now = new Date('2027-03-01T08:00:00Z');
    await RequestContext.create(db.orm.em, async () => {
      enterSchool(db.orm.em, schoolId);
      const lessons = new MikroOrmLessonRepository(db.orm.em);
      const credits = new MikroOrmMakeupCreditRepository(db.orm.em);
      const lesson = Lesson.schedule({ schoolId, teacherId, studentIds: [studentId], start: new Date('2027-03-03T09:00:00Z'), end: new Date('2027-03-03T10:00:00Z') });
      await lessons.add([lesson]);
      const credit = MakeupCredit.grant({ schoolId, studentId, originLessonId: lesson.id, validDays: 30 }, now);
      await expect(
        new MikroOrmUnitOfWork(db.orm.em).run(async () => {
          await credits.add([credit]);
          expect((await credits.byId(credit.id))?.status).toBe('available');
          throw new Error('the unit fails after granting');
        }),
      ).rejects.toThrow('the unit fails after granting');
      expect(await credits.byId(credit.id)).toBeNull();
      expect(await credits.ofStudent(studentId)).toEqual([]);
    });
  });
});
