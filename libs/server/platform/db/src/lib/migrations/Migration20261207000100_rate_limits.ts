import { Migration } from '@mikro-orm/migrations';

export class Migration20261207000100_rate_limits extends Migration {
  override up(): void {
    this.addSql(`
-- Shared rate limits (sign-in attempts, mails): one row per key, holding the instant until
-- which its bucket of turns is empty. A row whose instant has passed is the same as none.
create table rate_limits (
  key text primary key,
  tat timestamptz not null
);
create index rate_limits_tat_idx on rate_limits (tat);
`);
  }
}
