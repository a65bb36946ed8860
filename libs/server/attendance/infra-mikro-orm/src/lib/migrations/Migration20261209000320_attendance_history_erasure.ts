import { Migration } from '@mikro-orm/migrations';

/**
 * The register's history stays append-only, but for an erasure: an update that changes only the free-text columns
 * (the notes and the reason) is let through, so a person's name can leave it; any other update, and every delete, is
 * still refused.
 */
export class Migration20261209000320_attendance_history_erasure extends Migration {
  override up(): void {
    this.addSql(`
create or replace function attendance_register_changes_append_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and (new.id, new.school_id, new.lesson_id, new.student_id, new.ordinal, new.from_status, new.from_late_minutes,
      new.to_status, new.to_late_minutes, new.changed_by, new.changed_at)
    is not distinct from (old.id, old.school_id, old.lesson_id, old.student_id, old.ordinal, old.from_status, old.from_late_minutes,
      old.to_status, old.to_late_minutes, old.changed_by, old.changed_at) then
    return new;
  end if;
  raise exception 'attendance_register_changes is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
end;
$$;
`);
  }
}
