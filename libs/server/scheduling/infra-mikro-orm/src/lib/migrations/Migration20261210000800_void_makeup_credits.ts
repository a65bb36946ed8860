import { Migration } from '@mikro-orm/migrations';

/** An admin may void an unused makeup credit, saying why: a fourth status, and the reason beside it (only then). */
export class Migration20261210000800_void_makeup_credits extends Migration {
  override up(): void {
    this.addSql(`alter table makeup_credits drop constraint makeup_credits_status_check;`);
    this.addSql(`alter table makeup_credits add constraint makeup_credits_status_check check (status in ('available', 'used', 'expired', 'void'));`);
    this.addSql(`alter table makeup_credits add column void_reason text;`);
    this.addSql(`alter table makeup_credits add constraint makeup_credits_void_reason_check check ((status = 'void') = (void_reason is not null));`);
  }

  override down(): void {
    this.addSql(`delete from makeup_credits where status = 'void';`);
    this.addSql(`alter table makeup_credits drop constraint makeup_credits_void_reason_check;`);
    this.addSql(`alter table makeup_credits drop column void_reason;`);
    this.addSql(`alter table makeup_credits drop constraint makeup_credits_status_check;`);
    this.addSql(`alter table makeup_credits add constraint makeup_credits_status_check check (status in ('available', 'used', 'expired'));`);
  }
}
