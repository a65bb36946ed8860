import { Migration } from '@mikro-orm/migrations';

/**
 * People's profiles. A student may be recorded without a sign-in of their own (no email until they are invited);
 * an invitation may name the person it gives a sign-in to. Notes are free text the api shows by role.
 */
export class Migration20261208000200_people_profiles extends Migration {
  override up(): void {
    this.addSql(`
alter table users alter column email drop not null;
-- Someone without an email cannot sign in: nothing could have sent them a link.
alter table users add constraint users_sign_in_needs_email check (password_hash is null or email is not null);

alter table invitations add column user_id uuid references users (id);

create table student_profiles (
  user_id uuid primary key references users (id),
  school_id uuid not null references schools (id),
  instruments text[] not null default '{}',
  level text check (length(level) between 1 and 60),
  school_year text check (length(school_year) between 1 and 40),
  staff_notes text check (length(staff_notes) between 1 and 4000),
  medical_notes text check (length(medical_notes) between 1 and 4000),
  emergency_contact_name text check (length(emergency_contact_name) between 1 and 120),
  emergency_contact_phone text check (length(emergency_contact_phone) between 1 and 30),
  emergency_contact_relation text check (length(emergency_contact_relation) between 1 and 60),
  check ((emergency_contact_name is null) = (emergency_contact_phone is null) and (emergency_contact_name is null) = (emergency_contact_relation is null))
);
create index student_profiles_school_idx on student_profiles (school_id);

create table teacher_profiles (
  user_id uuid primary key references users (id),
  school_id uuid not null references schools (id),
  instruments text[] not null default '{}',
  levels text[] not null default '{}',
  bio text check (length(bio) between 1 and 2000),
  phone text check (length(phone) between 1 and 30),
  email text check (email = lower(email) and position('@' in email) > 1)
);
create index teacher_profiles_school_idx on teacher_profiles (school_id);
`);
  }
}
