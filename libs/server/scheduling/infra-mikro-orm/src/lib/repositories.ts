import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { ACROSS_SCHOOLS, DeferredWrites, OutboxWriter, currentSchool, preparedStatement, queryPrepared, type PreparedStatement } from '@cadenza/server/platform/db';
import { asId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import {
  Availability,
  AvailabilityRepository,
  CalendarRepository,
  CalendarVersions,
  Closure,
  Lesson,
  LessonRepository,
  LessonRequest,
  LessonRequestRepository,
  LessonSeries,
  LessonType,
  LessonTypeRepository,
  MakeupCredit,
  MakeupCreditRepository,
  Room,
  RoomRepository,
  SchedulingEvents,
  SchedulingPolicy,
  SchedulingPolicyRepository,
  SeriesRepository,
  TakenMeanwhile,
  Term,
  TimetableReads,
  type BusyQuery,
  type TimetableEntry,
  type TimetableRead,
  type TimetableReadQuery,
  type LessonId,
  type LessonQuery,
  type LessonRequestId,
  type LessonRequestStatus,
  type LessonTypeId,
  type MakeupCreditId,
  type RoomId,
  type SchedulingEvent,
  type SeriesId,
  type TermId,
} from '@cadenza/server/scheduling/domain';
import {
  AvailabilitySchema,
  ClosureSchema,
  LessonRequestSchema,
  LessonSchema,
  LessonTypeSchema,
  MakeupCreditSchema,
  PolicySchema,
  RoomSchema,
  SeriesSchema,
  TermSchema,
  type LessonRequestRow,
  type LessonRow,
  type MakeupCreditRow,
  type RoomRow,
} from './entities.js';
import { lessonFromRow, lessonToRow, requestFromRow, requestToRow } from './mappers.js';

const NO_MAP = { disableIdentityMap: true } as const;

interface CalendarRow {
  id: string;
  schoolId: string;
  name: string;
  startDate: string;
  endDate: string;
}

/** An exclusion-constraint refusal from PostgreSQL, as the same conflict the domain reports. */
export function rethrowOverlap(error: unknown, lesson: Lesson): never {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    // Two racing inserts can deadlock (40P01) on the constraint check: only `where` names the exclusion constraint then.
    // The key in conflict is in `detail` (or, once the ORM has converted the error, in its message).
    const message = e instanceof Error ? `${e.message}\n${(e as { detail?: unknown }).detail ?? ''}\n${(e as { where?: unknown }).where ?? ''}` : '';
    // 23P01: the exclusion constraint refused it. 40P01: two racing inserts each waited on the
    // other's row and PostgreSQL chose this one to fail: the other booking won, the same outcome.
    if (code === '23P01' || code === '40P01' || /exclusion constraint|deadlock detected/.test(message)) {
      const s = lesson.snapshot();
      const room = /lessons_room_overlap/.test(message);
      const person = /\(person_id, during\)=\(([0-9a-f-]{36})/.exec(message)?.[1];
      const kind = room ? 'room' : person === s.teacherId ? 'teacher' : person && person === s.accompanistId ? 'accompanist' : 'student';
      const refusal = new TakenMeanwhile({ kind, id: room ? s.roomId : (person ?? null), start: s.start, end: s.end });
      // Kept, so that the unit of work can see a deadlock and try the whole transaction again.
      Object.defineProperty(refusal, 'cause', { value: error, enumerable: false });
      throw refusal;
    }
  }
  throw error;
}

@Injectable()
export class MikroOrmRoomRepository extends RoomRepository {
  constructor(private readonly em: EntityManager) {
    super();
  }
  async add(room: Room): Promise<void> {
    await this.em.insert(RoomSchema, room.snapshot());
  }
  async update(room: Room): Promise<void> {
    const { id, ...rest } = room.snapshot();
    await this.em.nativeUpdate(RoomSchema, { id }, rest);
  }
  async byId(id: RoomId): Promise<Room | null> {
    // Plain SQL: every booking with a room checks it, where the ORM's overhead outweighs the query.
    const [row] = await this.em.getConnection().execute<RoomRow[]>(
      `select id, school_id as "schoolId", name, capacity, features, active from rooms where school_id = ? and id = ?`,
      [currentSchool(this.em), id],
      'all',
      this.em.getTransactionContext(),
    );
    return row ? Room.restore({ ...row, id: asId<RoomId>(row.id), schoolId: asId<SchoolId>(row.schoolId) }) : null;
  }
  async list(filter: { activeOnly?: boolean } = {}): Promise<Room[]> {
    const rows = await this.em.find(RoomSchema, filter.activeOnly ? { active: true } : {}, { ...NO_MAP, orderBy: { name: 'asc' } });
    return rows.map((row) => Room.restore({ ...row, id: asId<RoomId>(row.id), schoolId: asId<SchoolId>(row.schoolId) }));
  }
}

@Injectable()
export class MikroOrmCalendarRepository extends CalendarRepository {
  constructor(private readonly em: EntityManager) {
    super();
  }
  async addTerm(term: Term): Promise<void> {
    await this.em.insert(TermSchema, term.snapshot());
  }
  async termById(id: TermId): Promise<Term | null> {
    const row = await this.em.findOne(TermSchema, { id }, NO_MAP);
    return row ? Term.restore({ ...row, id: asId<TermId>(row.id), schoolId: asId<SchoolId>(row.schoolId) }) : null;
  }
  async terms(): Promise<Term[]> {
    // Plain SQL: read on every conflict check, where the ORM's overhead outweighs the query.
    const rows = await this.calendarRows('terms', '', []);
    return rows.map((row) => Term.restore({ ...row, id: asId<TermId>(row.id), schoolId: asId<SchoolId>(row.schoolId) }));
  }
  async addClosure(closure: Closure): Promise<void> {
    await this.em.insert(ClosureSchema, closure.snapshot());
  }
  async closures(range?: { from: string; to: string }): Promise<Closure[]> {
    const rows = range ? await this.calendarRows('closures', 'and start_date <= ?::date and end_date >= ?::date', [range.to, range.from]) : await this.calendarRows('closures', '', []);
    return rows.map((row) => Closure.restore({ ...row, id: asId(row.id), schoolId: asId<SchoolId>(row.schoolId) }));
  }
  /** Terms' or closures' rows of the current school, by start date, with dates as `YYYY-MM-DD` (as the ORM maps them). */
  private calendarRows(table: 'terms' | 'closures', conditions: string, params: unknown[]): Promise<CalendarRow[]> {
    return this.em.getConnection().execute<CalendarRow[]>(
      `select id, school_id as "schoolId", name, to_char(start_date, 'YYYY-MM-DD') as "startDate", to_char(end_date, 'YYYY-MM-DD') as "endDate"
         from ${table} where school_id = ? ${conditions} order by start_date`,
      [currentSchool(this.em), ...params],
      'all',
      this.em.getTransactionContext(),
    );
  }
}

@Injectable()
export class MikroOrmLessonTypeRepository extends LessonTypeRepository {
  constructor(private readonly em: EntityManager) {
    super();
  }
  async add(type: LessonType): Promise<void> {
    await this.em.insert(LessonTypeSchema, type.snapshot());
  }
  async byId(id: LessonTypeId): Promise<LessonType | null> {
    const row = await this.em.findOne(LessonTypeSchema, { id }, NO_MAP);
    return row ? toLessonType(row) : null;
  }
  async list(): Promise<LessonType[]> {
    return (await this.em.find(LessonTypeSchema, {}, { ...NO_MAP, orderBy: { name: 'asc' } })).map(toLessonType);
  }
}
const toLessonType = (row: { id: string; schoolId: string; name: string; durationMinutes: number; format: string; rateMinor: number | null }) =>
  LessonType.restore({
    ...row,
    id: asId<LessonTypeId>(row.id),
    schoolId: asId<SchoolId>(row.schoolId),
    format: row.format as 'individual' | 'group',
    rateMinor: row.rateMinor === null ? null : Number(row.rateMinor),
  });

@Injectable()
export class MikroOrmAvailabilityRepository extends AvailabilityRepository {
  constructor(private readonly em: EntityManager) {
    super();
  }
  async save(availability: Availability): Promise<void> {
    const s = availability.snapshot();
    await this.em.upsert(AvailabilitySchema, { personId: s.personId, schoolId: s.schoolId, windows: s.windows, exceptions: s.exceptions, bufferMinutes: s.bufferMinutes });
  }
  async of(personId: UserId): Promise<Availability | null> {
    const [one] = await this.ofMany([personId]);
    return one ?? null;
  }
  async ofMany(personIds: readonly UserId[]): Promise<Availability[]> {
    if (personIds.length === 0) return [];
    // Plain SQL: read on every conflict check, where the ORM's overhead outweighs the query.
    const rows = await this.em.getConnection().execute<{ schoolId: string; personId: string; windows: unknown; exceptions: unknown; bufferMinutes: number }[]>(
      `select school_id as "schoolId", person_id as "personId", windows, exceptions, buffer_minutes as "bufferMinutes"
         from availabilities where school_id = ? and person_id = any(?::uuid[])`,
      [currentSchool(this.em), `{${[...new Set(personIds)].join(',')}}`],
      'all',
      this.em.getTransactionContext(),
    );
    return rows.map((row) =>
      Availability.restore({
        schoolId: asId<SchoolId>(row.schoolId),
        personId: asId<UserId>(row.personId),
        windows: row.windows as never,
        exceptions: row.exceptions as never,
        bufferMinutes: row.bufferMinutes,
      }),
    );
  }
}

/**
 * The school's lessons (not cancelled) that keep these people or rooms busy over [from, to), as a subquery of
 * `lessons` rows: their ids first, through each person's attendances and each room's lessons (an index range
 * scan per person and per room; lessons last less than 24 hours, a constraint of the table, which bounds a
 * room's scan by start), then each lesson by primary key. The arguments are the placeholders to use; with `?`
 * placeholders the values go in the order people, from, to, rooms, from, to, from, school.
 *
 * Filtering the school's lessons of the range by "has one of these people or rooms" instead read every lesson
 * of the school in the range: a few hundred rows in a busy hour of a large school, for a booking that meets two
 * or three. Each step is a lateral subquery kept apart (`offset 0`), so each can only be the index scan for one
 * person, room or id: the plan stays that whatever the planner's statistics said when a connection prepared it
 * (a plan made while the table was small, then kept as it grew, would otherwise scan it whole on every call).
 */
const busyLessons = (people: string, from: string, to: string, rooms: string, school: string) =>
  `(select l.* from unnest(array(
       select a.lesson_id from unnest(${people}::uuid[]) as p(id), lateral (
         select a.lesson_id from lesson_attendees a
          where a.person_id = p.id and a.active and a.during && tstzrange(${from}, ${to}, '[)') offset 0) a
       union
       select r.id from unnest(${rooms}::uuid[]) as q(id), lateral (
         select r.id from lessons r
          where r.room_id = q.id and r.start_at > ${from}::timestamptz - interval '24 hours' and r.start_at < ${to} and r.end_at > ${from} offset 0) r
     )) as b(id), lateral (select * from lessons l where l.id = b.id offset 0) l
    where l.school_id = ${school} and l.status <> 'cancelled')`;

@Injectable()
export class MikroOrmLessonRepository extends LessonRepository {
  constructor(
    private readonly em: EntityManager,
    private readonly writes: DeferredWrites = new DeferredWrites(em),
  ) {
    super();
  }

  async add(lessons: readonly Lesson[]): Promise<void> {
    if (lessons.length === 0) return;
    // Plain SQL: every booking writes here, where the ORM's overhead outweighs the insert. Sent at once (the
    // exclusion constraints answer here), carrying along any audit and outbox rows the unit of work holds,
    // behind the slot locks of every lesson added (one round trip for the first lesson). In a batch
    // (`UnitOfWork.runWrites`) it goes with the rest of the batch, and an overlap is reported from there.
    let locks = slotLocks(lessons);
    for (const lesson of lessons) {
      const r = lessonToRow(lesson);
      await this.writes.executeWithHeld(
        `${locks}insert into lessons (id, school_id, teacher_id, room_id, accompanist_id, lesson_type_id, series_id, makeup_credit_id, student_ids, start_at, end_at, status, cancellation)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?::uuid[], ?, ?, ?, ?::jsonb)`,
        [
          r.id,
          r.schoolId,
          r.teacherId,
          r.roomId,
          r.accompanistId,
          r.lessonTypeId,
          r.seriesId,
          r.makeupCreditId,
          `{${r.studentIds.join(',')}}`,
          r.startAt,
          r.endAt,
          r.status,
          r.cancellation == null ? null : JSON.stringify(r.cancellation),
        ],
        (error) => rethrowOverlap(error, lesson),
      );
      locks = '';
    }
  }

  async update(lesson: Lesson): Promise<void> {
    const { id, schoolId: _school, ...rest } = lessonToRow(lesson);
    try {
      const locks = slotLocks([lesson]);
      if (locks) await this.em.getConnection().execute(locks, [], 'run', this.em.getTransactionContext());
      await this.em.nativeUpdate(LessonSchema, { id }, rest);
    } catch (error) {
      rethrowOverlap(error, lesson);
    }
  }

  async byId(id: LessonId): Promise<Lesson | null> {
    const row = await this.em.findOne(LessonSchema, { id }, NO_MAP);
    return row ? lessonFromRow(row) : null;
  }

  async byIds(ids: readonly LessonId[]): Promise<Lesson[]> {
    if (ids.length === 0) return [];
    return this.lessonRows(`select l.* from lessons l where l.school_id = ? and l.id = any(?::uuid[])`, [currentSchool(this.em), `{${[...new Set(ids)].join(',')}}`]);
  }

  /**
   * The calendar's read: one indexed range scan in plain SQL, mapped straight to
   * lessons (a week of a large school is thousands of rows; the ORM's entity
   * machinery is not needed to read them). Scoped to the school in force.
   */
  async inRange(query: LessonQuery): Promise<Lesson[]> {
    const { conditions, params } = rangeConditions(this.em, query);
    return this.lessonRows(`select l.* from lessons l where ${conditions.join(' and ')} order by l.start_at, l.id`, params);
  }

  async busyFor(query: BusyQuery): Promise<Lesson[]> {
    const people = [...new Set([...query.teacherIds, ...query.studentIds, ...query.accompanistIds])];
    const rooms = [...new Set(query.roomIds)];
    if (people.length === 0 && rooms.length === 0) return [];
    return this.lessonRows(
      `select l.* from ${busyLessons('?', '?', '?', '?', '?')} as l
        order by l.start_at`,
      [`{${people.join(',')}}`, query.from, query.to, `{${rooms.join(',')}}`, query.from, query.to, query.from, currentSchool(this.em)],
    );
  }

  /** Lessons read in plain SQL, inside the unit of work when there is one, so a check sees its own writes. */
  private async lessonRows(sql: string, params: unknown[]): Promise<Lesson[]> {
    const rows = await this.em.getConnection().execute<RawLesson[]>(sql, params, 'all', this.em.getTransactionContext());
    return rows.map((r) => lessonFromRow(fromRaw(r)));
  }

  async ofSeries(seriesId: SeriesId, from: Date): Promise<Lesson[]> {
    const rows = await this.em.find(LessonSchema, { seriesId, status: 'scheduled', startAt: { $gte: from } }, { ...NO_MAP, orderBy: { startAt: 'asc' } });
    return rows.map(lessonFromRow);
  }
}

const HOUR_MS = 3_600_000;

/**
 * The slot locks a write of these lessons takes before it reaches the exclusion constraints: a transaction-scoped
 * advisory lock per person or room and UTC hour each scheduled lesson touches, all taken by one statement in
 * ascending key order.
 *
 * Without them, two racing inserts that overlap can each see the other's uncommitted row in the constraint's index
 * and wait on each other; PostgreSQL breaks that deadlock only after `deadlock_timeout` (a second by default), and
 * a burst of racing bookings queues those seconds up. With them, any two writes that could clash share a key (two
 * overlapping ranges share an instant, hence an hour, and a person or the room), so the later one waits for the
 * earlier one's commit and then meets its row at once; and since every writer takes its keys in the same order,
 * the locks themselves cannot deadlock. A hash collision only makes two unrelated writes wait on each other.
 *
 * Returns the statement, ending in `;\n`, or '' when nothing is to be locked (cancelled lessons).
 */
export function slotLocks(lessons: readonly Lesson[]): string {
  const keys = new Set<string>();
  for (const lesson of lessons) {
    const s = lesson.snapshot();
    if (s.status === 'cancelled') continue;
    const resources = [s.teacherId, s.accompanistId, s.roomId, ...s.studentIds].filter((r): r is NonNullable<typeof r> => r != null);
    const last = Math.ceil(new Date(s.end).getTime() / HOUR_MS) - 1;
    for (let hour = Math.floor(new Date(s.start).getTime() / HOUR_MS); hour <= last; hour++) {
      for (const resource of resources) keys.add(`${resource}@${hour}`);
    }
  }
  if (keys.size === 0) return '';
  // Ids and hour numbers only: nothing here needs quoting beyond the array literal.
  const literal = `{${[...keys].join(',')}}`;
  return `select pg_advisory_xact_lock(k) from (select distinct hashtextextended(x, 0) as k from unnest('${literal}'::text[]) as x order by k) as keys;\n`;
}

/** The conditions of the calendar's read (`inRange`). */
function rangeConditions(em: EntityManager, query: LessonQuery): { conditions: string[]; params: unknown[] } {
  // Lessons are shorter than a day, so a start after `from - 24 h` bounds the scan of the start index.
  const conditions = ['l.school_id = ?', 'l.start_at >= ?', 'l.start_at < ?', 'l.end_at > ?'];
  const params: unknown[] = [currentSchool(em), new Date(query.from.getTime() - 86_400_000), query.to, query.from];
  if (!query.includeCancelled) conditions.push(`l.status <> 'cancelled'`);
  for (const [column, value] of [
    ['teacher_id', query.teacherId],
    ['room_id', query.roomId],
    ['accompanist_id', query.accompanistId],
  ] as const) {
    if (value) {
      conditions.push(`l.${column} = ?`);
      params.push(value);
    }
  }
  if (query.studentId) {
    conditions.push('l.student_ids @> array[?]::uuid[]');
    params.push(query.studentId);
  }
  return { conditions, params };
}

/**
 * The calendar's version for a query: the sum of the school's `calendar_versions` counters over the UTC
 * weeks in which a lesson of the answer may start (`inRange` reads starts from `from - 24 h` up to `to`).
 * The lessons' trigger bumps a counter of the week of a lesson's old and new start on every insert,
 * update and delete, in the same transaction, so any committed change to the answer changes the sum
 * (counters only grow); one indexed read of at most 64 rows a week, whatever the size of the school.
 * Coarser than the answer (a change to any lesson of those weeks counts), never finer.
 */
@Injectable()
export class PostgresCalendarVersions extends CalendarVersions {
  constructor(private readonly em: EntityManager) {
    super();
  }
  async ofRange(query: LessonQuery): Promise<string> {
    const [row] = await queryPrepared<{ v: string }>(this.em, CALENDAR_VERSION_READ, [currentSchool(this.em), new Date(query.from.getTime() - 86_400_000), query.to]);
    return row?.v ?? '0';
  }
}

/** The calendar's version (see `ofRange`), prepared: every calendar read asks it first. */
const CALENDAR_VERSION_READ = preparedStatement(
  'scheduling_calendar_version',
  `select coalesce(sum(version), 0)::text as v from calendar_versions
    where school_id = $1 and week >= date_trunc('week', $2::timestamptz at time zone 'UTC')::date
      and week <= date_trunc('week', $3::timestamptz at time zone 'UTC')::date`,
);

/** A busy lesson as the timetable read sends it: id, teacher, students, room, accompanist, start and end (ms), status. */
type EntryTuple = [string, string, string[], string | null, string | null, number, number, string];

interface TimetableRow {
  lessons: EntryTuple[];
  availability: RawAvailability[];
  terms: CalendarRow[];
  closures: CalendarRow[];
  room: RoomRow | null;
  lessonType: Parameters<typeof toLessonType>[0] | null;
  people: { id: string; roles: string[]; name: string }[];
}

/**
 * The checker's reads in one statement (see `PostgresTimetableReads`), prepared: PostgreSQL parses it once per
 * connection. `people`: the app's subquery for the directory's people (see `TimetablePeopleSql`).
 */
const timetableRead = (people: TimetablePeopleSql) => preparedStatement(
  `scheduling_timetable_read_${createHash('sha256').update(people.sql).digest('hex').slice(0, 12)}`,
  `select
         (select coalesce(json_agg(json_build_array(l.id, l.teacher_id, l.student_ids, l.room_id, l.accompanist_id,
                                                    (extract(epoch from l.start_at) * 1000)::bigint, (extract(epoch from l.end_at) * 1000)::bigint, l.status)
                                   order by l.start_at), '[]')
            from ${busyLessons('$4', '$2', '$3', '$5', '$1')} as l) as lessons,
         (select coalesce(json_agg(json_build_object('schoolId', v.school_id, 'personId', v.person_id, 'windows', v.windows,
                                                     'exceptions', v.exceptions, 'bufferMinutes', v.buffer_minutes)), '[]')
            from availabilities v where v.school_id = $1 and v.person_id = any($6::uuid[])) as availability,
         (select coalesce(json_agg(json_build_object('id', t.id, 'schoolId', t.school_id, 'name', t.name, 'startDate', to_char(t.start_date, 'YYYY-MM-DD'),
                                                     'endDate', to_char(t.end_date, 'YYYY-MM-DD')) order by t.start_date), '[]')
            from terms t where t.school_id = $1) as terms,
         (select coalesce(json_agg(json_build_object('id', c.id, 'schoolId', c.school_id, 'name', c.name, 'startDate', to_char(c.start_date, 'YYYY-MM-DD'),
                                                     'endDate', to_char(c.end_date, 'YYYY-MM-DD')) order by c.start_date), '[]')
            from closures c where c.school_id = $1 and c.start_date <= $7::date and c.end_date >= $8::date) as closures,
         (select json_build_object('id', r.id, 'schoolId', r.school_id, 'name', r.name, 'capacity', r.capacity, 'features', r.features, 'active', r.active)
            from rooms r where r.school_id = $1 and r.id = $9::uuid) as room,
         (select json_build_object('id', t.id, 'schoolId', t.school_id, 'name', t.name, 'durationMinutes', t.duration_minutes, 'format', t.format, 'rateMinor', t.rate_minor)
            from lesson_types t where t.school_id = $1 and t.id = $10::uuid) as "lessonType",
         ${people.sql} as people`,
);

/**
 * How the school's people are read inside the timetable's one statement, so a booking's check of the people it
 * names costs no round trip of its own. Scheduling does not know the tables of the directory (identity's); the
 * app, which knows both, gives a scalar subquery yielding a JSON array of `{ id, roles, name }` for the ids in
 * `$11` (a `uuid[]`) within the school `$1`, the same people `SchoolDirectory.people` gives.
 */
export interface TimetablePeopleSql {
  readonly sql: string;
}

/**
 * The conflict checker's reads in one statement: the busy lessons (as `busyFor`), the staff's availability,
 * the terms and the closures (as `CalendarRepository`), the room and lesson type a booking names
 * and the people it names (through the app's `TimetablePeopleSql`), each aggregated to JSON by PostgreSQL, so a
 * booking or a free-slot search pays one round trip for them. Inside the unit of work when there is one. The app
 * provides it as `TimetableReads`, with its people subquery.
 */
export class PostgresTimetableReads extends TimetableReads {
  private readonly statement: PreparedStatement;

  constructor(
    private readonly em: EntityManager,
    people: TimetablePeopleSql,
  ) {
    super();
    this.statement = timetableRead(people);
  }
  async read(query: TimetableReadQuery): Promise<TimetableRead> {
    const school = currentSchool(this.em);
    const people = [...new Set([...query.teacherIds, ...query.studentIds, ...query.accompanistIds])];
    const rooms = [...new Set(query.roomIds)];
    const staff = [...new Set(query.staffIds)];
    const [row] = await queryPrepared<TimetableRow>(this.em, this.statement, [
      school,
      query.from,
      query.to,
      `{${people.join(',')}}`,
      `{${rooms.join(',')}}`,
      `{${staff.join(',')}}`,
      query.closureDates.to,
      query.closureDates.from,
      query.roomId ?? null,
      query.lessonTypeId ?? null,
      `{${[...new Set(query.people ?? [])].join(',')}}`,
    ]);
    return {
      lessons: people.length === 0 && rooms.length === 0 ? [] : row.lessons.map(toEntry),
      availability: row.availability.map((a) =>
        Availability.restore({ schoolId: asId<SchoolId>(a.schoolId), personId: asId<UserId>(a.personId), windows: a.windows as never, exceptions: a.exceptions as never, bufferMinutes: a.bufferMinutes }),
      ),
      terms: row.terms.map((t) => Term.restore({ ...t, id: asId<TermId>(t.id), schoolId: asId<SchoolId>(t.schoolId) })),
      closures: row.closures.map((c) => Closure.restore({ ...c, id: asId(c.id), schoolId: asId<SchoolId>(c.schoolId) })),
      room: row.room ? Room.restore({ ...row.room, id: asId<RoomId>(row.room.id), schoolId: asId<SchoolId>(row.room.schoolId) }) : null,
      lessonType: row.lessonType ? toLessonType(row.lessonType) : null,
      people: row.people.map((p) => ({ id: asId<UserId>(p.id), roles: [...p.roles], name: p.name })),
    };
  }
}

/** What the checker needs of a busy lesson, from its compact row: no aggregate, no copies. */
function toEntry([id, teacherId, studentIds, roomId, accompanistId, start, end, status]: EntryTuple): TimetableEntry {
  return { id, teacherId, studentIds, roomId, accompanistId, start: new Date(start), end: new Date(end), status };
}

interface RawAvailability {
  schoolId: string;
  personId: string;
  windows: unknown;
  exceptions: unknown;
  bufferMinutes: number;
}

interface RawLesson {
  id: string;
  school_id: string;
  teacher_id: string;
  room_id: string | null;
  accompanist_id: string | null;
  lesson_type_id: string | null;
  series_id: string | null;
  makeup_credit_id: string | null;
  student_ids: string[] | string;
  start_at: Date | string;
  end_at: Date | string;
  status: string;
  cancellation: unknown;
}

function fromRaw(r: RawLesson): LessonRow {
  const ids = Array.isArray(r.student_ids) ? r.student_ids : r.student_ids.replace(/[{}]/g, '').split(',').filter(Boolean);
  return {
    id: r.id,
    schoolId: r.school_id,
    teacherId: r.teacher_id,
    roomId: r.room_id,
    accompanistId: r.accompanist_id,
    lessonTypeId: r.lesson_type_id,
    seriesId: r.series_id,
    makeupCreditId: r.makeup_credit_id,
    studentIds: ids,
    startAt: new Date(r.start_at),
    endAt: new Date(r.end_at),
    status: r.status,
    cancellation: r.cancellation,
  };
}

@Injectable()
export class MikroOrmSeriesRepository extends SeriesRepository {
  constructor(private readonly em: EntityManager) {
    super();
  }
  async add(series: LessonSeries): Promise<void> {
    await this.em.insert(SeriesSchema, series.snapshot());
  }
  async update(series: LessonSeries): Promise<void> {
    const { id, ...rest } = series.snapshot();
    await this.em.nativeUpdate(SeriesSchema, { id }, rest);
  }
  async byId(id: SeriesId): Promise<LessonSeries | null> {
    const row = await this.em.findOne(SeriesSchema, { id }, NO_MAP);
    return row ? LessonSeries.restore(row as never) : null;
  }
}

@Injectable()
export class MikroOrmLessonRequestRepository extends LessonRequestRepository {
  constructor(private readonly em: EntityManager) {
    super();
  }
  async add(request: LessonRequest): Promise<void> {
    await this.em.insert(LessonRequestSchema, requestToRow(request));
  }
  async update(request: LessonRequest): Promise<void> {
    const { id, schoolId: _s, ...rest } = requestToRow(request);
    await this.em.nativeUpdate(LessonRequestSchema, { id }, rest);
  }
  async byId(id: LessonRequestId): Promise<LessonRequest | null> {
    const row = await this.em.findOne(LessonRequestSchema, { id }, { ...NO_MAP, lockMode: this.em.isInTransaction() ? LockMode.PESSIMISTIC_WRITE : undefined });
    return row ? requestFromRow(row) : null;
  }
  async list(filter: { involving?: readonly UserId[]; status?: LessonRequestStatus }): Promise<LessonRequest[]> {
    const where: Record<string, unknown> = {};
    if (filter.status) where['status'] = filter.status;
    if (filter.involving) {
      const ids = [...filter.involving];
      where['$or'] = [{ requestedBy: { $in: ids } }, { studentId: { $in: ids } }, { teacherId: { $in: ids } }];
    }
    const rows: LessonRequestRow[] = await this.em.find(LessonRequestSchema, where, { ...NO_MAP, orderBy: { createdAt: 'desc' }, limit: 500 });
    return rows.map(requestFromRow);
  }
}

const toCredit = (row: MakeupCreditRow) =>
  MakeupCredit.restore({
    ...row,
    id: asId<MakeupCreditId>(row.id),
    schoolId: asId<SchoolId>(row.schoolId),
    studentId: asId<UserId>(row.studentId),
    originLessonId: asId<LessonId>(row.originLessonId),
    status: row.status as 'available' | 'used' | 'expired',
    usedOnLessonId: row.usedOnLessonId ? asId<LessonId>(row.usedOnLessonId) : null,
  });

@Injectable()
export class MikroOrmMakeupCreditRepository extends MakeupCreditRepository {
  constructor(private readonly em: EntityManager) {
    super();
  }
  async add(credits: readonly MakeupCredit[]): Promise<void> {
    for (const credit of credits) {
      // One credit per student per cancelled lesson: a replayed cancellation grants nothing more.
      await this.em.getConnection().execute(
        `insert into makeup_credits (id, school_id, student_id, origin_lesson_id, granted_at, expires_at, status, used_on_lesson_id)
         values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (origin_lesson_id, student_id) do nothing`,
        (({ id, schoolId, studentId, originLessonId, grantedAt, expiresAt, status, usedOnLessonId }) => [id, schoolId, studentId, originLessonId, grantedAt, expiresAt, status, usedOnLessonId])(
          credit.snapshot(),
        ),
      );
    }
  }
  async update(credit: MakeupCredit): Promise<void> {
    const { id, status, usedOnLessonId } = credit.snapshot();
    await this.em.nativeUpdate(MakeupCreditSchema, { id }, { status, usedOnLessonId });
  }
  async byId(id: MakeupCreditId): Promise<MakeupCredit | null> {
    const row = await this.em.findOne(MakeupCreditSchema, { id }, { ...NO_MAP, lockMode: this.em.isInTransaction() ? LockMode.PESSIMISTIC_WRITE : undefined });
    return row ? toCredit(row) : null;
  }
  async ofStudent(studentId: UserId): Promise<MakeupCredit[]> {
    return (await this.em.find(MakeupCreditSchema, { studentId }, { ...NO_MAP, orderBy: { expiresAt: 'asc' } })).map(toCredit);
  }
  /** The daily sweep runs for every school at once; each credit keeps its own school. */
  async expireDue(now: Date): Promise<MakeupCredit[]> {
    const due = await this.em.find(MakeupCreditSchema, { status: 'available', expiresAt: { $lte: now } }, { ...NO_MAP, ...ACROSS_SCHOOLS, limit: 5000 });
    if (due.length === 0) return [];
    await this.em.nativeUpdate(MakeupCreditSchema, { id: { $in: due.map((d) => d.id) }, status: 'available' }, { status: 'expired' }, ACROSS_SCHOOLS);
    return due.map((row) => toCredit({ ...row, status: 'expired' }));
  }
}

@Injectable()
export class MikroOrmSchedulingPolicyRepository extends SchedulingPolicyRepository {
  constructor(private readonly em: EntityManager) {
    super();
  }
  async get(): Promise<SchedulingPolicy | null> {
    const row = await this.em.findOne(PolicySchema, {}, NO_MAP);
    return row ? SchedulingPolicy.restore({ ...row, schoolId: asId<SchoolId>(row.schoolId) }) : null;
  }
  async save(policy: SchedulingPolicy): Promise<void> {
    await this.em.upsert(PolicySchema, policy.snapshot());
  }
}

/** Scheduling's integration events, into the outbox of the current unit of work. */
@Injectable()
export class OutboxSchedulingEvents extends SchedulingEvents {
  constructor(private readonly outbox: OutboxWriter) {
    super();
  }
  async publish(events: readonly SchedulingEvent[]): Promise<void> {
    for (const event of events) {
      const { schoolId, occurredAt, type, ...payload } = event;
      await this.outbox.append({ schoolId, type, occurredAt, payload });
    }
  }
}

export { requestToRow, lessonToRow };
