import { Migration } from '@mikro-orm/migrations';

export class Migration20261209000000_outbox_consumer_horizons extends Migration {
  override up(): void {
    this.addSql(`
-- Each event keeps the id of the transaction that wrote it (rows written before this change read as 0),
-- and each consumer keeps a horizon: every transaction below it has ended, and every event of those
-- that the consumer takes has been claimed. A claim then looks only at events from the horizon on,
-- instead of the whole of its age window (see outbox-statements.ts for why it is safe).
alter table outbox_events add column tx xid8 not null default '0';
alter table outbox_events alter column tx set default pg_current_xact_id();
create index outbox_events_tx_idx on outbox_events (tx);
create table outbox_consumer_horizons (
  consumer text primary key,
  horizon xid8 not null
);
`);
  }
}
