import { Migration } from '@mikro-orm/migrations';

/**
 * The trail stays append-only, with one exception: a person's erasure, inside its own transaction that says so
 * (`cadenza.personal_data_erasure`), may replace what an event holds about them (its recorded values, and the
 * address and browser it came from); the event itself (what, when, by whom, about what) cannot change.
 */
export class Migration20261208000410_audit_erasure extends Migration {
  override up(): void {
    this.addSql(`
create or replace function audit_events_append_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and current_setting('cadenza.personal_data_erasure', true) = 'on'
     and (new.id, new.school_id, new.occurred_at, new.action, new.entity_type)
         is not distinct from (old.id, old.school_id, old.occurred_at, old.action, old.entity_type)
     and new.actor_id is not distinct from old.actor_id and new.entity_id is not distinct from old.entity_id
     and new.request_id is not distinct from old.request_id then
    return new;
  end if;
  raise exception 'audit_events is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
end;
$$;
`);
  }
}
