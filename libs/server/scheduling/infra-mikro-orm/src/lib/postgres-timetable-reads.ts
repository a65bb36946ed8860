import { createHash } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { currentSchool, preparedStatement, queryPrepared, type PreparedStatement } from '@cadenza/server/platform/db';
import { asId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import {
  Availability,
  Closure,
  Room,
  Term,
  TimetableReads,
  type TimetableEntry,
  type TimetableRead,
  type TimetableReadQuery,
  type RoomId,
  type TermId,
} from '@cadenza/server/scheduling/domain';
import { type RoomRow } from './entities.js';
import { toLessonType, type CalendarRow } from './rows.js';
import { busyLessons } from './busy-lessons.js';

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
