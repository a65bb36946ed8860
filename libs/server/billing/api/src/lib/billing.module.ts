import { Module, type DynamicModule, type Type } from '@nestjs/common';
import {
  AppliedPaymentEvents,
  BILLING_USE_CASES,
  BilledLessons,
  BillingAccounts,
  BillingDirectory,
  BillingEvents,
  BillingRunQueue,
  BillingRuns,
  BillingSettingsStore,
  InvoiceNumbering,
  InvoiceRenderer,
  Invoices,
  PAYMENT_USE_CASES,
  PaymentGateway,
  PaymentProfiles,
  Payments,
  Rates,
  billingUseCases,
  paymentUseCases,
  type BillingPorts,
  type PaymentPorts,
} from '@cadenza/server/billing/domain';
import { useCaseProviders, type TokenRecord } from '@cadenza/server/platform/http';
import { AuditTrail, Clock, UnitOfWork } from '@cadenza/shared/kernel';
import { BillingAccountsController, BillingRunsController, BillingSettingsController, InvoicesController, RatesController } from './controllers/index.js';
import { InvoicePaymentsController } from './controllers/invoice-payments.controller.js';
import { StripeWebhookController } from './controllers/stripe-webhook.controller.js';
import { LessonFactsConsumer } from './lesson-facts-consumer.js';

/** The token each port of billing is injected by: checked against `BillingPorts`, so a swapped entry does not compile. */
export const BILLING_PORT_TOKENS: TokenRecord<BillingPorts> = {
  rates: Rates,
  settings: BillingSettingsStore,
  accounts: BillingAccounts,
  invoices: Invoices,
  lessons: BilledLessons,
  numbering: InvoiceNumbering,
  directory: BillingDirectory,
  runs: BillingRuns,
  runQueue: BillingRunQueue,
  events: BillingEvents,
  renderer: InvoiceRenderer,
  audit: AuditTrail,
  uow: UnitOfWork,
  clock: Clock,
};

const useCases = useCaseProviders({ name: 'billing use cases', ports: BILLING_PORT_TOKENS, create: billingUseCases, types: BILLING_USE_CASES });

/** The tokens of the payment use cases' ports. */
export const PAYMENT_PORT_TOKENS: TokenRecord<PaymentPorts> = {
  invoices: Invoices,
  payments: Payments,
  applied: AppliedPaymentEvents,
  events: BillingEvents,
  accounts: BillingAccounts,
  directory: BillingDirectory,
  profiles: PaymentProfiles,
  gateway: PaymentGateway,
  audit: AuditTrail,
  uow: UnitOfWork,
  clock: Clock,
};

const payments = useCaseProviders({ name: 'billing payment use cases', ports: PAYMENT_PORT_TOKENS, create: paymentUseCases, types: PAYMENT_USE_CASES });

/**
 * The billing context: rates, billing settings, accounts and invoices with their numbering, and its own copy of the
 * lessons, kept from scheduling's and attendance's events (`LessonFactsConsumer`, with `background`). The app passes
 * the modules providing its ports (its own adapters, its payment gateway, and its directory of other contexts from
 * bridges). Its routes: billing settings and rates (admins), billing accounts and invoices (admins, and the families'
 * guardians and payers), and Stripe's webhook.
 */
@Module({})
export class BillingModule {
  static register(options: { adapters: Type[]; background?: boolean; controllers?: boolean }): DynamicModule {
    return {
      module: BillingModule,
      imports: options.adapters,
      controllers: options.controllers === false ? [] : [BillingSettingsController, RatesController, BillingAccountsController, InvoicesController, BillingRunsController, InvoicePaymentsController, StripeWebhookController],
      // Without controllers (the run's jobs) the payments' use cases, and so the payment gateway, are not needed.
      providers: [...useCases.providers, ...(options.controllers === false ? [] : payments.providers), ...(options.background ? [LessonFactsConsumer] : [])],
      exports: [...useCases.exports, ...(options.controllers === false ? [] : payments.exports)],
    };
  }
}
