import { Migration } from '@mikro-orm/migrations';

/**
 * People's connected Google accounts, one a person: the refresh token sealed with AES-256-GCM under CALENDAR_TOKEN_KEY
 * (never in clear), the calendars counted as busy and the one lessons are written to, and whether Google still accepts
 * the grant; and consents under way, each `state` kept as its digest until it is used or expires.
 */
export class Migration20261211000800_google_connections extends Migration {
  override up(): void {
    this.addSql(`
create table calendar_google_connections (
  school_id uuid not null references schools (id),
  person_id uuid primary key references users (id),
  account text not null,
  refresh_token_sealed text not null,
  busy_calendar_ids text[] not null,
  write_calendar_id text not null,
  status text not null check (status in ('active', 'reconnect_needed')),
  connected_at timestamptz not null,
  last_sync_at timestamptz,
  last_error text
);
create index calendar_google_connections_school_idx on calendar_google_connections (school_id);

create table calendar_connect_states (
  state_hash text primary key,
  school_id uuid not null references schools (id),
  person_id uuid not null references users (id),
  expires_at timestamptz not null
);
create index calendar_connect_states_person_idx on calendar_connect_states (school_id, person_id);
`);
  }
}
