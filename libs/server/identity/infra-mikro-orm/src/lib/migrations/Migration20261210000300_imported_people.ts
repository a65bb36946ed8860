import { Migration } from '@mikro-orm/migrations';

/**
 * Which import run created whom (the run id the admin's commit was sent with), so that an import's people can be
 * invited in one action after it. Ids only; a person erased keeps the row, which names nobody.
 */
export class Migration20261210000300_imported_people extends Migration {
  override up(): void {
    this.addSql(`
create table imported_people (
  run_id uuid not null,
  user_id uuid not null references users (id) on delete cascade,
  school_id uuid not null references schools (id),
  primary key (run_id, user_id)
);
create index imported_people_user_idx on imported_people (user_id);
`);
  }
}
