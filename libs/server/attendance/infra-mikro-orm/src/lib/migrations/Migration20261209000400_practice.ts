import { Migration } from '@mikro-orm/migrations';

/**
 * Practice and progress: teachers' assignments, students' practice logs with each day's total (at most 24 hours, held
 * by the database too) and teachers' comments, the school's progress scale, students' achievements and targets; and
 * an index of attendance's lessons by student, for who teaches a student.
 */
export class Migration20261209000400_practice extends Migration {
  override up(): void {
    this.addSql(`
create table practice_assignments (
  id uuid primary key,
  school_id uuid not null references schools (id),
  student_id uuid not null,
  set_by uuid not null,
  title text not null check (length(title) between 1 and 200),
  description text check (length(description) <= 4000),
  due_on date not null,
  pieces text[] not null default '{}' check (cardinality(pieces) <= 20),
  links text[] not null default '{}' check (cardinality(links) <= 10),
  set_at timestamptz not null,
  done_at timestamptz,
  done_by uuid,
  check ((done_at is null) = (done_by is null))
);
create index practice_assignments_student_idx on practice_assignments (school_id, student_id, due_on);

create table practice_days (
  school_id uuid not null references schools (id),
  student_id uuid not null,
  day date not null,
  minutes integer not null check (minutes between 0 and 1440),
  primary key (school_id, student_id, day)
);

create table practice_logs (
  id uuid primary key,
  school_id uuid not null references schools (id),
  student_id uuid not null,
  assignment_id uuid references practice_assignments (id),
  practised_on date not null,
  minutes integer not null check (minutes between 1 and 1440),
  note text check (length(note) <= 1000),
  logged_by uuid not null,
  logged_at timestamptz not null,
  foreign key (school_id, student_id, practised_on) references practice_days (school_id, student_id, day)
);
create index practice_logs_student_idx on practice_logs (school_id, student_id, practised_on);

create table practice_comments (
  id uuid primary key,
  school_id uuid not null references schools (id),
  log_id uuid not null references practice_logs (id),
  author_id uuid not null,
  body text not null check (length(body) between 1 and 2000),
  at timestamptz not null
);
create index practice_comments_log_idx on practice_comments (log_id, at);

create table progress_scales (
  school_id uuid primary key references schools (id),
  name text not null check (length(name) between 1 and 100)
);

create table progress_levels (
  id uuid primary key,
  school_id uuid not null references schools (id),
  name text not null check (length(name) between 1 and 100),
  position integer not null
);
create index progress_levels_school_idx on progress_levels (school_id, position);

create table progress_achievements (
  id uuid primary key,
  school_id uuid not null references schools (id),
  student_id uuid not null,
  level_id uuid not null references progress_levels (id),
  achieved_on date not null,
  piece text check (length(piece) <= 200),
  note text check (length(note) <= 1000),
  recorded_by uuid not null,
  recorded_at timestamptz not null
);
create index progress_achievements_student_idx on progress_achievements (school_id, student_id, achieved_on);

create table progress_targets (
  id uuid primary key,
  school_id uuid not null references schools (id),
  student_id uuid not null,
  level_id uuid references progress_levels (id),
  description text not null check (length(description) between 1 and 500),
  due_on date not null,
  recorded_by uuid not null,
  recorded_at timestamptz not null
);
create index progress_targets_student_idx on progress_targets (school_id, student_id, due_on);

-- A student's page asks who teaches them and how they attend.
create index attendance_lessons_students_idx on attendance_lessons using gin (student_ids);
`);
  }
}
