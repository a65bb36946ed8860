import { Migration } from '@mikro-orm/migrations';

/**
 * A person's erasure may rewrite what a version says (never its number, message, school or time), inside its own
 * transaction that says so (`cadenza.personal_data_erasure`); the retention sweep still alone deletes versions.
 */
export class Migration20261208000420_personal_data_erasure extends Migration {
  override up(): void {
    this.addSql(`
create or replace function message_versions_append_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' and current_setting('cadenza.messaging_purge', true) = 'on' then
    return old;
  end if;
  if tg_op = 'UPDATE' and current_setting('cadenza.personal_data_erasure', true) = 'on'
     and new.message_id = old.message_id and new.version = old.version and new.school_id = old.school_id and new.at = old.at then
    return new;
  end if;
  raise exception 'message_versions is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
end;
$$;
`);
  }
}
