import { Money, type Clock, type SchoolId } from '@cadenza/shared/kernel';
import { integrationEvent, outgoingEvent } from '@cadenza/shared/integration-events';
import type { Invoice } from '../model/invoice.js';
import type { BillingEvents } from '../ports/billing-events.js';
import type { Invoices } from '../ports/invoices.js';
import type { Payments } from '../ports/payments.js';

/** What settling an invoice needs: its store, its payments, the clock and where its event goes. */
export interface SettlePorts {
  invoices: Invoices;
  payments: Payments;
  events: BillingEvents;
  clock: Clock;
}

/**
 * Works the invoice's paid amount out again from all its payments (their net) and saves it with its status; then tells
 * whoever may read the invoice (`billing.invoice_settled.v1`, in the same unit of work), so an open invoice page
 * shows it paid as the payment arrives.
 */
export async function settleInvoice(schoolId: SchoolId | string, invoice: Invoice, p: SettlePorts): Promise<void> {
  const currency = invoice.total().currency;
  const paid = (await p.payments.forInvoice(invoice.id)).reduce((sum, payment) => sum.add(payment.net()), Money.zero(currency));
  const now = p.clock.now();
  invoice.settle(paid, now);
  await p.invoices.save(invoice);
  const status = invoice.status;
  if (status === 'draft' || status === 'void') return;
  await p.events.publish([
    outgoingEvent(schoolId as SchoolId, now, integrationEvent('billing.invoice_settled.v1', { invoiceId: invoice.id, accountId: invoice.accountId, status, paidMinor: paid.minor, openMinor: invoice.open().minor })),
  ]);
}
