import { Migration } from '@mikro-orm/migrations';

/**
 * People's busy blocks from their outside calendars (Google Calendar): one row an event of a calendar of a person,
 * whatever how often it is synced (the primary key), so a full resync cannot duplicate one; and where each calendar
 * was last synced to (Google's sync token).
 */
export class Migration20261210000601_busy_blocks extends Migration {
  override up(): void {
    this.addSql(`
create table calendar_busy_blocks (
  school_id uuid not null references schools (id),
  person_id uuid not null references users (id),
  calendar_id text not null,
  event_id text not null,
  start_at timestamptz not null,
  end_at timestamptz not null,
  primary key (person_id, calendar_id, event_id),
  check (end_at > start_at)
);
create index calendar_busy_blocks_person_time_idx on calendar_busy_blocks (school_id, person_id, start_at, end_at);

create table calendar_busy_syncs (
  school_id uuid not null references schools (id),
  person_id uuid not null references users (id),
  calendar_id text not null,
  sync_token text,
  synced_at timestamptz not null,
  primary key (person_id, calendar_id)
);
`);
  }
}
