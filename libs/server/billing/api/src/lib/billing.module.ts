import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { BILLING_USE_CASES, BilledLessons, BillingAccounts, BillingDirectory, BillingSettingsStore, InvoiceNumbering, Invoices, Rates, billingUseCases, type BillingPorts } from '@cadenza/server/billing/domain';
import { useCaseProviders, type TokenRecord } from '@cadenza/server/platform/http';
import { AuditTrail, Clock, UnitOfWork } from '@cadenza/shared/kernel';
import { BillingAccountsController, BillingSettingsController, InvoicesController, RatesController } from './controllers/index.js';
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
  audit: AuditTrail,
  uow: UnitOfWork,
  clock: Clock,
};

const useCases = useCaseProviders({ name: 'billing use cases', ports: BILLING_PORT_TOKENS, create: billingUseCases, types: BILLING_USE_CASES });

/**
 * The billing context: rates, billing settings, accounts and invoices with their numbering, and its own copy of the
 * lessons, kept from scheduling's and attendance's events (`LessonFactsConsumer`, with `background`). The app passes
 * the modules providing its ports (its own adapters, and its directory of other contexts from bridges). Its routes:
 * billing settings and rates (admins), billing accounts and invoices (admins, and the families' guardians and payers).
 */
@Module({})
export class BillingModule {
  static register(options: { adapters: Type[]; background?: boolean }): DynamicModule {
    return {
      module: BillingModule,
      imports: options.adapters,
      controllers: [BillingSettingsController, RatesController, BillingAccountsController, InvoicesController],
      providers: [...useCases.providers, ...(options.background ? [LessonFactsConsumer] : [])],
      exports: [...useCases.exports],
    };
  }
}
