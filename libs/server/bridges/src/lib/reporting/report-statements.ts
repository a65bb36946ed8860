import { schoolScoped } from '@cadenza/server/platform/db';

/**
 * The reports' statements, over scheduling's lessons, rooms and closures, attendance's registers, marks and settings,
 * and identity's users and students' profiles. Each takes the school's time zone (`$2`) and a period of days in it
 * (`$3`–`$4`, both included), and reads the lessons that began in the period and were not cancelled by scheduling's
 * start index (`lessons_school_start_idx`); registers and marks are found by their keys. Aggregates, not rows: an entity
 * read would load every lesson and mark of the period into the process to count them.
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
          from lessons l
         where l.school_id = ${school} and l.status <> 'cancelled' and l.room_id is not null and ${PERIOD}
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
const places = (school: string) => `select l.id, l.teacher_id, l.start_at, r.started_at, p.student_id, e.status, ${INSTRUMENT} as instrument,
         date_trunc('week', l.start_at at time zone $2::text)::date as week
    from lessons l
   cross join lateral unnest(l.student_ids) as p(student_id)
    left join attendance_registers r on r.school_id = ${school} and r.lesson_id = l.id
    left join attendance_entries e on e.school_id = ${school} and e.lesson_id = l.id and e.student_id = p.student_id
    left join student_profiles sp on sp.school_id = ${school} and sp.user_id = p.student_id
   where l.school_id = ${school} and l.status <> 'cancelled' and ${PERIOD}
     and ($6::uuid is null or l.teacher_id = $6::uuid)
     and ($7::uuid is null or p.student_id = $7::uuid)
     and ($8::text is null or ${INSTRUMENT} = $8::text)`;

const COUNTS = `count(distinct pl.id) as lessons,
         count(distinct pl.id) filter (where pl.started_at is not null) as started,
         count(distinct pl.id) filter (where pl.started_at <= pl.start_at + make_interval(mins => $5::int)) as on_time,
         count(*) as places,
         count(pl.status) as marked,
         count(*) filter (where pl.status = 'present') as present,
         count(*) filter (where pl.status = 'late') as late,
         count(*) filter (where pl.status = 'absent_notice') as absent_notice,
         count(*) filter (where pl.status = 'absent_no_notice') as absent_no_notice,
         count(*) filter (where pl.status = 'excused') as excused`;

/** The counts per teacher or student (labelled with their name), per instrument or per week. */
function attendanceBy(by: 'teacher' | 'student' | 'instrument' | 'week') {
  const name = `reporting_attendance_by_${by}`;
  if (by === 'teacher' || by === 'student') {
    const column = by === 'teacher' ? 'teacher_id' : 'student_id';
    return schoolScoped<AttendanceGroupRow, AttendanceParams>(
      name,
      (school) => `select g.*, u.name as label from (select pl.${column}::text as key, ${COUNTS} from (${places(school)}) as pl group by pl.${column}) as g
  join users u on u.school_id = ${school} and u.id = g.key::uuid
 order by u.name, g.key`,
    );
  }
  const key = by === 'week' ? `to_char(pl.week, 'YYYY-MM-DD')` : 'pl.instrument';
  return schoolScoped<AttendanceGroupRow, AttendanceParams>(name, (school) => `select ${key} as key, ${key} as label, ${COUNTS} from (${places(school)}) as pl group by 1 order by 1`);
}

export const REPORT_ATTENDANCE = { teacher: attendanceBy('teacher'), student: attendanceBy('student'), instrument: attendanceBy('instrument'), week: attendanceBy('week') };

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
  from (select p.student_id, l.id as lesson_id, l.start_at, e.status, ${INSTRUMENT} as instrument,
               l.start_at >= ($3::date::timestamp at time zone $2::text) as current
          from lessons l
         cross join lateral unnest(l.student_ids) as p(student_id)
          join attendance_entries e on e.school_id = ${school} and e.lesson_id = l.id and e.student_id = p.student_id
          left join student_profiles sp on sp.school_id = ${school} and sp.user_id = p.student_id
         where l.school_id = ${school} and l.status <> 'cancelled'
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
       count(*) filter (where r.delivered_at is not null) as delivered,
       coalesce(round(sum(extract(epoch from l.end_at - l.start_at)) filter (where r.delivered_at is not null) / 60), 0)::int as delivered_minutes
  from lessons l
  join users u on u.school_id = ${school} and u.id = l.teacher_id
  left join attendance_registers r on r.school_id = ${school} and r.lesson_id = l.id
 where l.school_id = ${school} and l.status <> 'cancelled' and ${PERIOD}
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
