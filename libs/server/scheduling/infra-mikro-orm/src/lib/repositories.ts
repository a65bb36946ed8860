import { Injectable } from '@nestjs/common';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { ACROSS_SCHOOLS, OutboxWriter, currentSchool } from '@cadenza/server/platform/db';
import { DomainError, asId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
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
  Term,
  type BusyQuery,
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
    const message = e instanceof Error ? `${e.message}\n${(e as { where?: unknown }).where ?? ''}` : '';
    // 23P01: the exclusion constraint refused it. 40P01: two racing inserts each waited on the
    // other's row and PostgreSQL chose this one to fail: the other booking won, the same outcome.
    if (code === '23P01' || code === '40P01' || /exclusion constraint|deadlock detected/.test(message)) {
      const s = lesson.snapshot();
      const room = /lessons_room_overlap/.test(message);
      const person = /\(person_id, during\)=\(([0-9a-f-]{36})/.exec(message)?.[1];
      const kind = room ? 'room' : person === s.teacherId ? 'teacher' : person && person === s.accompanistId ? 'accompanist' : 'student';
      const refusal = new DomainError('SCHEDULING.CONFLICT', 'conflict', 'Someone booked this time a moment ago.', {
        conflicts: [
          {
            kind,
            severity: 'hard',
            id: room ? s.roomId : (person ?? null),
            start: s.start,
            end: s.end,
            message: room ? 'The room was booked for this time a moment ago.' : 'A person in this lesson was booked for this time a moment ago.',
          },
        ],
        suggestions: [],
      });
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
    const row = await this.em.findOne(RoomSchema, { id }, NO_MAP);
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

@Injectable()
export class MikroOrmLessonRepository extends LessonRepository {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async add(lessons: readonly Lesson[]): Promise<void> {
    if (lessons.length === 0) return;
    for (const lesson of lessons) {
      try {
        await this.em.insert(LessonSchema, lessonToRow(lesson));
      } catch (error) {
        rethrowOverlap(error, lesson);
      }
    }
  }

  async update(lesson: Lesson): Promise<void> {
    const { id, schoolId: _school, ...rest } = lessonToRow(lesson);
    try {
      await this.em.nativeUpdate(LessonSchema, { id }, rest);
    } catch (error) {
      rethrowOverlap(error, lesson);
    }
  }

  async byId(id: LessonId): Promise<Lesson | null> {
    const row = await this.em.findOne(LessonSchema, { id }, NO_MAP);
    return row ? lessonFromRow(row) : null;
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
      `select l.* from lessons l
        where l.school_id = ? and l.status <> 'cancelled' and l.during && tstzrange(?, ?, '[)')
          and (l.id in (select a.lesson_id from lesson_attendees a
                         where a.active and a.person_id = any(?::uuid[]) and a.during && tstzrange(?, ?, '[)'))
               or l.room_id = any(?::uuid[]))
        order by l.start_at`,
      [currentSchool(this.em), query.from, query.to, `{${people.join(',')}}`, query.from, query.to, `{${rooms.join(',')}}`],
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

/** The conditions of the calendar's read (`inRange`), shared by its fingerprint so the two always agree. */
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
 * The calendar's fingerprint, in one aggregate over the rows `inRange` would read: how many there are, and
 * a hash over each row's id and `xmin` (the transaction that wrote that version of the row). Every insert or
 * update gives a row a new `xmin`, a row that leaves the range (moved, cancelled) drops out of the set, a
 * deleted one too; so any change to the answer changes the set of (id, xmin) pairs and, short of a 64-bit
 * hash collision, the fingerprint. A rolled-back change leaves the old row version, and the fingerprint, as
 * they were.
 */
@Injectable()
export class PostgresCalendarVersions extends CalendarVersions {
  constructor(private readonly em: EntityManager) {
    super();
  }
  async ofRange(query: LessonQuery): Promise<string> {
    const { conditions, params } = rangeConditions(this.em, query);
    const [row] = await this.em.getConnection().execute<{ v: string }[]>(
      `select count(*)::text || '.' || coalesce(bit_xor(hashtextextended(l.id::text || ':' || l.xmin::text, 0)), 0)::text as v
         from lessons l where ${conditions.join(' and ')}`,
      params,
    );
    return row?.v ?? '';
  }
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
