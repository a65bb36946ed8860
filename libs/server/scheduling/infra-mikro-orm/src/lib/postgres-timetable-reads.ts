import { EntityManager } from '@mikro-orm/postgresql';
import { schoolRows } from '@cadenza/server/platform/db';
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
import { toLessonType } from './rows.js';
import { timetableRead, type EntryTuple, type TimetablePeopleSql } from './statements.js';

export type { TimetablePeopleSql } from './statements.js';

/**
 * The conflict checker's reads in one statement: the busy lessons (as `busyFor`), the staff's availability,
 * the terms and the closures (as `CalendarRepository`), the room and lesson type a booking names
 * and the people it names (through the app's `TimetablePeopleSql`), each aggregated to JSON by PostgreSQL, so a
 * booking or a free-slot search pays one round trip for them. Inside the unit of work when there is one. The app
 * provides it as `TimetableReads`, with its people subquery.
 */
export class PostgresTimetableReads extends TimetableReads {
  private readonly statement: ReturnType<typeof timetableRead>;

  constructor(
    private readonly em: EntityManager,
    people: TimetablePeopleSql,
  ) {
    super();
    this.statement = timetableRead(people);
  }
  async read(query: TimetableReadQuery): Promise<TimetableRead> {
    const people = [...new Set([...query.teacherIds, ...query.studentIds, ...query.accompanistIds])];
    const rooms = [...new Set(query.roomIds)];
    const staff = [...new Set(query.staffIds)];
    const [row] = await schoolRows(this.em, this.statement, [
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
      people: row.people.map((p) => ({ id: asId<UserId>(p.id), roles: [...p.roles], name: p.name, archived: p.archived })),
    };
  }
}

/** What the checker needs of a busy lesson, from its compact row: no aggregate, no copies. */
function toEntry([id, teacherId, studentIds, roomId, accompanistId, start, end, status]: EntryTuple): TimetableEntry {
  return { id, teacherId, studentIds, roomId, accompanistId, start: new Date(start), end: new Date(end), status };
}
