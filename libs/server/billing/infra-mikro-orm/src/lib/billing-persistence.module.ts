import { Module } from '@nestjs/common';
import { AppliedPaymentEvents, BilledLessons, BillingAccounts, BillingEvents, BillingRuns, BillingSettingsStore, InvoiceNumbering, Invoices, PaymentProfiles, Payments, Rates } from '@cadenza/server/billing/domain';
import { billingEntities } from './entities.js';
import { Migration20261209000500_billing } from './migrations/Migration20261209000500_billing.js';
import { Migration20261209000501_billed_lessons } from './migrations/Migration20261209000501_billed_lessons.js';
import { Migration20261210000400_billing_runs } from './migrations/Migration20261210000400_billing_runs.js';
import { Migration20261210000500_payments } from './migrations/Migration20261210000500_payments.js';
import { Migration20261210000501_payment_profiles } from './migrations/Migration20261210000501_payment_profiles.js';
import { Migration20261211000700_billing_schedule } from './migrations/Migration20261211000700_billing_schedule.js';
import { MikroOrmBillingRuns } from './mikro-orm-billing-runs.js';
import { OutboxBillingEvents } from './outbox-billing-events.js';
import { MikroOrmPaymentProfiles } from './mikro-orm-payment-profiles.js';
import { MikroOrmPayments } from './mikro-orm-payments.js';
import { paymentEntities } from './payment-entities.js';
import { PostgresAppliedPaymentEvents } from './postgres-applied-payment-events.js';
import { MikroOrmBilledLessons } from './mikro-orm-billed-lessons.js';
import { MikroOrmBillingAccounts } from './mikro-orm-billing-accounts.js';
import { MikroOrmBillingSettings } from './mikro-orm-billing-settings.js';
import { MikroOrmInvoices } from './mikro-orm-invoices.js';
import { MikroOrmRates } from './mikro-orm-rates.js';
import { PostgresInvoiceNumbering } from './postgres-invoice-numbering.js';

export const billingPersistence = { entities: [...billingEntities, ...paymentEntities], migrations: [Migration20261209000500_billing, Migration20261209000501_billed_lessons, Migration20261210000400_billing_runs, Migration20261210000500_payments, Migration20261210000501_payment_profiles, Migration20261211000700_billing_schedule] };

const providers = [
  { provide: Rates, useClass: MikroOrmRates },
  { provide: BillingSettingsStore, useClass: MikroOrmBillingSettings },
  { provide: BillingAccounts, useClass: MikroOrmBillingAccounts },
  { provide: Invoices, useClass: MikroOrmInvoices },
  { provide: InvoiceNumbering, useClass: PostgresInvoiceNumbering },
  { provide: BilledLessons, useClass: MikroOrmBilledLessons },
  { provide: Payments, useClass: MikroOrmPayments },
  { provide: AppliedPaymentEvents, useClass: PostgresAppliedPaymentEvents },
  { provide: PaymentProfiles, useClass: MikroOrmPaymentProfiles },
  { provide: BillingRuns, useClass: MikroOrmBillingRuns },
  { provide: BillingEvents, useClass: OutboxBillingEvents },
];

/** The billing context's own ports on PostgreSQL through MikroORM (its directory of other contexts is in bridges). */
@Module({ providers, exports: providers.map((p) => p.provide) })
export class BillingMikroOrmModule {}
