import type { Clock, UnitOfWork } from '@cadenza/shared/kernel';
import type { Invoices } from './ports/invoices.js';
import type { AppliedPaymentEvents, Payments } from './ports/payments.js';
import { ApplyPaymentEvent } from './use-cases/apply-payment-event.js';

/** The ports billing's payment use cases are built from. */
export interface PaymentPorts {
  invoices: Invoices;
  payments: Payments;
  applied: AppliedPaymentEvents;
  uow: UnitOfWork;
  clock: Clock;
}

/** Billing's payment use cases by name, each with its class. */
export const PAYMENT_USE_CASES = {
  applyPaymentEvent: ApplyPaymentEvent,
} as const;

export type PaymentUseCases = { [K in keyof typeof PAYMENT_USE_CASES]: InstanceType<(typeof PAYMENT_USE_CASES)[K]> };

export function paymentUseCases(p: PaymentPorts): PaymentUseCases {
  return {
    applyPaymentEvent: new ApplyPaymentEvent(p.invoices, p.payments, p.applied, p.uow, p.clock),
  };
}
