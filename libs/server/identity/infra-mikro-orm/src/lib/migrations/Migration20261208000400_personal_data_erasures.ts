import { Migration } from '@mikro-orm/migrations';

/**
 * The erasures of each school: the person's number (`Former student 12`), given once when the erasure begins and
 * kept however often it is resumed, and when it finished.
 */
export class Migration20261208000400_personal_data_erasures extends Migration {
  override up(): void {
    this.addSql(`
create table personal_data_erasures (
  user_id uuid primary key references users (id),
  school_id uuid not null references schools (id),
  number integer not null check (number >= 1),
  label text not null check (length(label) between 1 and 60),
  started_at timestamptz not null,
  finished_at timestamptz,
  unique (school_id, number)
);
`);
  }
}
