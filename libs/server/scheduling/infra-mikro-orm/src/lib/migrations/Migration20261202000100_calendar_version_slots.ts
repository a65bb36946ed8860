import { Migration } from '@mikro-orm/migrations';

/**
 * Calendar versions: 64 slots a week instead of 8, and the slot a change bumps is its database
 * connection's (its server process id modulo 64) instead of a random one.
 *
 * A slot's row is locked from the bump (at commit) until the commit ends. With 8 slots picked at random,
 * a burst of racing bookings queued on those few rows, each commit waiting for the one before it to
 * finish; on a busy machine every such hand-over waits for the scheduler too, and commits took 10 ms and
 * more. Now two commits meet on a row only when their connections share a slot, which connections opened
 * one after another (a pool) do not, up to 64 of them. The version of a range stays the sum of its
 * slots, so readers see no difference beyond reading up to 64 small rows a week.
 */
export class Migration20261202000100_calendar_version_slots extends Migration {
  override up(): void {
    this.addSql(`
alter table calendar_versions drop constraint calendar_versions_slot_check;
alter table calendar_versions add constraint calendar_versions_slot_check check (slot between 0 and 63);

create or replace function lessons_bump_calendar_version() returns trigger language plpgsql as $$
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
    values (coalesce(new.school_id, old.school_id), w, (pg_backend_pid() % 64)::smallint, 1)
    on conflict (school_id, week, slot) do update set version = v.version + 1;
  end loop;
  return null;
end;
$$;
`);
  }
}
