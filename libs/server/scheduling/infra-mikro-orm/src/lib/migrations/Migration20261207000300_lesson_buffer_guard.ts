import { Migration } from '@mikro-orm/migrations';

/**
 * The database guards a teacher's or accompanist's changeover buffer as it guards their lessons' times.
 *
 * The exclusion constraint on `lesson_attendees` refuses two lessons of one person that overlap, but a lesson that
 * starts as another ends, inside the buffer kept free around it, overlaps nothing: the conflict checker refuses it
 * one booking at a time, yet two such bookings checked at once both went in. Now, before a teacher's or
 * accompanist's attendee row is written (a lesson booked or moved, not cancelled), a trigger reads their buffer;
 * when they keep one, it takes a transaction-scoped advisory lock on the person's buffer (so writes of that person's
 * lessons pass it one at a time, the later after the earlier's commit) and then refuses the row when another of
 * their lessons, in any role, lies within the buffer of it without overlapping it (overlaps stay the exclusion
 * constraint's). The refusal is an exclusion violation (`23P01`) named `lesson_attendees_buffer`, with the key in
 * its detail as the constraint's, so the adapter reports it as `TakenMeanwhile` and the use case checks again.
 * People without a buffer take no lock and pay one primary-key read.
 */
export class Migration20261207000300_lesson_buffer_guard extends Migration {
  override up(): void {
    this.addSql(`
create function lesson_attendees_keep_buffer() returns trigger language plpgsql as $$
declare
  buffer interval;
  clash uuid;
begin
  if not new.active or new.role not in ('teacher', 'accompanist') then
    return new;
  end if;
  select make_interval(mins => a.buffer_minutes) into buffer from availabilities a where a.person_id = new.person_id;
  if buffer is null or buffer <= interval '0' then
    return new;
  end if;
  perform pg_advisory_xact_lock(hashtextextended('buffer:' || new.person_id::text, 0));
  -- A statement after the lock: it sees what a writer that held the lock before committed.
  select o.lesson_id into clash from lesson_attendees o
   where o.person_id = new.person_id and o.active and o.lesson_id <> new.lesson_id
     and o.during && tstzrange(lower(new.during) - buffer, upper(new.during) + buffer, '[)')
     and not o.during && new.during
   limit 1;
  if clash is not null then
    raise exception 'A lesson falls within the changeover buffer of another lesson of its %.', new.role
      using errcode = 'exclusion_violation',
            constraint = 'lesson_attendees_buffer',
            table = 'lesson_attendees',
            detail = format('Key (person_id, during)=(%s, %s) is within %s of lesson %s.', new.person_id, new.during, buffer, clash);
  end if;
  return new;
end;
$$;
create trigger lesson_attendees_buffer before insert on lesson_attendees
  for each row execute function lesson_attendees_keep_buffer();
`);
  }
}
