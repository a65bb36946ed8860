import { Migration } from '@mikro-orm/migrations';

/**
 * The school's missing-register reminder time and whether guardians hear of absence streaks; and the keyed rows of the
 * alerts attendance has sent, one per school day's reminder and one per absence streak (its first lesson), written in
 * the transaction that publishes the alert so it is never published twice.
 */
export class Migration20261209000300_attendance_alerts extends Migration {
  override up(): void {
    this.addSql(`
alter table attendance_settings
  add column missing_register_reminder_time text not null default '18:00' check (missing_register_reminder_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  add column streak_alerts_to_guardians boolean not null default false;

create table attendance_reminder_days (
  school_id uuid not null references schools (id),
  day date not null,
  sent_at timestamptz not null,
  primary key (school_id, day)
);

create table attendance_streak_alerts (
  school_id uuid not null references schools (id),
  student_id uuid not null,
  first_lesson_id uuid not null,
  sent_at timestamptz not null,
  primary key (school_id, student_id, first_lesson_id)
);
`);
  }
}
