import { Migration } from '@mikro-orm/migrations';

/**
 * The guardian who pays a family's invoices (billing will read it). Always one of the family's guardians, so removing
 * that guardian clears it: the pair is a foreign key to the family's members, which the adapter rewrites on each change
 * (deferred, so a rewrite within one transaction passes).
 */
export class Migration20261208000300_family_payer extends Migration {
  override up(): void {
    this.addSql(`alter table families add column payer_id uuid;`);
    this.addSql(`alter table families add constraint families_payer_is_member foreign key (id, payer_id) references family_members (family_id, user_id) deferrable initially deferred;`);
  }
}
