import { Migration } from '@mikro-orm/migrations';

/**
 * Payments towards invoices, and the payment provider's events applied. A card payment is known by the provider's
 * reference (a Stripe payment intent), unique across schools; refunds and a dispute's hold never exceed the amount. Each
 * provider event is recorded by its id in the transaction that applies it, so a redelivery applies nothing.
 */
export class Migration20261210000500_payments extends Migration {
  override up(): void {
    this.addSql(`
create table billing_payments (
  id uuid primary key,
  school_id uuid not null references schools (id),
  invoice_id uuid not null,
  method text not null check (method in ('card', 'cash', 'bank_transfer', 'card_terminal')),
  provider_ref text unique,
  amount_minor integer not null check (amount_minor > 0),
  currency char(3) not null,
  refunded_minor integer not null default 0 check (refunded_minor >= 0 and refunded_minor <= amount_minor),
  disputed_minor integer not null default 0 check (disputed_minor >= 0 and disputed_minor <= amount_minor),
  dispute_closed boolean not null default false,
  note text,
  recorded_by uuid,
  recorded_at timestamptz not null,
  foreign key (school_id, invoice_id) references billing_invoices (school_id, id),
  check (method = 'card' or provider_ref is null)
);
create index billing_payments_invoice_idx on billing_payments (school_id, invoice_id, recorded_at);

create table billing_payment_events (
  event_id text primary key,
  school_id uuid not null references schools (id),
  kind text not null,
  applied_at timestamptz not null default now()
);
`);
  }
}
