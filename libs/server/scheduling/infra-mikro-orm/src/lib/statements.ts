import { createHash } from 'node:crypto';
import { schoolScoped, type SchoolScoped } from '@cadenza/server/platform/db';
import type { RoomRow } from './entities.js';
import { busyLessons } from './busy-lessons.js';
import type { CalendarRow, RawLesson } from './rows.js';

/**
 * Scheduling's hand-shaped statements, each named here and nowhere else, each bound to the school in force
 * (`$1`, see `schoolScoped`). Each is hand-shaped for a measured target: bookings and free-slot searches (the
 * lesson insert behind its slot locks, the conflict checker's reads) and the week calendar (its range read
 * and version); every other read and write of scheduling is an entity call.
 */

/** A lesson, written in plain SQL: every booking writes here, where the ORM's overhead outweighs the insert. */
export const LESSON_INSERT = schoolScoped<
  never,
  [
    id: string,
    teacherId: string,
    roomId: string | null,
    accompanistId: string | null,
    lessonTypeId: string | null,
    seriesId: string | null,
    makeupCreditId: string | null,
    studentIds: string,
    start: Date,
    end: Date,
    status: string,
    cancellation: string | null,
  ]
>(
  'scheduling_lesson_insert',
  (school) => `insert into lessons (id, school_id, teacher_id, room_id, accompanist_id, lesson_type_id, series_id, makeup_credit_id, student_ids, start_at, end_at, status, cancellation)
   values ($2, ${school}, $3, $4, $5, $6, $7, $8, $9::uuid[], $10, $11, $12, $13::jsonb)`,
);

/** Lessons by id (a `uuid[]` literal). */
export const LESSONS_BY_IDS = schoolScoped<RawLesson, [ids: string]>(
  'scheduling_lessons_by_ids',
  (school) => `select l.* from lessons l where l.school_id = ${school} and l.id = any($2::uuid[])`,
);

/**
 * The calendar's read: one indexed range scan, mapped straight to lessons (a week of a large school is thousands
 * of rows). Lessons are shorter than a day, so a start after `from - 24 h` bounds the scan of the start index.
 * Each filter is a parameter that is null when unused; the values are written into the statement, so PostgreSQL
 * folds the unused ones away and plans the same scan as a statement without them.
 */
export const LESSONS_IN_RANGE = schoolScoped<
  RawLesson,
  [startsAfter: Date, to: Date, from: Date, includeCancelled: boolean, teacherId: string | null, roomId: string | null, accompanistId: string | null, studentId: string | null]
>(
  'scheduling_lessons_in_range',
  (school) => `select l.* from lessons l
    where l.school_id = ${school} and l.start_at >= $2 and l.start_at < $3 and l.end_at > $4
      and ($5::boolean or l.status <> 'cancelled')
      and ($6::uuid is null or l.teacher_id = $6::uuid)
      and ($7::uuid is null or l.room_id = $7::uuid)
      and ($8::uuid is null or l.accompanist_id = $8::uuid)
      and ($9::uuid is null or l.student_ids @> array[$9::uuid])
    order by l.start_at, l.id`,
);

/**
 * The calendar's read for some people (a family): their lessons in the range, found through their attendances
 * (`lesson_attendees`, by person) rather than by scanning every lesson of the school in the range. Same filters
 * and order as `LESSONS_IN_RANGE`.
 */
export const LESSONS_OF_PEOPLE_IN_RANGE = schoolScoped<
  RawLesson,
  [
    people: string,
    startsAfter: Date,
    to: Date,
    from: Date,
    includeCancelled: boolean,
    teacherId: string | null,
    roomId: string | null,
    accompanistId: string | null,
    studentId: string | null,
  ]
