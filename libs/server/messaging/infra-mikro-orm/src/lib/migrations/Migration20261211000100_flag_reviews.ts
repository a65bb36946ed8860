import { Migration } from '@mikro-orm/migrations';

/**
 * The safeguarding lead's review of a flag: an outcome, a note, who and when, all four set together or none (an open
 * flag). The partial index serves the lead's list of open flags.
 */
export class Migration20261211000100_flag_reviews extends Migration {
  override up(): void {
    this.addSql(`
alter table message_flags
  add column review_outcome text check (review_outcome in ('no_concern', 'action_taken', 'referred')),
  add column review_note text check (length(review_note) between 1 and 1000),
  add column reviewed_by uuid references users (id),
  add column reviewed_at timestamptz;
alter table message_flags add constraint message_flags_review_whole check (
  (review_outcome is null and review_note is null and reviewed_by is null and reviewed_at is null)
  or (review_outcome is not null and review_note is not null and reviewed_by is not null and reviewed_at is not null)
);
create index message_flags_open_idx on message_flags (school_id, created_at desc) where reviewed_at is null;
`);
  }
}
