import { Migration } from '@mikro-orm/migrations';

export class Migration20261207000200_sign_in_turns extends Migration {
  override up(): void {
    this.addSql(`
-- Sign-in attempts take their turns in the shared rate_limits table before the password is
-- checked; the failures counted after the check are no longer read.
drop table login_failures;
`);
  }
}
