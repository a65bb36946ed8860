import { schoolScoped } from '@cadenza/server/platform/db';

/**
 * The reports' statements. The figures read the reports' summaries (`report-summaries.ts`: a row per lesson not
 * cancelled and per student's place in it, kept from scheduling's lessons and attendance's registers and marks) with
 * scheduling's rooms and closures, attendance's settings, and identity's users and students' profiles; the lessons
 * behind a figure read scheduling's lessons themselves. Each takes the school's time zone (`$2`) and a period of days
 * in it (`$3`–`$4`, both included), and reads the rows that began in the period by their `(school_id, start_at)` index,
 * which holds every column counted. Aggregates, not rows: an entity read would load every lesson and mark of the
 * period into the process to count them.
 */

const PERIOD = `l.start_at >= ($3::date::timestamp at time zone $2::text) and l.start_at < (($4::date + 1)::timestamp at time zone $2::text)`;
/** A student's instrument, as the reports count it: the first on their profile. */
const INSTRUMENT = `coalesce(sp.instruments[1], 'unspecified')`;

export const REPORT_ON_TIME_GRACE = schoolScoped<{ grace: number | null }>(
  'reporting_on_time_grace',
  (school) => `select (select s.on_time_grace_minutes from attendance_settings s where s.school_id = ${school}) as grace`,
);

export const REPORT_ROOMS = schoolScoped<{ id: string; name: string }, [roomId: string | null]>(
  'reporting_rooms',
  (school) => `select r.id, r.name from rooms r where r.school_id = ${school} and (case when $2::uuid is null then r.active else r.id = $2::uuid end) order by r.name, r.id`,
);

export const REPORT_CLOSED_DAYS = schoolScoped<{ day: string }, [from: string, to: string]>(
  'reporting_closed_days',
  (school) => `select distinct to_char(d, 'YYYY-MM-DD') as day
  from closures c, generate_series(greatest(c.start_date, $2::date), least(c.end_date, $3::date), interval '1 day') as d
 where c.school_id = ${school} and c.start_date <= $3::date and c.end_date >= $2::date`,
);

/** Per room and day, the minutes of its lessons within that day's opening (`$5`–`$6`, `HH:mm`). */
export const REPORT_ROOM_BOOKINGS = schoolScoped<{ room_id: string; day: string; booked: number }, [timeZone: string, from: string, to: string, opens: string, closes: string, roomId: string | null]>(
  'reporting_room_bookings',
  (school) => `select b.room_id, to_char(b.day, 'YYYY-MM-DD') as day,
       round(sum(greatest(0, extract(epoch from least(b.local_end, b.day + $6::interval) - greatest(b.local_start, b.day + $5::interval)))) / 60)::int as booked
  from (select l.room_id, (l.start_at at time zone $2::text) as local_start, (l.end_at at time zone $2::text) as local_end,
               (l.start_at at time zone $2::text)::date::timestamp as day
          from reporting_lessons l
         where l.school_id = ${school} and l.room_id is not null and ${PERIOD}
           and ($7::uuid is null or l.room_id = $7::uuid)) as b
 group by b.room_id, b.day`,
);

export interface AttendanceGroupRow {
  key: string;
  label: string;
  lessons: string;
  started: string;
  on_time: string;
  places: string;
  marked: string;
  present: string;
  late: string;
  absent_notice: string;
  absent_no_notice: string;
  excused: string;
}

type AttendanceParams = [timeZone: string, from: string, to: string, grace: number, teacherId: string | null, studentId: string | null, instrument: string | null];

/** Each student's place in each lesson of the period, narrowed by teacher (`$6`), student (`$7`) and instrument (`$8`). */
const places = (school: string) => `select l.lesson_id, l.teacher_id, l.start_at, l.started_at, l.student_id, l.status, ${INSTRUMENT} as instrument
    from reporting_places l
    left join student_profiles sp on sp.school_id = ${school} and sp.user_id = l.student_id
   where l.school_id = ${school} and ${PERIOD}
     and ($6::uuid is null or l.teacher_id = $6::uuid)
     and ($7::uuid is null or l.student_id = $7::uuid)
     and ($8::text is null or ${INSTRUMENT} = $8::text)`;

/**
 * Per group and lesson, whether the lesson was started (on time) and its places' marks; so the groups count each lesson
 * once by summing, without sorting the period's lessons for a distinct count. Three sources give such rows.
 */
const MARK_COUNTS = `count(*) as places,
         count(pl.status) as marked,
         count(*) filter (where pl.status = 'present') as present,
         count(*) filter (where pl.status = 'late') as late,
         count(*) filter (where pl.status = 'absent_notice') as absent_notice,
         count(*) filter (where pl.status = 'absent_no_notice') as absent_no_notice,
         count(*) filter (where pl.status = 'excused') as excused`;
