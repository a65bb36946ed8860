import { Migration } from '@mikro-orm/migrations';

/**
 * Calendar versions: a counter per school and UTC week (of the lessons' starts), kept by the database
 * whenever a lesson is inserted, changed or deleted, so the calendar's cache checks a stored answer with
 * one small indexed read instead of a scan of the week's lessons.
 *
 * Each week has 8 slots and a change bumps one at random, at commit time (a deferred constraint
 * trigger): racing bookings in the same week rarely wait on the same row, and never before their commit.
 * The version of a range of weeks is the sum of its slots: counters only grow and rows are never deleted,
 * so the sum changes with every committed change, and a rolled-back change leaves it as it was.
 */
export class Migration20261123001200_calendar_versions extends Migration {
  override up(): void {
    this.addSql(`
create table calendar_versions (
  school_id uuid not null references schools (id),
  week date not null check (extract(isodow from week) = 1),
  slot smallint not null check (slot between 0 and 7),
  version bigint not null,
  primary key (school_id, week, slot)
);

create function lessons_bump_calendar_version() returns trigger language plpgsql as $$
declare
  weeks date[] := '{}';
  w date;
begin
  if tg_op in ('UPDATE', 'DELETE') then
    weeks := weeks || date_trunc('week', old.start_at at time zone 'UTC')::date;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    weeks := weeks || date_trunc('week', new.start_at at time zone 'UTC')::date;
  end if;
  foreach w in array (select array_agg(distinct x) from unnest(weeks) as x) loop
    insert into calendar_versions as v (school_id, week, slot, version)
    values (coalesce(new.school_id, old.school_id), w, floor(random() * 8)::smallint, 1)
    on conflict (school_id, week, slot) do update set version = v.version + 1;
  end loop;
  return null;
end;
$$;
create constraint trigger lessons_calendar_version after insert or update or delete on lessons
  deferrable initially deferred
  for each row execute function lessons_bump_calendar_version();
`);
  }
}
