import { Migration } from '@mikro-orm/migrations';

export class Migration20261123000100_identity extends Migration {
  override up(): void {
    this.addSql(`
create table schools (
  id uuid primary key,
  name text not null check (length(name) between 1 and 120),
  slug text not null unique check (slug ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
  time_zone text not null,
  currency char(3) not null,
  locale text not null,
  idle_timeout_minutes integer not null default 120 check (idle_timeout_minutes between 5 and 1440),
  invitation_ttl_days integer not null default 7 check (invitation_ttl_days between 1 and 30),
  created_at timestamptz not null
);

create table users (
  id uuid primary key,
  school_id uuid not null references schools (id),
  email text not null check (email = lower(email) and position('@' in email) > 1),
  name text not null check (length(name) between 1 and 120),
  roles text[] not null check (cardinality(roles) > 0 and roles <@ array['admin','teacher','accompanist','student','parent']),
  safeguarding_lead boolean not null default false check (not safeguarding_lead or 'admin' = any (roles)),
  time_zone text not null,
  locale text not null,
  date_of_birth date,
  password_hash text,
  email_verified_at timestamptz,
  created_at timestamptz not null
);
-- One account per email across the deployment, whatever its case.
create unique index users_email_key on users (lower(email));
create index users_school_idx on users (school_id);

create table families (
  id uuid primary key,
  school_id uuid not null references schools (id),
  name text not null check (length(name) between 1 and 120)
);
create index families_school_idx on families (school_id);

create table family_members (
  family_id uuid not null references families (id) on delete cascade,
  user_id uuid not null references users (id),
  school_id uuid not null references schools (id),
  kind text not null check (kind in ('guardian', 'child')),
  primary key (family_id, user_id)
);
create index family_members_user_idx on family_members (user_id);

create table guardian_access (
  family_id uuid not null,
  guardian_id uuid not null,
  child_id uuid not null,
  school_id uuid not null references schools (id),
  level text not null check (level in ('view', 'full')),
  primary key (family_id, guardian_id, child_id),
  foreign key (family_id, guardian_id) references family_members (family_id, user_id) on delete cascade,
  foreign key (family_id, child_id) references family_members (family_id, user_id) on delete cascade
);

create table invitations (
  id uuid primary key,
  school_id uuid not null references schools (id),
  email text not null check (email = lower(email)),
  name text not null,
  roles text[] not null check (cardinality(roles) > 0 and roles <@ array['admin','teacher','accompanist','student','parent']),
  token_hash text not null unique,
  invited_by uuid references users (id),
  expires_at timestamptz not null,
  accepted_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz not null
);
create index invitations_school_idx on invitations (school_id, created_at desc);
-- At most one open invitation per email.
create unique index invitations_open_email_key on invitations (email) where accepted_at is null and revoked_at is null;

create table refresh_tokens (
  id uuid primary key,
  family_id uuid not null,
  school_id uuid not null references schools (id),
  user_id uuid not null references users (id),
  token_hash text not null unique,
  created_at timestamptz not null,
  last_used_at timestamptz not null,
  expires_at timestamptz not null,
  replaced_at timestamptz,
  revoked_at timestamptz,
  ip text,
  user_agent text
);
create index refresh_tokens_family_idx on refresh_tokens (family_id);
create index refresh_tokens_user_idx on refresh_tokens (user_id);

create table password_resets (
  id uuid primary key,
  school_id uuid not null references schools (id),
  user_id uuid not null references users (id),
  token_hash text not null unique,
  expires_at timestamptz not null,
  used_at timestamptz
);

create table login_failures (
  id uuid primary key,
  email text not null,
  ip text not null,
  at timestamptz not null
);
create index login_failures_email_idx on login_failures (email, at);
create index login_failures_ip_idx on login_failures (ip, at);
`);
  }
}
