import { Migration } from '@mikro-orm/migrations';

/**
 * Emails that may go together: several notifications to one person within the digest window are sent as one
 * email. `digest` marks such a send (an event's email; never a reminder); the index finds a person's waiting
 * ones, to join their window and to claim them together.
 */
export class Migration20261208000100_notification_digests extends Migration {
  override up(): void {
    this.addSql(`
alter table notification_deliveries add column digest boolean not null default false;
alter table notification_deliveries add constraint notification_deliveries_digest_email check (not digest or channel = 'email');
create index notification_deliveries_digest_idx on notification_deliveries (recipient_id, due_at) where status = 'queued' and digest;
`);
  }
}
