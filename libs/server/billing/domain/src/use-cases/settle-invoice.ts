import { Money, type Clock } from '@cadenza/shared/kernel';
import type { Invoice } from '../model/invoice.js';
import type { Invoices } from '../ports/invoices.js';
import type { Payments } from '../ports/payments.js';

/** Works the invoice's paid amount out again from all its payments (their net) and saves it with its status. */
export async function settleInvoice(invoice: Invoice, invoices: Invoices, payments: Payments, clock: Clock): Promise<void> {
  const currency = invoice.total().currency;
  const paid = (await payments.forInvoice(invoice.id)).reduce((sum, p) => sum.add(p.net()), Money.zero(currency));
  invoice.settle(paid, clock.now());
  await invoices.save(invoice);
}
