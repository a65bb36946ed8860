import { Migration } from '@mikro-orm/migrations';

/**
 * Messaging tables. Messages are numbered per thread (`seq`, unique with the thread); what a
 * message said is kept in `message_versions`, which the database itself keeps append-only,
 * as it does the audit trail: an edit adds a version, nothing changes or removes one.
 */
export class Migration20261123000500_messaging extends Migration {
  override up(): void {
    this.addSql(`
create table message_threads (
  id uuid primary key,
  school_id uuid not null references schools (id),
  kind text not null check (kind in ('direct', 'family', 'group', 'staff')),
  subject text check (length(subject) between 1 and 120),
  created_by uuid not null references users (id),
  created_at timestamptz not null,
  last_seq integer not null default 0 check (last_seq >= 0),
  last_message_at timestamptz,
  lead_oversight boolean not null default false
);
create index message_threads_activity_idx on message_threads (school_id, (coalesce(last_message_at, created_at)) desc);
create index message_threads_oversight_idx on message_threads (school_id) where lead_oversight;

create table message_thread_participants (
  thread_id uuid not null references message_threads (id) on delete cascade,
  user_id uuid not null references users (id),
  school_id uuid not null references schools (id),
  position integer not null,
  primary key (thread_id, user_id)
);
create index message_thread_participants_user_idx on message_thread_participants (school_id, user_id);

create table messages (
  id uuid primary key,
  school_id uuid not null references schools (id),
  thread_id uuid not null references message_threads (id),
  author_id uuid not null references users (id),
  seq integer not null check (seq >= 1),
  sent_at timestamptz not null,
  unique (thread_id, seq)
);
create index messages_author_time_idx on messages (school_id, author_id, sent_at);

create table message_versions (
  message_id uuid not null references messages (id),
  version integer not null check (version >= 1),
  school_id uuid not null references schools (id),
  body text not null check (length(body) between 1 and 4000),
  at timestamptz not null,
  primary key (message_id, version)
);

-- What was said stays said: the database refuses to change or remove a version.
create function message_versions_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'message_versions is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
end;
$$;
create trigger message_versions_no_update before update or delete on message_versions
  for each row execute function message_versions_append_only();
create trigger message_versions_no_truncate before truncate on message_versions
  for each statement execute function message_versions_append_only();

create table message_read_receipts (
  thread_id uuid not null references message_threads (id),
  user_id uuid not null references users (id),
  school_id uuid not null references schools (id),
  last_read_seq integer not null check (last_read_seq >= 0),
  read_at timestamptz not null,
  primary key (thread_id, user_id)
);
create index message_read_receipts_user_idx on message_read_receipts (school_id, user_id);

create table message_flags (
  id uuid primary key,
  school_id uuid not null references schools (id),
  thread_id uuid not null references message_threads (id),
  message_id uuid not null references messages (id),
  message_version integer not null check (message_version >= 1),
  flagged_by uuid not null references users (id),
  reason text not null check (length(reason) between 1 and 1000),
  created_at timestamptz not null,
  unique (message_id, flagged_by)
);
create index message_flags_school_time_idx on message_flags (school_id, created_at desc);
create index message_flags_thread_idx on message_flags (thread_id);

create table messaging_policies (
  school_id uuid primary key references schools (id),
  minor_threads text not null default 'require_guardian' check (minor_threads in ('require_guardian', 'visible_to_lead'))
);
`);
  }
}
