import { Migration } from '@mikro-orm/migrations';

/** The day a student left the school: their account stays, and messaging's retention counts from it. */
export class Migration20261123001101_student_left_school extends Migration {
  override up(): void {
    this.addSql(`alter table users add column left_school_on date;`);
  }
}
