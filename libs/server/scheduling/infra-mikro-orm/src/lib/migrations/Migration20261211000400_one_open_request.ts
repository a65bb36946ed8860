import { Migration } from '@mikro-orm/migrations';

/**
 * One open request per lesson and kind (for each of its students: in a group lesson each family asks for its own
 * child): a second reschedule or cancellation of a lesson while the first still waits (pending, or answered with
 * another time) is refused, by the database too, so two sent at once cannot both be kept. Open duplicates already
 * there are withdrawn, the oldest kept, before the index is made.
 *
 * A lesson's read says which requests about it are open, and the calendar's stored answers are checked against
 * the lessons' versions: a request made, decided or withdrawn about a lesson now bumps its week's version too.
 */
export class Migration20261211000400_one_open_request extends Migration {
  override up(): void {
    this.addSql(`
update lesson_requests r
   set status = 'withdrawn',
       decision = jsonb_build_object('by', r.requested_by, 'at', to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'reason', 'Another request about this lesson was already open.')
 where r.lesson_id is not null
   and r.status in ('pending', 'countered')
   and exists (
     select 1 from lesson_requests o
      where o.lesson_id = r.lesson_id and o.kind = r.kind and o.student_id = r.student_id and o.status in ('pending', 'countered')
        and (o.created_at, o.id) < (r.created_at, r.id));

create unique index lesson_requests_one_open_idx on lesson_requests (lesson_id, kind, student_id) where status in ('pending', 'countered');

-- A request's lesson never changes, so this is one lesson's week: one row, one slot.
create function lesson_requests_bump_calendar_version() returns trigger language plpgsql as $$
begin
  insert into calendar_versions as v (school_id, week, slot, version)
  select l.school_id, date_trunc('week', l.start_at at time zone 'UTC')::date, floor(random() * 8)::smallint, 1
    from lessons l
   where l.id = coalesce(new.lesson_id, old.lesson_id)
  on conflict (school_id, week, slot) do update set version = v.version + 1;
  return null;
end;
$$;
create constraint trigger lesson_requests_calendar_version after insert or update or delete on lesson_requests
  deferrable initially deferred
  for each row execute function lesson_requests_bump_calendar_version();
`);
  }

  override down(): void {
    this.addSql(`drop trigger lesson_requests_calendar_version on lesson_requests;`);
    this.addSql(`drop function lesson_requests_bump_calendar_version();`);
    this.addSql(`drop index lesson_requests_one_open_idx;`);
  }
}
