import { Migration } from '@mikro-orm/migrations';

export class Migration20261123000260_outbox_notify extends Migration {
  override up(): void {
    this.addSql(`
-- Wakes the outbox's readers as soon as a transaction that wrote events commits
-- (NOTIFY is delivered at commit, once per channel and payload per transaction),
-- so they need not poll to be prompt. Polling stays as the safety net.
create function outbox_events_notify() returns trigger language plpgsql as $$
begin
  perform pg_notify('cadenza_outbox', '');
  return null;
end
$$;
create trigger outbox_events_notify after insert on outbox_events
  for each statement execute function outbox_events_notify();
`);
  }
}
