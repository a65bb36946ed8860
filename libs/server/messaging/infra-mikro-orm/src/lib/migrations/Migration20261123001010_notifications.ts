import { Migration } from '@mikro-orm/migrations';

export class Migration20261123001010_notifications extends Migration {
  override up(): void {
    this.addSql(`
-- The in-app feed: one entry per person and cause (source_key), however often the cause is handled.
create table notifications (
  id uuid primary key,
  school_id uuid not null references schools (id),
  user_id uuid not null references users (id),
  type text not null check (type in ('lesson.reminder', 'lesson.changed', 'lesson-request.updated', 'message.received', 'message.flagged')),
  source_key text not null,
  title text not null,
  body text not null,
  link text,
  created_at timestamptz not null,
  read_at timestamptz,
  unique (user_id, source_key)
);
create index notifications_feed_idx on notifications (user_id, created_at desc, id);
create index notifications_unread_idx on notifications (user_id) where read_at is null;

-- Each person's choices; no row means the defaults.
create table notification_preferences (
  user_id uuid primary key references users (id),
  school_id uuid not null references schools (id),
  email jsonb not null,
  quiet_start text check (quiet_start ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  quiet_end text check (quiet_end ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  time_zone text not null,
  reminder_offsets integer[] check (cardinality(reminder_offsets) <= 5),
  updated_at timestamptz not null,
  check ((quiet_start is null) = (quiet_end is null) and (quiet_start is null or quiet_start <> quiet_end))
);

-- The school's reminder defaults; no row means 24 h, 1 h and 30 min before.
create table notification_settings (
  school_id uuid primary key references schools (id),
  reminder_offsets integer[] not null check (cardinality(reminder_offsets) between 1 and 5),
  updated_at timestamptz not null
);

-- The delivery log: one row per send, unique by key (a reminder's key names lesson, person,
-- offset and channel). A reminder is a row first; the queue only triggers it on time.
-- lease_until and claim_token hold a claim; only the claim's holder records the outcome.
create table notification_deliveries (
  id uuid primary key,
  school_id uuid not null references schools (id),
  key text not null unique,
  recipient_id uuid not null references users (id),
  type text not null,
  channel text not null check (channel in ('in_app', 'email')),
  status text not null check (status in ('queued', 'sent', 'failed', 'skipped')),
  reason text,
  attempts integer not null default 0,
  due_at timestamptz not null,
  lease_until timestamptz,
  claim_token uuid,
  sent_at timestamptz,
  lesson_id uuid,
  offset_minutes integer,
  source_key text not null,
  feed jsonb not null,
  email jsonb,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check (status <> 'sent' or sent_at is not null)
);
create index notification_deliveries_due_idx on notification_deliveries (due_at) where status = 'queued';
create index notification_deliveries_lesson_idx on notification_deliveries (lesson_id) where lesson_id is not null;
create index notification_deliveries_log_idx on notification_deliveries (school_id, updated_at desc);
`);
  }
}
