import { Migration } from '@mikro-orm/migrations';

/**
 * Attachments, the school's retention and attachment-size policy, and the one way messages may be
 * removed: by the retention sweep, which says so for its own transaction (`cadenza.messaging_purge`).
 * A person's request can never set that, so versions stay append-only to everyone else.
 */
export class Migration20261123001100_messaging_attachments_policy_retention extends Migration {
  override up(): void {
    this.addSql(`
alter table messaging_policies
  add column retention_days integer not null default 730 check (retention_days between 30 and 3650),
  add column max_attachment_bytes integer not null default 10485760 check (max_attachment_bytes between 65536 and 26214400);

create table message_attachments (
  id uuid primary key,
  school_id uuid not null references schools (id),
  thread_id uuid not null references message_threads (id),
  message_id uuid references messages (id),
  uploaded_by uuid not null references users (id),
  uploaded_at timestamptz not null,
  name text not null check (length(name) between 1 and 120),
  content_type text not null check (length(content_type) between 3 and 100),
  size integer not null check (size between 1 and 26214400),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$')
);
create index message_attachments_message_idx on message_attachments (message_id) where message_id is not null;
create index message_attachments_thread_idx on message_attachments (thread_id);
create index message_attachments_sha_idx on message_attachments (school_id, sha256);
create index message_attachments_uploader_idx on message_attachments (school_id, uploaded_by, uploaded_at);

-- Versions stay append-only, except inside a retention purge's own transaction.
create or replace function message_versions_append_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' and current_setting('cadenza.messaging_purge', true) = 'on' then
    return old;
  end if;
  raise exception 'message_versions is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
end;
$$;
`);
  }
}