>(
  'scheduling_lessons_of_people_in_range',
  (school) => `select l.* from lessons l
    where l.school_id = ${school}
      and l.id in (select a.lesson_id from lesson_attendees a where a.school_id = ${school} and a.person_id = any($2::uuid[]))
      and l.start_at >= $3 and l.start_at < $4 and l.end_at > $5
      and ($6::boolean or l.status <> 'cancelled')
      and ($7::uuid is null or l.teacher_id = $7::uuid)
      and ($8::uuid is null or l.room_id = $8::uuid)
      and ($9::uuid is null or l.accompanist_id = $9::uuid)
      and ($10::uuid is null or l.student_ids @> array[$10::uuid])
    order by l.start_at, l.id`,
);

/** The lessons that keep these people (a `uuid[]` literal) or rooms busy over [from, to); see `busyLessons`. */
export const BUSY_LESSONS = schoolScoped<RawLesson, [people: string, from: Date, to: Date, rooms: string]>(
  'scheduling_busy_lessons',
  (school) => `select l.* from ${busyLessons('$2', '$3', '$4', '$5', school)} as l order by l.start_at`,
);

/** A room: every booking with a room checks it. */
export const ROOM_BY_ID = schoolScoped<RoomRow, [id: string]>(
  'scheduling_room_by_id',
  (school) => `select id, school_id as "schoolId", name, capacity, features, active from rooms where school_id = ${school} and id = $2`,
);

/** A makeup credit; one per student per cancelled lesson, so a replayed cancellation grants nothing more. */
export const MAKEUP_CREDIT_INSERT = schoolScoped<
  never,
  [id: string, studentId: string, originLessonId: string, grantedAt: Date, expiresAt: Date, status: string, usedOnLessonId: string | null]
>(
  'scheduling_makeup_credit_insert',
  (school) => `insert into makeup_credits (id, school_id, student_id, origin_lesson_id, granted_at, expires_at, status, used_on_lesson_id)
   values ($2, ${school}, $3, $4, $5, $6, $7, $8) on conflict (origin_lesson_id, student_id) do nothing`,
);

export interface AvailabilityRead {
  schoolId: string;
  personId: string;
  windows: unknown;
  exceptions: unknown;
  bufferMinutes: number;
}

/** The availability of people (a `uuid[]` literal): read on every conflict check. */
export const AVAILABILITIES_OF = schoolScoped<AvailabilityRead, [personIds: string]>(
  'scheduling_availabilities_of',
  (school) => `select school_id as "schoolId", person_id as "personId", windows, exceptions, buffer_minutes as "bufferMinutes"
     from availabilities where school_id = ${school} and person_id = any($2::uuid[])`,
);

const calendarColumns = `id, school_id as "schoolId", name, to_char(start_date, 'YYYY-MM-DD') as "startDate", to_char(end_date, 'YYYY-MM-DD') as "endDate"`;

/** The school's terms by start date, dates as `YYYY-MM-DD` (as the ORM maps them): read on every conflict check. */
export const TERMS = schoolScoped<CalendarRow>('scheduling_terms', (school) => `select ${calendarColumns} from terms where school_id = ${school} order by start_date`);

/** The school's closures by start date. */
export const CLOSURES = schoolScoped<CalendarRow>('scheduling_closures', (school) => `select ${calendarColumns} from closures where school_id = ${school} order by start_date`);

/** The school's closures that overlap [from, to] (dates), by start date. */
export const CLOSURES_OVERLAPPING = schoolScoped<CalendarRow, [to: string, from: string]>(
  'scheduling_closures_overlapping',
  (school) => `select ${calendarColumns} from closures where school_id = ${school} and start_date <= $2::date and end_date >= $3::date order by start_date`,
);

/** The calendar's version (see `PostgresCalendarVersions`), prepared: every calendar read asks it first. */
export const CALENDAR_VERSION = schoolScoped<{ v: string }, [startsAfter: Date, to: Date]>(
  'scheduling_calendar_version',
  (school) => `select coalesce(sum(version), 0)::text as v from calendar_versions
    where school_id = ${school} and week >= date_trunc('week', $2::timestamptz at time zone 'UTC')::date
      and week <= date_trunc('week', $3::timestamptz at time zone 'UTC')::date`,
  { prepared: true },
);

