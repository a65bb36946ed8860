import type { AuditTrail, Clock, UnitOfWork } from '@cadenza/shared/kernel';
import type { BillingAccounts } from './ports/billing-accounts.js';
import type { BillingDirectory } from './ports/billing-directory.js';
import type { BillingEvents } from './ports/billing-events.js';
import type { Invoices } from './ports/invoices.js';
import type { PaymentGateway } from './ports/payment-gateway.js';
import type { PaymentProfiles } from './ports/payment-profiles.js';
import type { AppliedPaymentEvents, Payments } from './ports/payments.js';
import { ApplyPaymentEvent } from './use-cases/apply-payment-event.js';
import { AccountVisibility } from './use-cases/invoice-reads.js';
import { ListPayments, PaymentOptions, RecordPayment, RefundPayment, StartCheckout } from './use-cases/payments.js';

/** The ports billing's payment use cases are built from. */
export interface PaymentPorts {
  invoices: Invoices;
  payments: Payments;
  applied: AppliedPaymentEvents;
  events: BillingEvents;
  accounts: BillingAccounts;
  directory: BillingDirectory;
  profiles: PaymentProfiles;
  gateway: PaymentGateway;
  audit: AuditTrail;
  uow: UnitOfWork;
  clock: Clock;
}

/** Billing's payment use cases by name, each with its class. */
export const PAYMENT_USE_CASES = {
  applyPaymentEvent: ApplyPaymentEvent,
  recordPayment: RecordPayment,
  refundPayment: RefundPayment,
  listPayments: ListPayments,
  startCheckout: StartCheckout,
  paymentOptions: PaymentOptions,
} as const;

export type PaymentUseCases = { [K in keyof typeof PAYMENT_USE_CASES]: InstanceType<(typeof PAYMENT_USE_CASES)[K]> };

export function paymentUseCases(p: PaymentPorts): PaymentUseCases {
  return {
    applyPaymentEvent: new ApplyPaymentEvent(p.invoices, p.payments, p.applied, p.events, p.uow, p.clock),
    recordPayment: new RecordPayment(p.invoices, p.payments, p.events, p.audit, p.uow, p.clock),
    refundPayment: new RefundPayment(p.invoices, p.payments, p.gateway, p.events, p.audit, p.uow, p.clock),
    listPayments: new ListPayments(p.invoices, p.payments, new AccountVisibility(p.accounts, p.directory)),
    startCheckout: new StartCheckout(p.invoices, p.accounts, p.directory, p.profiles, p.gateway, p.uow),
    paymentOptions: new PaymentOptions(p.invoices, p.accounts, p.directory),
  };
}
