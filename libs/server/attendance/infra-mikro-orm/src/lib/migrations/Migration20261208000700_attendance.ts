import { Migration } from '@mikro-orm/migrations';

/**
 * Attendance's tables: its own copy of the school's lessons (kept from scheduling's events; no foreign key into
 * scheduling's tables, which belong to another context), each lesson's register (its actual start and end, when it
 * was delivered), one entry per student marked, every change of an entry (numbered per lesson; append-only: the
 * database refuses to change or remove one), and the school's attendance settings.
 */
export class Migration20261208000700_attendance extends Migration {
  override up(): void {
    this.addSql(`
create table attendance_lessons (
  id uuid primary key,
  school_id uuid not null references schools (id),
  teacher_id uuid not null,
  accompanist_id uuid,
  student_ids uuid[] not null,
  start_at timestamptz not null,
  end_at timestamptz not null,
  cancelled boolean not null default false,
  check (end_at > start_at)
);
create index attendance_lessons_school_start_idx on attendance_lessons (school_id, start_at);
create index attendance_lessons_teacher_idx on attendance_lessons (school_id, teacher_id, start_at);
create index attendance_lessons_accompanist_idx on attendance_lessons (school_id, accompanist_id, start_at) where accompanist_id is not null;

create table attendance_registers (
  school_id uuid not null references schools (id),
  lesson_id uuid not null,
  started_at timestamptz,
  started_by uuid,
  ended_at timestamptz,
  ended_by uuid,
  delivered_at timestamptz,
  primary key (school_id, lesson_id),
  check (ended_at is null or started_at is not null)
);

create table attendance_entries (
  school_id uuid not null references schools (id),
  lesson_id uuid not null,
  student_id uuid not null,
  status text not null check (status in ('present', 'late', 'absent_notice', 'absent_no_notice', 'excused')),
  late_minutes integer check (late_minutes between 1 and 240),
  note text check (length(note) <= 500),
  marked_by uuid not null,
  marked_at timestamptz not null,
  primary key (lesson_id, student_id),
  foreign key (school_id, lesson_id) references attendance_registers (school_id, lesson_id),
  check ((status = 'late') = (late_minutes is not null))
);
create index attendance_entries_student_idx on attendance_entries (school_id, student_id);

create table attendance_register_changes (
  id uuid primary key,
  school_id uuid not null references schools (id),
  lesson_id uuid not null,
  student_id uuid not null,
  ordinal integer not null,
  from_status text,
  from_late_minutes integer,
  from_note text,
  to_status text not null,
  to_late_minutes integer,
  to_note text,
  changed_by uuid not null,
  changed_at timestamptz not null,
  reason text check (length(reason) <= 500),
  foreign key (school_id, lesson_id) references attendance_registers (school_id, lesson_id)
);
create unique index attendance_register_changes_lesson_idx on attendance_register_changes (school_id, lesson_id, ordinal);

create function attendance_register_changes_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'attendance_register_changes is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
end;
$$;
create trigger attendance_register_changes_append_only before update or delete on attendance_register_changes
  for each row execute function attendance_register_changes_append_only();

create table attendance_settings (
  school_id uuid primary key references schools (id),
  early_marking_minutes integer not null check (early_marking_minutes between 0 and 60),
  marking_window_days integer not null check (marking_window_days between 0 and 60),
  on_time_grace_minutes integer not null check (on_time_grace_minutes between 0 and 60)
);
`);
  }
}
