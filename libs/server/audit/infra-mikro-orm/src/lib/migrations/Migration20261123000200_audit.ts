import { Migration } from '@mikro-orm/migrations';

export class Migration20261123000200_audit extends Migration {
  override up(): void {
    this.addSql(`
create table audit_events (
  id uuid primary key,
  school_id uuid not null references schools (id),
  occurred_at timestamptz not null,
  actor_id uuid,
  action text not null,
  entity_type text not null,
  entity_id text,
  ip text,
  user_agent text,
  request_id text,
  before jsonb,
  after jsonb
);
create index audit_events_school_time_idx on audit_events (school_id, occurred_at desc, id desc);
create index audit_events_entity_idx on audit_events (school_id, entity_type, entity_id);

-- The trail is append-only: the database itself refuses to change or remove a row.
create function audit_events_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_events is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
end;
$$;
create trigger audit_events_no_update before update or delete on audit_events
  for each row execute function audit_events_append_only();
create trigger audit_events_no_truncate before truncate on audit_events
  for each statement execute function audit_events_append_only();
`);
  }
}
