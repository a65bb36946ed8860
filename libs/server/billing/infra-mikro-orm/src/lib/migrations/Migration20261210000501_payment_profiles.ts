import { Migration } from '@mikro-orm/migrations';

/** Each billing account's customer at the payment provider (a Stripe customer), made the first time the account pays by card. */
export class Migration20261210000501_payment_profiles extends Migration {
  override up(): void {
    this.addSql(`
create table billing_payment_profiles (
  account_id uuid primary key,
  school_id uuid not null references schools (id),
  customer_ref text not null unique,
  foreign key (school_id, account_id) references billing_accounts (school_id, id)
);
`);
  }
}
