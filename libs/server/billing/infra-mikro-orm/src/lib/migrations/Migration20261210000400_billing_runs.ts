import { Migration } from '@mikro-orm/migrations';

/**
 * Billing runs: one per school and period (unique), their accounts in numbered batches, each batch billed once (done
 * with the invoices it issued, in one transaction); an invoice a run made names it, and a run invoices an account once.
 * Billing's lessons keep their lesson type (read from scheduling as they are recorded) and are found by student.
 */
export class Migration20261210000400_billing_runs extends Migration {
  override up(): void {
    this.addSql(`
alter table billing_lessons add column lesson_type_id uuid;
create index billing_lessons_students_idx on billing_lessons using gin (student_ids);

create table billing_runs (
  id uuid primary key,
  school_id uuid not null references schools (id),
  period_from date not null,
  period_to date not null check (period_to > period_from),
  started_at timestamptz not null,
  started_by uuid,
  accounts integer not null default 0 check (accounts >= 0),
  batches integer not null default 0 check (batches >= 0),
  unique (school_id, period_from),
  unique (school_id, id)
);

create table billing_run_batches (
  school_id uuid not null,
  run_id uuid not null,
  batch integer not null check (batch >= 0),
  account_ids uuid[] not null,
  created_at timestamptz not null,
  done_at timestamptz,
  invoices integer not null default 0 check (invoices >= 0),
  primary key (run_id, batch),
  foreign key (school_id, run_id) references billing_runs (school_id, id)
);
create index billing_run_batches_pending_idx on billing_run_batches (created_at) where done_at is null;

alter table billing_invoices add column run_id uuid;
alter table billing_invoices add foreign key (school_id, run_id) references billing_runs (school_id, id);
create unique index billing_invoices_run_account_idx on billing_invoices (school_id, run_id, account_id) where run_id is not null;
`);
  }
}
