import { MikroORM, RequestContext } from '@mikro-orm/postgresql';
import { createTestDatabase, type TestDatabase } from '@cadenza/server/testing';
import { ormOptions } from './orm-config.js';
import { integrationEvent, outgoingEvent, type LessonV1 } from '@cadenza/shared/integration-events';
import { asId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { OutboxEventSchema, OutboxWriter } from './outbox.js';
import { MikroOrmUnitOfWork } from './unit-of-work.js';

const deadlock = () => Object.assign(new Error('deadlock detected'), { code: '40P01' });

describe('MikroOrmUnitOfWork', () => {
  let db: TestDatabase;
  let orm: MikroORM;

  beforeAll(async () => {
    db = await createTestDatabase();
    orm = await MikroORM.init(ormOptions(db.url, { entities: [OutboxEventSchema], migrations: [] }, 2));
    // The outbox's columns, without the migration's reference to identity's schools.
    await orm.em.getConnection().execute('create table outbox_events (id uuid primary key, school_id uuid not null, type text not null, payload jsonb not null, occurred_at timestamptz not null, published_at timestamptz)');
    await orm.em.getConnection().execute('create table marks (n int not null)');
  }, 30_000);

  afterAll(async () => {
    await orm?.close(true);
    await db?.drop();
  });

  // As in the app: the global, context-aware EntityManager inside a request context.
  const inContext = <T>(work: () => Promise<T>) => RequestContext.create(orm.em, work);
  const insert = (n: number) => orm.em.getConnection().execute('insert into marks values (?)', [n], 'run', orm.em.getTransactionContext());
  const count = async () => Number((await orm.em.getConnection().execute<{ c: string }[]>('select count(*) as c from marks'))[0].c);

  it('tries a transaction that lost a deadlock again, keeping only the successful attempt', async () => {
    const uow = new MikroOrmUnitOfWork(orm.em);
    let attempts = 0;
    const result = await inContext(() =>
      uow.run(async () => {
        attempts++;
        await insert(attempts);
        if (attempts === 1) throw deadlock();
        return 'done';
      }),
    );
    expect(result).toBe('done');
    expect(attempts).toBe(2);
    expect(await count()).toBe(1);
  });

  it('does not retry other errors, and rolls them back', async () => {
    const before = await count();
    let attempts = 0;
    await expect(
      inContext(() =>
        new MikroOrmUnitOfWork(orm.em).run(async () => {
          attempts++;
          await insert(0);
          throw new Error('nope');
        }),
      ),
    ).rejects.toThrow('nope');
    expect(attempts).toBe(1);
    expect(await count()).toBe(before);
  });

  it('gives up after its retries', async () => {
    let attempts = 0;
    await expect(
      inContext(() =>
        new MikroOrmUnitOfWork(orm.em).run(async () => {
          attempts++;
          throw deadlock();
        }),
      ),
    ).rejects.toMatchObject({ code: '40P01' });
    expect(attempts).toBe(3);
  });

  describe('a unit commits whole or not at all', () => {
    const outboxRows = (type: string) =>
      orm.em.getConnection().execute<{ c: string }[]>('select count(*) as c from outbox_events where type = ?', [type], 'all', orm.em.getTransactionContext()).then((r) => Number(r[0].c));
    const school = '00000000-0000-4000-8000-000000000001';
    const readerSchool = asId<SchoolId>('00000000-0000-4000-8000-000000000002');
    const rowsOfSchool = (schoolId: string) =>
      orm.em.getConnection().execute<{ c: string }[]>('select count(*) as c from outbox_events where school_id = ?', [schoolId], 'all', orm.em.getTransactionContext()).then((r) => Number(r[0].c));
    const aLesson: LessonV1 = {
      lessonId: asId<LessonV1['lessonId']>('00000000-0000-4000-8000-000000000003'),
      seriesId: null,
      teacherId: asId<UserId>('00000000-0000-4000-8000-000000000004'),
      studentIds: [],
      accompanistId: null,
      roomId: null,
      start: '2027-01-04T09:00:00.000Z',
      end: '2027-01-04T10:00:00.000Z',
    };

    it('does not commit a write made through the entity manager when the unit then fails', async () => {
      const before = await count();
      const uow = new MikroOrmUnitOfWork(orm.em);
      await expect(
        inContext(() =>
          uow.run(async () => {
            // As a repository's update does: straight through the (context-aware) entity manager.
            await orm.em.insert(OutboxEventSchema, { id: globalThis.crypto.randomUUID(), schoolId: school, type: 'uow.em-write', payload: {}, occurredAt: new Date(), publishedAt: null });
            await insert(90);
            throw new Error('the unit fails');
          }),
        ),
      ).rejects.toThrow('the unit fails');
      expect(await outboxRows('uow.em-write')).toBe(0);
      expect(await count()).toBe(before);
    });

    it("lets a read inside the unit see the unit's earlier writes, whichever way they were written", async () => {
      const outbox = new OutboxWriter(orm.em);
      const seenInside = await inContext(() =>
        new MikroOrmUnitOfWork(orm.em).run(async () => {
          await outbox.append(outgoingEvent(readerSchool, new Date(), integrationEvent('lesson.scheduled.v1', { actorId: null, lesson: aLesson })));
          await orm.em.insert(OutboxEventSchema, { id: globalThis.crypto.randomUUID(), schoolId: readerSchool, type: 'uow.read-own', payload: {}, occurredAt: new Date(), publishedAt: null });
          return rowsOfSchool(readerSchool);
        }),
      );
      expect(seenInside).toBe(2);
    });
  });
});