const ON_TIME = (at: string) => `${at}.started_at <= ${at}.start_at + make_interval(mins => $5::int)`;

/** The places grouped by group and lesson: for a group a lesson can be in more than once (an instrument), or narrowed by student or instrument. */
const placesPerLesson = (school: string, key: string) => `select ${key} as key, bool_or(pl.started_at is not null) as started, bool_or(${ON_TIME('pl')}) as on_time,
         ${MARK_COUNTS}
    from (${places(school)}) as pl
   group by 1, pl.lesson_id`;

/** Each place as a lesson of its student's: a student has one place in a lesson. */
const placesOfStudents = (school: string) => `select pl.student_id as key, pl.started_at is not null as started, coalesce(${ON_TIME('pl')}, false) as on_time,
         1 as places, (pl.status is not null)::int as marked, ${(['present', 'late', 'absent_notice', 'absent_no_notice', 'excused'] as const).map((m) => `(pl.status is not distinct from '${m}')::int as ${m}`).join(', ')}
    from (${places(school)}) as pl`;

/** Each lesson with its places' marks counted in the summary: for a group a lesson is in once (its teacher, its week), not narrowed by student or instrument. */
const lessonsOf = (school: string, key: string) => `select ${key} as key, l.started_at is not null as started, coalesce(${ON_TIME('l')}, false) as on_time,
         l.places, l.marked, l.present, l.late, l.absent_notice, l.absent_no_notice, l.excused
    from reporting_lessons l
   where l.school_id = ${school} and ${PERIOD}
     and ($6::uuid is null or l.teacher_id = $6::uuid) and $7::uuid is null and $8::text is null`;

const COUNTS = `count(*) as lessons,
         count(*) filter (where pg.started) as started,
         count(*) filter (where pg.on_time) as on_time,
         sum(pg.places) as places,
         sum(pg.marked) as marked,
         sum(pg.present) as present,
         sum(pg.late) as late,
         sum(pg.absent_notice) as absent_notice,
         sum(pg.absent_no_notice) as absent_no_notice,
         sum(pg.excused) as excused`;

const WEEK = (at: string) => `to_char(date_trunc('week', ${at}.start_at at time zone $2::text), 'YYYY-MM-DD')`;

/** The counts per group of rows from `source`, labelled with the person's name (teacher, student) or the key itself. */
function attendanceStatement(name: string, named: boolean, source: (school: string) => string) {
  return schoolScoped<AttendanceGroupRow, AttendanceParams>(name, (school) =>
    named
      ? `select g.*, u.name as label from (select pg.key::text as key, ${COUNTS} from (${source(school)}) as pg group by pg.key) as g
  join users u on u.school_id = ${school} and u.id = g.key::uuid
 order by u.name, g.key`
      : `select pg.key, pg.key as label, ${COUNTS} from (${source(school)}) as pg group by 1 order by 1`,
  );
}

/**
 * The counts per teacher or student (labelled with their name), per instrument or per week. By teacher and by week
 * they read a row per lesson; narrowed by student or instrument, by teacher and by week read the places
 * (`REPORT_ATTENDANCE_OF_PLACES`).
 */
export const REPORT_ATTENDANCE = {
  teacher: attendanceStatement('reporting_attendance_by_teacher', true, (school) => lessonsOf(school, 'l.teacher_id')),
  student: attendanceStatement('reporting_attendance_by_student', true, placesOfStudents),
  instrument: attendanceStatement('reporting_attendance_by_instrument', false, (school) => placesPerLesson(school, 'pl.instrument')),
  week: attendanceStatement('reporting_attendance_by_week', false, (school) => lessonsOf(school, WEEK('l'))),
};

/** By teacher and by week, narrowed by student or instrument: the places, each lesson counted once in its group. */
export const REPORT_ATTENDANCE_OF_PLACES = {
  teacher: attendanceStatement('reporting_attendance_of_places_by_teacher', true, (school) => placesPerLesson(school, 'pl.teacher_id')),
  week: attendanceStatement('reporting_attendance_of_places_by_week', false, (school) => placesPerLesson(school, WEEK('pl'))),
};

export interface StudentMarksRow {
  student_id: string;
  name: string;
  instrument: string;
  marks: string[];
  last_lesson_at: Date | string | null;
  previous_marked: string;
  previous_attended: string;
  previous_excused: string;
}

/**
 * Each student's marks from the previous period's first day (`$5`) to the period's last: in lesson order within the
 * period (from `$3`), counted before it; narrowed by teacher (`$6`) and instrument (`$7`).
 */
