import { Migration } from '@mikro-orm/migrations';

/**
 * Scheduling tables. PostgreSQL enforces what the domain checks: nobody is in two
 * lessons at once (teacher, accompanist and every student, through `lesson_attendees`)
 * and no room holds two lessons at once, ignoring cancelled lessons, with exclusion
 * constraints on `tstzrange` (btree_gist), so two racing bookings cannot both win.
 */
export class Migration20261123000300_scheduling extends Migration {
  override up(): void {
    this.addSql(`
create extension if not exists btree_gist;

create table rooms (
  id uuid primary key,
  school_id uuid not null references schools (id),
  name text not null check (length(name) between 1 and 80),
  capacity integer not null check (capacity between 1 and 500),
  features text[] not null default '{}',
  active boolean not null default true,
  unique (school_id, name)
);

create table terms (
  id uuid primary key,
  school_id uuid not null references schools (id),
  name text not null check (length(name) between 1 and 80),
  start_date date not null,
  end_date date not null,
  check (end_date >= start_date)
);
create index terms_school_idx on terms (school_id, start_date);

create table closures (
  id uuid primary key,
  school_id uuid not null references schools (id),
  name text not null check (length(name) between 1 and 80),
  start_date date not null,
  end_date date not null,
  check (end_date >= start_date)
);
create index closures_school_idx on closures (school_id, start_date);

create table lesson_types (
  id uuid primary key,
  school_id uuid not null references schools (id),
  name text not null check (length(name) between 1 and 80),
  duration_minutes integer not null check (duration_minutes between 5 and 480),
  format text not null check (format in ('individual', 'group')),
  rate_minor bigint check (rate_minor >= 0),
  unique (school_id, name)
);

create table availabilities (
  person_id uuid primary key references users (id),
  school_id uuid not null references schools (id),
  windows jsonb not null default '[]',
  exceptions jsonb not null default '[]',
  buffer_minutes integer not null default 0 check (buffer_minutes between 0 and 120)
);

create table lesson_series (
  id uuid primary key,
  school_id uuid not null references schools (id),
  teacher_id uuid not null references users (id),
  student_ids uuid[] not null check (cardinality(student_ids) between 1 and 40),
  room_id uuid references rooms (id),
  accompanist_id uuid references users (id),
  lesson_type_id uuid references lesson_types (id),
  term_id uuid not null references terms (id),
  rrule text not null,
  start_time text not null check (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  duration_minutes integer not null check (duration_minutes between 5 and 480),
  first_date date not null,
  until_date date not null,
  time_zone text not null,
  check (until_date >= first_date)
);

create table lessons (
  id uuid primary key,
  school_id uuid not null references schools (id),
  teacher_id uuid not null references users (id),
  room_id uuid references rooms (id),
  accompanist_id uuid references users (id),
  lesson_type_id uuid references lesson_types (id),
  series_id uuid references lesson_series (id),
  makeup_credit_id uuid,
  student_ids uuid[] not null check (cardinality(student_ids) between 1 and 40),
  start_at timestamptz not null,
  end_at timestamptz not null,
  during tstzrange generated always as (tstzrange(start_at, end_at, '[)')) stored,
  status text not null check (status in ('scheduled', 'cancelled', 'completed')),
  cancellation jsonb,
  check (end_at > start_at and end_at - start_at < interval '24 hours'),
  constraint lessons_room_overlap exclude using gist (room_id with =, during with &&)
    where (status <> 'cancelled' and room_id is not null)
);
create index lessons_school_time_idx on lessons using gist (school_id, during);
create index lessons_school_start_idx on lessons (school_id, start_at);
create index lessons_teacher_time_idx on lessons (teacher_id, start_at);
create index lessons_room_time_idx on lessons (room_id, start_at) where room_id is not null;
create index lessons_series_idx on lessons (series_id) where series_id is not null;

-- Everyone taking part in a lesson, whatever their role, for the one rule that
-- covers them all: a person is in one lesson at a time.
create table lesson_attendees (
  lesson_id uuid not null references lessons (id) on delete cascade,
  person_id uuid not null references users (id),
  school_id uuid not null references schools (id),
  role text not null check (role in ('teacher', 'accompanist', 'student')),
  during tstzrange not null,
  active boolean not null,
  primary key (lesson_id, person_id),
  constraint lesson_attendees_person_overlap exclude using gist (person_id with =, during with &&) where (active)
);
create index lesson_attendees_person_time_idx on lesson_attendees using gist (person_id, during) where (active);

-- Attendees follow their lesson: written on insert, moved and deactivated with it.
create function lessons_sync_attendees() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' then
    delete from lesson_attendees where lesson_id = new.id;
  end if;
  insert into lesson_attendees (lesson_id, person_id, school_id, role, during, active)
  select new.id, p.person_id, new.school_id, p.role, new.during, new.status <> 'cancelled'
  from (
    select new.teacher_id as person_id, 'teacher' as role
    union all select new.accompanist_id, 'accompanist' where new.accompanist_id is not null
    union all select s, 'student' from unnest(new.student_ids) as s
  ) p;
  return new;
end;
$$;
create trigger lessons_attendees_insert after insert on lessons
  for each row execute function lessons_sync_attendees();
create trigger lessons_attendees_update after update of start_at, end_at, status, teacher_id, accompanist_id, student_ids on lessons
  for each row execute function lessons_sync_attendees();

create table makeup_credits (
  id uuid primary key,
  school_id uuid not null references schools (id),
  student_id uuid not null references users (id),
  origin_lesson_id uuid not null references lessons (id),
  granted_at timestamptz not null,
  expires_at timestamptz not null,
  status text not null check (status in ('available', 'used', 'expired')),
  used_on_lesson_id uuid references lessons (id),
  -- One credit per student per cancelled lesson, however often the cancellation is replayed.
  unique (origin_lesson_id, student_id),
  check ((status = 'used') = (used_on_lesson_id is not null))
);
create index makeup_credits_due_idx on makeup_credits (expires_at) where status = 'available';
alter table lessons add constraint lessons_makeup_credit_fk foreign key (makeup_credit_id) references makeup_credits (id) deferrable initially deferred;

create table lesson_requests (
  id uuid primary key,
  school_id uuid not null references schools (id),
  kind text not null check (kind in ('new_lesson', 'new_series', 'reschedule', 'cancellation')),
  status text not null check (status in ('pending', 'approved', 'declined', 'countered', 'withdrawn')),
  requested_by uuid not null references users (id),
  student_id uuid not null references users (id),
  teacher_id uuid not null references users (id),
  lesson_id uuid references lessons (id),
  proposed jsonb,
  series jsonb,
  counter jsonb,
  message text,
  decision jsonb,
  policy jsonb,
  created_at timestamptz not null
);
create index lesson_requests_queue_idx on lesson_requests (school_id, status, created_at);

create table scheduling_policies (
  school_id uuid primary key references schools (id),
  cancellation_notice_hours integer not null check (cancellation_notice_hours between 0 and 336),
  makeup_credit_days integer not null check (makeup_credit_days between 1 and 365)
);
`);
  }
}
