import { Migration } from '@mikro-orm/migrations';

export class Migration20261123000250_outbox extends Migration {
  override up(): void {
    this.addSql(`
-- What happened, for whoever follows later (reminders, notifications, calendar
-- sync): written in the same transaction as the change, read in order.
create table outbox_events (
  id uuid primary key,
  school_id uuid not null references schools (id),
  type text not null,
  payload jsonb not null,
  occurred_at timestamptz not null,
  published_at timestamptz
);
create index outbox_events_pending_idx on outbox_events (occurred_at) where published_at is null;
`);
  }
}
