import { schoolScoped } from '@cadenza/server/platform/db';
import { timetableRead, type TimetablePeopleSql } from '@cadenza/server/scheduling/infra-mikro-orm';

/**
 * The hand-shaped statements of the adapters that join contexts, each named here and nowhere else, each bound
 * to the school in force (`$1`, see `schoolScoped`): scheduling's directory of people over identity's users, and
 * reporting's dashboard reads over identity's, scheduling's and messaging's tables (one round trip per figure for
 * all the people asked about).
 */

/** A booking's people: ids, roles and names only, prepared: every booking and free-slot search checks its people. */
export const DIRECTORY_PEOPLE = schoolScoped<{ id: string; roles: string[]; name: string; archived: boolean }, [ids: string]>(
  'scheduling_directory_people',
  (school) => `select id, roles, name, left_school_on is not null as archived from users where school_id = ${school} and id = any($2::uuid[])`,
  { prepared: true },
);

/**
 * What messaging's safeguarding rule needs of a thread's people, prepared: every post applies the rule as it stands
 * (through the identity repository's entity reads this one read cost the api more CPU than the rest of the post).
 */
export const MESSAGING_PEOPLE = schoolScoped<
  { id: string; name: string; roles: string[]; date_of_birth: string | null; safeguarding_lead: boolean; archived: boolean },
  [ids: string]
>(
  'messaging_directory_people',
  (school) =>
    `select id, name, roles, to_char(date_of_birth, 'YYYY-MM-DD') as date_of_birth, safeguarding_lead, left_school_on is not null as archived from users where school_id = ${school} and id = any($2::uuid[]) order by name`,
  { prepared: true },
);

/**
 * The same people as scheduling's timetable statement reads them (`TimetablePeopleSql`): the school is `$1`,
 * the ids `$11`. A booking checks its people and its timetable in one round trip.
 */
export const TIMETABLE_PEOPLE: TimetablePeopleSql = {
  sql: `(select coalesce(json_agg(json_build_object('id', u.id, 'roles', u.roles, 'name', u.name, 'archived', u.left_school_on is not null)), '[]') from users u where u.school_id = $1 and u.id = any($11::uuid[]))`,
};

/** Scheduling's timetable read with the directory's people, as the app runs it. */
export const TIMETABLE_READ = timetableRead(TIMETABLE_PEOPLE);

export interface DashboardPersonRow {
  id: string;
  roles: string[];
  safeguarding_lead: boolean;
}

export const DASHBOARD_TIME_ZONE = schoolScoped<{ time_zone: string }>('reporting_time_zone', (school) => `select time_zone from schools where id = ${school}`);

export const DASHBOARD_PEOPLE = schoolScoped<DashboardPersonRow, [ids: string]>(
  'reporting_people',
  (school) => `select id, roles, safeguarding_lead from users where school_id = ${school} and id = any($2::uuid[])`,
);

export const DASHBOARD_ADMINS = schoolScoped<DashboardPersonRow>(
  'reporting_admins',
  (school) => `select id, roles, safeguarding_lead from users where school_id = ${school} and 'admin' = any(roles)`,
);

export const DASHBOARD_GUARDIANS_OF = schoolScoped<{ guardian_id: string }, [studentIds: string]>(
  'reporting_guardians_of',
  (school) => `select distinct guardian_id from guardian_access where school_id = ${school} and child_id = any($2::uuid[])`,
);

export const DASHBOARD_CHILDREN_OF = schoolScoped<{ guardian_id: string; child_id: string }, [parentIds: string]>(
  'reporting_children_of',
  (school) => `select distinct guardian_id, child_id from guardian_access where school_id = ${school} and guardian_id = any($2::uuid[]) order by guardian_id, child_id`,
);

/** The school's figures for a day: lessons today and running now, free rooms now, pending requests, flags. */
export const DASHBOARD_SCHOOL_FIGURES = schoolScoped<
  { today: string; running: string; checked_in: string; missing: string; free: string; pending: string; flags: string },
  [dayStart: Date, dayEnd: Date, now: Date]
