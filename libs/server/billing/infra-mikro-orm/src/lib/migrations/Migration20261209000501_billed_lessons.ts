import { Migration } from '@mikro-orm/migrations';

/**
 * Billing's own copy of the school's lessons, kept from scheduling's and attendance's events (no foreign key into
 * their tables, which belong to other contexts): times, teacher, students, and whether the lesson is still to come,
 * cancelled (late by the family, so charged) or delivered.
 */
export class Migration20261209000501_billed_lessons extends Migration {
  override up(): void {
    this.addSql(`
create table billing_lessons (
  id uuid primary key,
  school_id uuid not null references schools (id),
  teacher_id uuid not null,
  student_ids uuid[] not null,
  start_at timestamptz not null,
  end_at timestamptz not null,
  status text not null check (status in ('scheduled', 'cancelled', 'delivered')),
  late_cancellation boolean not null default false,
  delivered_at timestamptz,
  check (end_at > start_at),
  check (status = 'cancelled' or not late_cancellation)
);
create index billing_lessons_school_start_idx on billing_lessons (school_id, start_at);
`);
  }
}
