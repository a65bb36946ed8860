import { Migration } from '@mikro-orm/migrations';

/**
 * A family's lessons are read through its people's attendances (`LESSONS_OF_PEOPLE_IN_RANGE`): an index by person
 * over every attendance, cancelled ones included (the exclusion constraint's index holds only the active ones), so
 * that read follows the family's lessons rather than the school's.
 */
export class Migration20261208000800_attendees_by_person extends Migration {
  override up(): void {
    this.addSql(`create index lesson_attendees_person_idx on lesson_attendees (school_id, person_id);`);
  }

  override down(): void {
    this.addSql(`drop index lesson_attendees_person_idx;`);
  }
}
