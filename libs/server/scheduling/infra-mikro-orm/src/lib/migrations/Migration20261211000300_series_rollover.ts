import { Migration } from '@mikro-orm/migrations';

/**
 * A term rollover copies a series into the next term: the copy names the series it came from, and a series is
 * copied into a term at most once (the unique index is what keeps two racing rollovers from both copying it).
 */
export class Migration20261211000300_series_rollover extends Migration {
  override up(): void {
    this.addSql(`alter table lesson_series add column copied_from_id uuid references lesson_series (id) on delete set null;`);
    this.addSql(`create unique index lesson_series_copied_once on lesson_series (copied_from_id, term_id) where copied_from_id is not null;`);
  }

  override down(): void {
    this.addSql(`drop index lesson_series_copied_once;`);
    this.addSql(`alter table lesson_series drop column copied_from_id;`);
  }
}
