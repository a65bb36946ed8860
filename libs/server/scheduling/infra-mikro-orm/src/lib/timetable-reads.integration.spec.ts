import type { EntityManager } from '@mikro-orm/postgresql';
import { currentSchool } from '@cadenza/server/platform/db';
import { newId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { RepositoryTimetableReads, SchoolDirectory, type DirectoryPerson, type LessonTypeId, type RoomId, type TimetableRead, type TimetableReadQuery } from '@cadenza/server/scheduling/domain';
import { contextSpecParts, freshSchool, useSpecDatabase } from '@cadenza/server/spec-database';
import { MikroOrmAvailabilityRepository } from './mikro-orm-availability-repository.js';
import { MikroOrmCalendarRepository } from './mikro-orm-calendar-repository.js';
import { MikroOrmLessonRepository } from './mikro-orm-lesson-repository.js';
import { MikroOrmLessonTypeRepository } from './mikro-orm-lesson-type-repository.js';
import { MikroOrmRoomRepository } from './mikro-orm-room-repository.js';
import { PostgresTimetableReads, type TimetablePeopleSql } from './postgres-timetable-reads.js';
import { schedulingPersistence } from './scheduling-persistence.module.js';

/**
 * The specs' reduced `users` table has no roles: everyone is a `person`. The app's own subquery, over identity's
 * real table, is held to `SchoolDirectory.people` in apps/api.
 */
const PEOPLE: TimetablePeopleSql = {
  sql: `(select coalesce(json_agg(json_build_object('id', u.id, 'roles', array['person'], 'name', u.name, 'archived', false)), '[]') from users u where u.school_id = $1 and u.id = any($11::uuid[]))`,
};

/** The same people, read on their own, as the reference's directory. */
class UsersTableDirectory extends SchoolDirectory {
  constructor(private readonly em: EntityManager) {
    super();
  }
  async people(ids: readonly UserId[]): Promise<DirectoryPerson[]> {
    const rows = await this.em.getConnection().execute<{ id: UserId; name: string }[]>('select id, name from users where school_id = ? and id = any(?::uuid[])', [currentSchool(this.em), `{${ids.join(',')}}`]);
    return rows.map((r) => ({ id: r.id, roles: ['person'], name: r.name, archived: false }));
  }
  timeZone(): Promise<string> {
    throw new Error('not read here');
  }
  person(): Promise<DirectoryPerson | null> {
    throw new Error('not read here');
  }
  guardianAccess(): Promise<'view' | 'full' | null> {
    throw new Error('not read here');
  }
  childrenOf(): Promise<{ studentId: UserId; access: 'view' | 'full' }[]> {
    throw new Error('not read here');
  }
  guardiansOf(): Promise<Map<UserId, UserId[]>> {
    throw new Error('not read here');
  }
}

/** Everything read, as plain data in a stable order, so two answers compare field by field. */
function plain(read: TimetableRead) {
  const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
  return {
    // What the checker reads of a lesson (the port's `TimetableEntry`), whether the adapter gives a `Lesson` or a plain entry.
    lessons: byId(
      read.lessons.map(({ id, teacherId, studentIds, roomId, accompanistId, start, end, status }) => ({ id, teacherId, studentIds: [...studentIds], roomId, accompanistId, start, end, status })),
    ),
    availability: read.availability.map((a) => a.snapshot()).sort((a, b) => a.personId.localeCompare(b.personId)),
    terms: byId(read.terms.map((t) => t.snapshot())),
    closures: byId(read.closures.map((c) => c.snapshot())),
    room: read.room?.snapshot() ?? null,
    lessonType: read.lessonType?.snapshot() ?? null,
    people: [...read.people].sort((a, b) => a.id.localeCompare(b.id)),
  };
}

const at = (iso: string) => new Date(iso);

describe('PostgresTimetableReads: the checker reads in one statement, as the four repository reads give them', () => {
  const db = useSpecDatabase(contextSpecParts(schedulingPersistence));
  let em: EntityManager;
  let schoolId: SchoolId;
  let people: UserId[];
  let rooms: RoomId[];
  const lessonType = newId<LessonTypeId>();
  const lessonIds: Record<string, string> = {};

  beforeAll(async () => {
    ({ em, schoolId, userIds: people } = await freshSchool(db.orm, 6));
    rooms = [newId<RoomId>(), newId<RoomId>()];
    const sql = em.getConnection();
    for (const [i, id] of rooms.entries()) await sql.execute(`insert into rooms (id, school_id, name, capacity, features, active) values (?, ?, ?, 4, '{piano,organ}', ?)`, [id, schoolId, `Room ${i}`, i === 0]);
    await sql.execute(`insert into lesson_types (id, school_id, name, duration_minutes, format, rate_minor) values (?, ?, 'Piano 45', 45, 'individual', 3500)`, [lessonType, schoolId]);
    await sql.execute(`insert into terms (id, school_id, name, start_date, end_date) values (?, ?, 'Spring', '2027-01-04', '2027-03-26'), (?, ?, 'Summer', '2027-04-12', '2027-07-16')`, [newId(), schoolId, newId(), schoolId]);
    await sql.execute(
      `insert into closures (id, school_id, name, start_date, end_date) values (?, ?, 'Half term', '2027-02-15', '2027-02-19'), (?, ?, 'Inset day', '2027-02-01', '2027-02-01'), (?, ?, 'Easter', '2027-03-29', '2027-04-09')`,
      [newId(), schoolId, newId(), schoolId, newId(), schoolId],
    );
    await sql.execute(
      `insert into availabilities (person_id, school_id, windows, exceptions, buffer_minutes) values (?, ?, ?::jsonb, '[]'::jsonb, 15), (?, ?, ?::jsonb, '[]'::jsonb, 0)`,
      [people[0], schoolId, JSON.stringify([{ weekday: 1, startTime: '09:00', endTime: '17:00' }]), people[5], schoolId, JSON.stringify([{ weekday: 2, startTime: '10:00', endTime: '12:00' }])],
    );
    const lesson = async (name: string, teacher: UserId, students: UserId[], room: RoomId | null, start: string, end: string, status = 'scheduled', accompanist: UserId | null = null) => {
      lessonIds[name] = newId();
      await sql.execute(
        `insert into lessons (id, school_id, teacher_id, room_id, accompanist_id, student_ids, start_at, end_at, status, cancellation) values (?, ?, ?, ?, ?, ?::uuid[], ?, ?, ?, ?::jsonb)`,
        [lessonIds[name], schoolId, teacher, room, accompanist, `{${students.join(',')}}`, at(start), at(end), status, status === 'cancelled' ? JSON.stringify({ at: '2027-01-20T10:00:00.000Z', by: people[0], reason: 'ill', late: false }) : null],
      );
    };
    // people[0] teaches; people[1..2] are students; people[3] teaches elsewhere; people[4] accompanies; people[5] is not asked about.
    await lesson('teacher', people[0], [people[1]], rooms[0], '2027-02-01T09:00Z', '2027-02-01T10:00Z');
    await lesson('asStudent', people[3], [people[2]], null, '2027-02-01T11:00Z', '2027-02-01T12:00Z');
    await lesson('asAccompanist', people[3], [people[5]], null, '2027-02-01T13:00Z', '2027-02-01T14:00Z', 'scheduled', people[0]);
    await lesson('room', people[3], [people[5]], rooms[1], '2027-02-01T15:00Z', '2027-02-01T16:00Z');
    await lesson('cancelled', people[0], [people[1]], rooms[0], '2027-02-01T16:00Z', '2027-02-01T17:00Z', 'cancelled');
    await lesson('elsewhere', people[3], [people[5]], null, '2027-02-01T09:00Z', '2027-02-01T10:00Z');
    await lesson('later', people[0], [people[1]], rooms[0], '2027-02-08T09:00Z', '2027-02-08T10:00Z');
    await lesson('touching', people[0], [people[1]], null, '2027-01-31T22:00Z', '2027-02-01T00:00Z');
  }, 60_000);

  const query = (overrides: Partial<TimetableReadQuery> = {}): TimetableReadQuery => ({
    from: at('2027-02-01T00:00Z'),
    to: at('2027-02-02T00:00Z'),
    teacherIds: [people[0]],
    studentIds: [people[2]],
    accompanistIds: [],
    roomIds: [rooms[1]],
    staffIds: [people[0]],
    closureDates: { from: '2027-01-31', to: '2027-02-02' },
    ...overrides,
  });
  const both = async (q: TimetableReadQuery) => {
    const reference = new RepositoryTimetableReads(new MikroOrmLessonRepository(em), new MikroOrmAvailabilityRepository(em), new MikroOrmCalendarRepository(em), new MikroOrmRoomRepository(em), new MikroOrmLessonTypeRepository(em), new UsersTableDirectory(em));
    return { one: plain(await new PostgresTimetableReads(em, PEOPLE).read(q)), four: plain(await reference.read(q)) };
  };

  it('answers exactly what the lessons, availability and calendar repositories answer', async () => {
    const { one, four } = await both(query());
    expect(one).toEqual(four);
    // And that answer is the right one: a person in any role or the room, not cancelled, overlapping [from, to).
    expect(one.lessons.map((l) => l.id).sort()).toEqual([lessonIds['teacher'], lessonIds['asStudent'], lessonIds['asAccompanist'], lessonIds['room']].sort());
    expect(one.availability.map((a) => a.personId)).toEqual([people[0]]);
    expect(one.availability[0]).toMatchObject({ bufferMinutes: 15, windows: [{ weekday: 1, startTime: '09:00', endTime: '17:00' }] });
    expect(one.terms.map((t) => t.name).sort()).toEqual(['Spring', 'Summer']);
    expect(one.closures.map((c) => c.name)).toEqual(['Inset day']);
  });

  it('agrees for wider ranges, several staff, no rooms, and nobody at all', async () => {
    for (const q of [
      query({ to: at('2027-02-20T00:00Z'), closureDates: { from: '2027-01-31', to: '2027-02-21' }, staffIds: [people[0], people[5]], roomIds: [] }),
      query({ teacherIds: [], studentIds: [], roomIds: [rooms[0]] }),
      query({ teacherIds: [], studentIds: [], roomIds: [], staffIds: [] }),
    ]) {
      const { one, four } = await both(q);
      expect(one).toEqual(four);
    }
    const { one } = await both(query({ teacherIds: [], studentIds: [], roomIds: [], staffIds: [] }));
    expect(one.lessons).toEqual([]);
    expect(one.availability).toEqual([]);
  });

  it('reads the room and lesson type asked for, as their repositories do', async () => {
    for (const refs of [{ roomId: rooms[0], lessonTypeId: lessonType }, { roomId: rooms[1] }, { roomId: newId<RoomId>(), lessonTypeId: newId<LessonTypeId>() }, {}]) {
      const { one, four } = await both(query(refs));
      expect(one).toEqual(four);
    }
    const { one } = await both(query({ roomId: rooms[0], lessonTypeId: lessonType }));
    expect(one.room).toMatchObject({ id: rooms[0], capacity: 4, features: ['piano', 'organ'], active: true });
    expect(one.lessonType).toMatchObject({ id: lessonType, name: 'Piano 45', durationMinutes: 45, format: 'individual', rateMinor: 3500 });
    expect((await both(query({ roomId: rooms[1] }))).one.room).toMatchObject({ active: false });
  });

  it('reads the people asked for, as the directory does: unknown ids and repeats make no rows', async () => {
    for (const asked of [[people[0], people[2], people[4]], [people[1], people[1], newId<UserId>()], [newId<UserId>()], []]) {
      const { one, four } = await both(query({ people: asked }));
      expect(one).toEqual(four);
    }
    const { one } = await both(query({ people: [people[0], people[0], people[4], newId<UserId>()] }));
    expect(one.people).toEqual([people[0], people[4]].sort().map((id) => ({ id, roles: ['person'], name: `Person ${people.indexOf(id)}`, archived: false })));
  });

  it('reads only the school in force', async () => {
    const other = await freshSchool(db.orm, 1);
    const reads = await new PostgresTimetableReads(other.em, PEOPLE).read(query({ roomId: rooms[0], lessonTypeId: lessonType, people: [people[0], other.userIds[0]] }));
    expect(reads).toEqual({ lessons: [], availability: [], terms: [], closures: [], room: null, lessonType: null, people: [{ id: other.userIds[0], roles: ['person'], name: 'Person 0', archived: false }] });
  });

  it('inside a transaction, sees its own uncommitted lessons', async () => {
    await em.transactional(async (tx) => {
      await tx.getConnection().execute(
        `insert into lessons (id, school_id, teacher_id, student_ids, start_at, end_at, status) values (?, ?, ?, ?::uuid[], '2027-02-01T19:00Z', '2027-02-01T20:00Z', 'scheduled')`,
        [newId(), schoolId, people[0], `{${people[1]}}`],
        'run',
        tx.getTransactionContext(),
      );
      const read = await new PostgresTimetableReads(tx, PEOPLE).read(query());
      expect(read.lessons.some((l) => l.start.toISOString() === '2027-02-01T19:00:00.000Z')).toBe(true);
      throw new Error('roll back');
    }).catch((error: Error) => expect(error.message).toBe('roll back'));
    const after = await new PostgresTimetableReads(em, PEOPLE).read(query());
    expect(after.lessons.some((l) => l.start.toISOString() === '2027-02-01T19:00:00.000Z')).toBe(false);
  });
});