/**
 * How the school's people are read inside the timetable's one statement, so a booking's check of the people it
 * names costs no round trip of its own. Scheduling does not know the tables of the directory (identity's); the
 * app, which knows both, gives a scalar subquery yielding a JSON array of `{ id, roles, name, archived }` for the ids in
 * `$11` (a `uuid[]`) within the school `$1`, the same people `SchoolDirectory.people` gives.
 */
export interface TimetablePeopleSql {
  readonly sql: string;
}

/** A busy lesson as the timetable read sends it: id, teacher, students, room, accompanist, start and end (ms), status. */
export type EntryTuple = [string, string, string[], string | null, string | null, number, number, string];

export interface TimetableRow {
  lessons: EntryTuple[];
  availability: AvailabilityRead[];
  terms: CalendarRow[];
  closures: CalendarRow[];
  room: RoomRow | null;
  lessonType: { id: string; schoolId: string; name: string; durationMinutes: number; format: string; rateMinor: number | null } | null;
  people: { id: string; roles: string[]; name: string; archived: boolean }[];
}

/**
 * The checker's reads in one statement (see `PostgresTimetableReads`), prepared: PostgreSQL parses it once per
 * connection. `people`: the app's subquery for the directory's people (see `TimetablePeopleSql`); the statement's
 * name carries a hash of it.
 */
export const timetableRead = (people: TimetablePeopleSql): SchoolScoped<
  TimetableRow,
  [from: Date, to: Date, people: string, rooms: string, staff: string, closuresTo: string, closuresFrom: string, roomId: string | null, lessonTypeId: string | null, directoryPeople: string]
> =>
  schoolScoped(
    `scheduling_timetable_read_${createHash('sha256').update(people.sql).digest('hex').slice(0, 12)}`,
    (school) => `select
         (select coalesce(json_agg(json_build_array(l.id, l.teacher_id, l.student_ids, l.room_id, l.accompanist_id,
                                                    (extract(epoch from l.start_at) * 1000)::bigint, (extract(epoch from l.end_at) * 1000)::bigint, l.status)
                                   order by l.start_at), '[]')
            from ${busyLessons('$4', '$2', '$3', '$5', school)} as l) as lessons,
         (select coalesce(json_agg(json_build_object('schoolId', v.school_id, 'personId', v.person_id, 'windows', v.windows,
                                                     'exceptions', v.exceptions, 'bufferMinutes', v.buffer_minutes)), '[]')
            from availabilities v where v.school_id = ${school} and v.person_id = any($6::uuid[])) as availability,
         (select coalesce(json_agg(json_build_object('id', t.id, 'schoolId', t.school_id, 'name', t.name, 'startDate', to_char(t.start_date, 'YYYY-MM-DD'),
                                                     'endDate', to_char(t.end_date, 'YYYY-MM-DD')) order by t.start_date), '[]')
            from terms t where t.school_id = ${school}) as terms,
         (select coalesce(json_agg(json_build_object('id', c.id, 'schoolId', c.school_id, 'name', c.name, 'startDate', to_char(c.start_date, 'YYYY-MM-DD'),
                                                     'endDate', to_char(c.end_date, 'YYYY-MM-DD')) order by c.start_date), '[]')
            from closures c where c.school_id = ${school} and c.start_date <= $7::date and c.end_date >= $8::date) as closures,
         (select json_build_object('id', r.id, 'schoolId', r.school_id, 'name', r.name, 'capacity', r.capacity, 'features', r.features, 'active', r.active)
            from rooms r where r.school_id = ${school} and r.id = $9::uuid) as room,
         (select json_build_object('id', t.id, 'schoolId', t.school_id, 'name', t.name, 'durationMinutes', t.duration_minutes, 'format', t.format, 'rateMinor', t.rate_minor)
            from lesson_types t where t.school_id = ${school} and t.id = $10::uuid) as "lessonType",
         ${people.sql} as people`,
    { prepared: true },
  );
