import { Migration } from '@mikro-orm/migrations';

export class Migration20261207000300_revoked_sessions extends Migration {
  override up(): void {
    this.addSql(`
-- Every api process reads the sessions ended lately (revoked refresh-token families), every few
-- seconds, to refuse their access tokens at once.
create index refresh_tokens_revoked_idx on refresh_tokens (revoked_at) where revoked_at is not null;
`);
  }
}