>(
  'reporting_school_figures',
  // Lessons are shorter than a day, so a start after `day.start - 24 h` bounds the scan of the start index. A lesson
  // is in progress while not ended (attendance's End lesson) and before its end, from its start or from an early
  // start; a register is missing once its lesson (attendance's copy, starting that day) ended without every student
  // marked.
  (school) => `with live as (
         select l.id, l.room_id, l.start_at, l.end_at,
                (r.ended_at is null and l.end_at > $4::timestamptz and (l.start_at <= $4::timestamptz or r.started_at is not null)) as in_progress
           from lessons l
           left join attendance_registers r on r.school_id = ${school} and r.lesson_id = l.id
          where l.school_id = ${school} and l.status <> 'cancelled'
            and l.start_at >= $2::timestamptz - interval '24 hours' and l.start_at < $3::timestamptz and l.end_at > $2::timestamptz),
       ended as (
         select cardinality(al.student_ids) as students,
                (select count(*) from attendance_entries e where e.school_id = ${school} and e.lesson_id = al.id and e.student_id = any(al.student_ids)) as marked
           from attendance_lessons al
          where al.school_id = ${school} and not al.cancelled and al.start_at >= $2::timestamptz and al.start_at < $3::timestamptz and al.end_at <= $4::timestamptz)
       select (select count(*) from live) as today,
              (select count(*) from live where in_progress) as running,
              (select count(*) from live join attendance_entries e on e.school_id = ${school} and e.lesson_id = live.id
                where live.in_progress and e.status in ('present', 'late')) as checked_in,
              (select count(*) from ended where marked < students) as missing,
              (select count(*) from rooms r where r.school_id = ${school} and r.active
                  and not exists (select 1 from live where live.room_id = r.id and live.start_at <= $4::timestamptz and live.end_at > $4::timestamptz)) as free,
              (select count(*) from lesson_requests q where q.school_id = ${school} and q.status = 'pending') as pending,
              (select count(*) from message_flags f where f.school_id = ${school}) as flags`,
);

/** Lessons per audience over a range: one scan of the attendees' range index for everyone asked about; a lesson counts once per audience. */
export const DASHBOARD_LESSON_COUNTS = schoolScoped<{ key: string; lessons: string }, [keys: string, people: string, from: Date, to: Date]>(
  'reporting_lesson_counts',
  (school) => `select a.key, count(distinct la.lesson_id) as lessons
         from lesson_attendees la
         join unnest($2::uuid[], $3::uuid[]) as a(key, person) on la.person_id = a.person
        where la.school_id = ${school} and la.active and la.during && tstzrange($4::timestamptz, $5::timestamptz, '[)')
        group by a.key`,
);

/** Each person's unread messages (others' messages after their read receipt), in their threads. */
export const DASHBOARD_UNREAD_MESSAGES = schoolScoped<{ user_id: string; unread: string }, [userIds: string]>(
  'reporting_unread_messages',
  (school) => `select tp.user_id, count(m.id) as unread
         from message_thread_participants tp
         join message_threads t on t.id = tp.thread_id and t.school_id = ${school}
         left join message_read_receipts r on r.thread_id = tp.thread_id and r.user_id = tp.user_id and r.school_id = ${school}
         join messages m on m.thread_id = tp.thread_id and m.school_id = ${school} and m.seq > coalesce(r.last_read_seq, 0) and m.author_id <> tp.user_id
        where tp.school_id = ${school} and tp.user_id = any($2::uuid[]) and t.last_seq > coalesce(r.last_read_seq, 0)
        group by tp.user_id`,
);

export interface PeoplePageRow {
  total: string;
  items: { id: string; name: string; email: string | null; roles: string[]; date_of_birth: string | null; left_school_on: string | null; teachers: { id: string; name: string }[] }[];
}

/**
 * identity's people list: one page of the school's students or staff, filtered, sorted and counted in one round trip.
 * Who teaches whom comes from scheduling's lessons (not cancelled, starting within the teaching window): the teacher
 * filter reads one teacher's lessons by `lessons_teacher_time_idx`, and each listed student's teachers come through
 * `lesson_attendees` by its (person, time) index, for the page's rows only. Parameters: the kind (`students`, `staff`),
 * the teacher or null, the window, a `like` pattern or null, the status (`active`, `archived`, `all`), minors
 * (`only`, `none`) or null and the last birthday of an adult (identity's `minorOn`: a student without a date of birth is a
 * minor, anyone else without one an adult), the sort key and direction, the offset and the limit, and a `like` pattern
 * of an instrument or null (students by their profile's instruments, staff by their teaching profile's, each profile
 * found by its user).
 */
