import { Migration } from '@mikro-orm/migrations';

export class Migration20261207000400_password_reset_requests extends Migration {
  override up(): void {
    this.addSql(`
-- Reset requests wait here for the background sender: the answer to the asker never waits for
-- the account's lookup or the mail, so it takes as long whether or not the email has an account.
create table password_reset_requests (
  id uuid primary key,
  email text not null,
  requested_at timestamptz not null,
  claimed_until timestamptz,
  claims integer not null default 0
);
create index password_reset_requests_waiting_idx on password_reset_requests (requested_at);
`);
  }
}
