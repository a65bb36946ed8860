import { Migration } from '@mikro-orm/migrations';

/**
 * Billing's tables: the school's billing settings, its rates (one per lesson type, teacher and length), billing accounts
 * (one per family, one per adult student paying for themself), invoices with their lines (each line charging its
 * source once per invoice; credits negative, charges positive) and the counter that numbers each school's invoices.
 * An invoice's number is unique in its school and present exactly when it has been issued (a void invoice keeps it).
 * No foreign key reaches another context's tables but the school's.
 */
export class Migration20261209000500_billing extends Migration {
  override up(): void {
    this.addSql(`
create table billing_settings (
  school_id uuid primary key references schools (id),
  charge_basis text not null check (charge_basis in ('in_advance', 'delivered')),
  tax_basis_points integer not null check (tax_basis_points between 0 and 10000),
  sibling_discount_basis_points integer not null check (sibling_discount_basis_points between 0 and 10000),
  due_days integer not null check (due_days between 0 and 365)
);

create table billing_rates (
  id uuid primary key,
  school_id uuid not null references schools (id),
  lesson_type_id uuid not null,
  teacher_id uuid,
  duration_minutes integer check (duration_minutes between 5 and 480),
  price_minor integer not null check (price_minor > 0),
  currency char(3) not null,
  format text not null check (format in ('individual', 'group')),
  unique nulls not distinct (school_id, lesson_type_id, teacher_id, duration_minutes)
);

create table billing_accounts (
  id uuid primary key,
  school_id uuid not null references schools (id),
  family_id uuid,
  own_student_id uuid,
  payer_id uuid,
  student_ids uuid[] not null,
  discount_basis_points integer not null default 0 check (discount_basis_points between 0 and 10000),
  check ((family_id is null) <> (own_student_id is null)),
  unique (school_id, id)
);
create unique index billing_accounts_family_idx on billing_accounts (school_id, family_id) where family_id is not null;
create unique index billing_accounts_student_idx on billing_accounts (school_id, own_student_id) where own_student_id is not null;

create table billing_invoices (
  id uuid primary key,
  school_id uuid not null references schools (id),
  account_id uuid not null,
  period_from date,
  period_to date,
  currency char(3) not null,
  status text not null check (status in ('draft', 'issued', 'partially_paid', 'paid', 'overdue', 'void')),
  number integer check (number > 0),
  tax_basis_points integer not null check (tax_basis_points between 0 and 10000),
  issued_at timestamptz,
  due_at timestamptz,
  paid_minor integer not null default 0 check (paid_minor >= 0),
  voided_at timestamptz,
  created_at timestamptz not null,
  foreign key (school_id, account_id) references billing_accounts (school_id, id),
  check ((period_from is null) = (period_to is null) and (period_to is null or period_to > period_from)),
  check (status <> 'draft' or number is null),
  check (status in ('draft', 'void') or number is not null),
  check ((number is null) = (issued_at is null)),
  unique (school_id, number),
  unique (school_id, id)
);
create index billing_invoices_account_idx on billing_invoices (school_id, account_id, created_at desc);
create index billing_invoices_status_idx on billing_invoices (school_id, status, created_at desc);

create table billing_invoice_lines (
  id uuid primary key,
  school_id uuid not null references schools (id),
  invoice_id uuid not null,
  position integer not null,
  kind text not null check (kind in ('lesson', 'package', 'manual', 'credit')),
  source_id uuid not null,
  student_id uuid,
  description text not null check (length(description) between 1 and 200),
  amount_minor integer not null check (amount_minor <> 0),
  currency char(3) not null,
  check ((kind = 'credit') = (amount_minor < 0)),
  foreign key (school_id, invoice_id) references billing_invoices (school_id, id) on delete cascade,
  unique (invoice_id, kind, source_id),
  unique (invoice_id, position)
);
create index billing_invoice_lines_invoice_idx on billing_invoice_lines (school_id, invoice_id);

create table billing_invoice_counters (
  school_id uuid primary key references schools (id),
  last_number integer not null check (last_number > 0)
);
`);
  }
}
