import { Migration } from '@mikro-orm/migrations';

/** The school's address and payment instructions as its invoices print them, and its scheduled run: whether it starts by itself, its day of the month and time (the school's zone), and the month it bills. */
export class Migration20261211000700_billing_schedule extends Migration {
  override up(): void {
    this.addSql(`
alter table billing_settings
  add column scheduled_run boolean not null default false,
  add column run_day integer not null default 25 check (run_day between 1 and 28),
  add column run_time text not null default '06:00' check (run_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  add column run_period text not null default 'next' check (run_period in ('next', 'current', 'previous')),
  add column invoice_address text not null default '' check (length(invoice_address) <= 400),
  add column payment_instructions text not null default '' check (length(payment_instructions) <= 1000);
`);
  }
}