export const PEOPLE_PAGE = schoolScoped<
  PeoplePageRow,
  [
    kind: string,
    taughtBy: string | null,
    from: Date,
    to: Date,
    pattern: string | null,
    status: string,
    minors: string | null,
    adultsBornBy: string,
    sort: string,
    direction: string,
    offset: number,
    limit: number,
    instrument: string | null,
  ]
>(
  'identity_people_page',
  (school) => `
with taught as (
  select distinct s.id
  from lessons l cross join lateral unnest(l.student_ids) as s(id)
  where l.school_id = ${school} and l.teacher_id = $3::uuid and l.start_at >= $4::timestamptz and l.start_at < $5::timestamptz and l.status <> 'cancelled'
), matched as materialized (
  select u.id, u.name, u.email, u.roles, u.date_of_birth, u.left_school_on
  from users u
  where u.school_id = ${school}
    and case when $2::text = 'students' then 'student' = any (u.roles) else u.roles && array['admin', 'teacher', 'accompanist'] end
    and ($3::uuid is null or u.id in (select id from taught))
    and ($6::text is null or u.name ilike $6::text or u.email ilike $6::text)
    and ($7::text = 'all' or ($7::text = 'archived') = (u.left_school_on is not null))
    and ($8::text is null or ($8::text = 'only') = coalesce(u.date_of_birth > $9::date, 'student' = any(u.roles)))
    and ($14::text is null or u.id in (
      select sp.user_id from student_profiles sp
      where sp.school_id = ${school} and $2::text = 'students' and exists (select 1 from unnest(sp.instruments) i where i ilike $14::text)
      union all
      select tp.user_id from teacher_profiles tp
      where tp.school_id = ${school} and $2::text = 'staff' and exists (select 1 from unnest(tp.instruments) i where i ilike $14::text)
    ))
), page as (
  select m.*, row_number() over (
    order by
      case when $10::text = 'name' and $11::text = 'asc' then m.name end asc,
      case when $10::text = 'name' and $11::text = 'desc' then m.name end desc,
      case when $10::text = 'email' and $11::text = 'asc' then m.email end asc,
      case when $10::text = 'email' and $11::text = 'desc' then m.email end desc,
      case when $10::text = 'dateOfBirth' and $11::text = 'asc' then m.date_of_birth end asc,
      case when $10::text = 'dateOfBirth' and $11::text = 'desc' then m.date_of_birth end desc,
      case when $10::text = 'leftSchoolOn' and $11::text = 'asc' then m.left_school_on end asc,
      case when $10::text = 'leftSchoolOn' and $11::text = 'desc' then m.left_school_on end desc,
      case when $11::text = 'asc' then m.id end asc,
      case when $11::text = 'desc' then m.id end desc
  ) as ord
  from matched m
)
select
  (select count(*) from matched) as total,
  coalesce((
    select json_agg(json_build_object(
      'id', p.id, 'name', p.name, 'email', p.email, 'roles', p.roles, 'date_of_birth', p.date_of_birth, 'left_school_on', p.left_school_on,
      'teachers', case when $2::text = 'students' then (
        select coalesce(json_agg(json_build_object('id', t.id, 'name', t.name) order by t.name, t.id), '[]')
        from users t
        where t.school_id = ${school} and t.id in (
          select l.teacher_id from lesson_attendees a join lessons l on l.id = a.lesson_id and l.school_id = ${school}
          where a.school_id = ${school} and a.person_id = p.id and a.role = 'student' and a.active and a.during && tstzrange($4::timestamptz, $5::timestamptz, '[)') and lower(a.during) >= $4::timestamptz
        )
      ) else '[]' end
    ) order by p.ord)
    from (select * from page where ord > $12::int order by ord limit $13::int) p
  ), '[]') as items`,
);
export * from './reporting/report-statements.js';
