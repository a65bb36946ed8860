import { Migration } from '@mikro-orm/migrations';

/**
 * The reports' summaries, kept by reporting's outbox consumer from scheduling's and attendance's tables (no foreign key
 * into them: they belong to other contexts): a row per lesson not cancelled (`reporting_lessons`: times, teacher, room,
 * when it was started and delivered, and its places' marks counted) and a row per student's place in it (`reporting_places`: the lesson's start,
 * teacher and actual start with the student's mark). Each is read by school (and teacher) and start time through an
 * index that holds every column the reports count, so a period's figures are one index range. Filled here from the rows that exist.
 */
export class Migration20261210000200_report_summaries extends Migration {
  override up(): void {
    this.addSql(`
create table reporting_lessons (
  lesson_id uuid primary key,
  school_id uuid not null references schools (id),
  start_at timestamptz not null,
  end_at timestamptz not null,
  teacher_id uuid not null,
  room_id uuid,
  started_at timestamptz,
  delivered_at timestamptz,
  places integer not null,
  marked integer not null,
  present integer not null,
  late integer not null,
  absent_notice integer not null,
  absent_no_notice integer not null,
  excused integer not null
);
create index reporting_lessons_school_start_idx on reporting_lessons (school_id, start_at)
  include (end_at, teacher_id, room_id, started_at, delivered_at, places, marked, present, late, absent_notice, absent_no_notice, excused);
create index reporting_lessons_teacher_start_idx on reporting_lessons (school_id, teacher_id, start_at)
  include (end_at, room_id, started_at, delivered_at, places, marked, present, late, absent_notice, absent_no_notice, excused);

create table reporting_places (
  lesson_id uuid not null,
  student_id uuid not null,
  school_id uuid not null references schools (id),
  start_at timestamptz not null,
  teacher_id uuid not null,
  started_at timestamptz,
  status text check (status in ('present', 'late', 'absent_notice', 'absent_no_notice', 'excused')),
  primary key (lesson_id, student_id)
);
create index reporting_places_school_start_idx on reporting_places (school_id, start_at) include (lesson_id, student_id, teacher_id, started_at, status);
create index reporting_places_teacher_start_idx on reporting_places (school_id, teacher_id, start_at) include (lesson_id, student_id, started_at, status);

insert into reporting_lessons (lesson_id, school_id, start_at, end_at, teacher_id, room_id, started_at, delivered_at, places, marked, present, late, absent_notice, absent_no_notice, excused)
select l.id, l.school_id, l.start_at, l.end_at, l.teacher_id, l.room_id, r.started_at, r.delivered_at,
       c.places, c.marked, c.present, c.late, c.absent_notice, c.absent_no_notice, c.excused
  from lessons l
  left join attendance_registers r on r.school_id = l.school_id and r.lesson_id = l.id
 cross join lateral (select count(*) as places, count(e.status) as marked,
                            count(*) filter (where e.status = 'present') as present, count(*) filter (where e.status = 'late') as late,
                            count(*) filter (where e.status = 'absent_notice') as absent_notice, count(*) filter (where e.status = 'absent_no_notice') as absent_no_notice,
                            count(*) filter (where e.status = 'excused') as excused
                       from unnest(l.student_ids) as p(student_id)
                       left join attendance_entries e on e.school_id = l.school_id and e.lesson_id = l.id and e.student_id = p.student_id) as c
 where l.status <> 'cancelled';

insert into reporting_places (lesson_id, student_id, school_id, start_at, teacher_id, started_at, status)
select l.id, p.student_id, l.school_id, l.start_at, l.teacher_id, r.started_at, e.status
  from lessons l
 cross join lateral unnest(l.student_ids) as p(student_id)
  left join attendance_registers r on r.school_id = l.school_id and r.lesson_id = l.id
  left join attendance_entries e on e.school_id = l.school_id and e.lesson_id = l.id and e.student_id = p.student_id
 where l.status <> 'cancelled';
`);
  }
}
