import { Migration } from '@mikro-orm/migrations';

export class Migration20261208000900_outbox_typed_notify extends Migration {
  override up(): void {
    this.addSql(`
-- The wake-up names the types of the events a transaction wrote (one notification per type: NOTIFY
-- folds the same channel and payload within a transaction), so a consumer of a few types is woken
-- by its own events only, not by every commit that writes any event. A listener that cannot read the
-- payload treats it as "something was written", as it did the empty payload before.
drop trigger outbox_events_notify on outbox_events;
create or replace function outbox_events_notify() returns trigger language plpgsql as $$
begin
  perform pg_notify('cadenza_outbox', t.type) from (select distinct type from inserted) as t;
  return null;
end
$$;
create trigger outbox_events_notify after insert on outbox_events
  referencing new table as inserted
  for each statement execute function outbox_events_notify();
`);
  }
}
