import { Migration } from '@mikro-orm/migrations';

/**
 * Calendar sync's own copy of the school's lessons, kept from scheduling's events (no foreign key into scheduling's
 * tables, which belong to another context), and each person's secret feed, kept as the SHA-256 of its token: one a
 * person, and a token hash names one feed in the whole deployment, as a feed is found by it alone.
 */
export class Migration20261210000600_calendar_feeds extends Migration {
  override up(): void {
    this.addSql(`
create table calendar_sync_lessons (
  id uuid primary key,
  school_id uuid not null references schools (id),
  teacher_id uuid not null,
  accompanist_id uuid,
  student_ids uuid[] not null,
  room_id uuid,
  start_at timestamptz not null,
  end_at timestamptz not null,
  cancelled boolean not null default false,
  changed_at timestamptz not null,
  check (end_at > start_at)
);
create index calendar_sync_lessons_teacher_idx on calendar_sync_lessons (school_id, teacher_id, start_at);
create index calendar_sync_lessons_accompanist_idx on calendar_sync_lessons (school_id, accompanist_id, start_at) where accompanist_id is not null;
create index calendar_sync_lessons_students_idx on calendar_sync_lessons using gin (student_ids);

create table calendar_feeds (
  person_id uuid primary key references users (id),
  school_id uuid not null references schools (id),
  token_hash text not null unique check (length(token_hash) >= 32),
  created_at timestamptz not null
);
`);
  }
}
