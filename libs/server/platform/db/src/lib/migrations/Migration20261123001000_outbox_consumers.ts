import { Migration } from '@mikro-orm/migrations';

export class Migration20261123001000_outbox_consumers extends Migration {
  override up(): void {
    this.addSql(`
-- The outbox serves several consumers: the socket relay keeps its published_at column;
-- every other consumer records here which events it has handled, in the transaction that
-- handles them, so none of them loses or repeats an event because of another.
create table outbox_consumptions (
  consumer text not null,
  event_id uuid not null references outbox_events (id) on delete cascade,
  handled_at timestamptz not null,
  primary key (consumer, event_id)
);
create index outbox_events_occurred_idx on outbox_events (occurred_at, id);
`);
  }
}