export const REPORT_STUDENT_MARKS = schoolScoped<StudentMarksRow, [timeZone: string, from: string, to: string, previousFrom: string, teacherId: string | null, instrument: string | null]>(
  'reporting_student_marks',
  (school) => `select m.student_id, u.name, m.instrument,
       coalesce(array_agg(m.status order by m.start_at, m.lesson_id) filter (where m.current), '{}') as marks,
       max(m.start_at) filter (where m.current) as last_lesson_at,
       count(*) filter (where not m.current) as previous_marked,
       count(*) filter (where not m.current and m.status in ('present', 'late')) as previous_attended,
       count(*) filter (where not m.current and m.status = 'excused') as previous_excused
  from (select l.student_id, l.lesson_id, l.start_at, l.status, ${INSTRUMENT} as instrument,
               l.start_at >= ($3::date::timestamp at time zone $2::text) as current
          from reporting_places l
          left join student_profiles sp on sp.school_id = ${school} and sp.user_id = l.student_id
         where l.school_id = ${school} and l.status is not null
           and l.start_at >= ($5::date::timestamp at time zone $2::text) and l.start_at < (($4::date + 1)::timestamp at time zone $2::text)
           and ($6::uuid is null or l.teacher_id = $6::uuid)
           and ($7::text is null or ${INSTRUMENT} = $7::text)) as m
  join users u on u.school_id = ${school} and u.id = m.student_id
 group by m.student_id, u.name, m.instrument`,
);

export interface TeacherHoursSqlRow {
  teacher_id: string;
  name: string;
  period: string;
  lessons: string;
  scheduled_minutes: number;
  delivered: string;
  delivered_minutes: number;
}

/** Per teacher and week or month (`$5`), their lessons and those delivered (the register complete), in minutes as booked. */
export const REPORT_TEACHER_HOURS = schoolScoped<TeacherHoursSqlRow, [timeZone: string, from: string, to: string, unit: string, teacherId: string | null]>(
  'reporting_teacher_hours',
  (school) => `select l.teacher_id, u.name, to_char(date_trunc($5::text, l.start_at at time zone $2::text), 'YYYY-MM-DD') as period,
       count(*) as lessons,
       round(sum(extract(epoch from l.end_at - l.start_at)) / 60)::int as scheduled_minutes,
       count(*) filter (where l.delivered_at is not null) as delivered,
       coalesce(round(sum(extract(epoch from l.end_at - l.start_at)) filter (where l.delivered_at is not null) / 60), 0)::int as delivered_minutes
  from reporting_lessons l
  join users u on u.school_id = ${school} and u.id = l.teacher_id
 where l.school_id = ${school} and ${PERIOD}
   and ($6::uuid is null or l.teacher_id = $6::uuid)
 group by l.teacher_id, u.name, 3
 order by u.name, l.teacher_id, 3`,
);

export interface ReportLessonRow {
  id: string;
  start_at: Date | string;
  end_at: Date | string;
  teacher_id: string;
  teacher_name: string;
  room_id: string | null;
  room_name: string | null;
  student_ids: string[];
  started_at: Date | string | null;
  delivered: boolean;
  total: string;
}

/** The lessons behind a figure, in start order, one page (`$11` from `$10`) with how many there are in all. */
export const REPORT_LESSONS = schoolScoped<
  ReportLessonRow,
  [timeZone: string, from: string, to: string, teacherId: string | null, studentId: string | null, roomId: string | null, instrument: string | null, delivered: boolean | null, offset: number, limit: number | null]
>(
  'reporting_lessons',
  (school) => `select l.id, l.start_at, l.end_at, l.teacher_id, u.name as teacher_name, l.room_id, rm.name as room_name, l.student_ids, r.started_at,
       r.delivered_at is not null as delivered, count(*) over () as total
  from lessons l
  join users u on u.school_id = ${school} and u.id = l.teacher_id
  left join rooms rm on rm.school_id = ${school} and rm.id = l.room_id
  left join attendance_registers r on r.school_id = ${school} and r.lesson_id = l.id
 where l.school_id = ${school} and l.status <> 'cancelled' and ${PERIOD}
   and ($5::uuid is null or l.teacher_id = $5::uuid)
   and ($6::uuid is null or $6::uuid = any(l.student_ids))
   and ($7::uuid is null or l.room_id = $7::uuid)
   and ($8::text is null or exists (select 1 from unnest(l.student_ids) as s(id) left join student_profiles sp on sp.school_id = ${school} and sp.user_id = s.id where ${INSTRUMENT} = $8::text))
   and ($9::boolean is null or (r.delivered_at is not null) = $9::boolean)
 order by l.start_at, l.id
 offset $10::int limit $11::int`,
);
