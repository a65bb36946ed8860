import { DomainError, Money, newId, type Actor, type AuditTrail, type Clock, type UnitOfWork } from '@cadenza/shared/kernel';
import { forbidden, hasRole, requireAdmin } from '../model/actor.js';
import type { BillingAccountId, InvoiceId, PaymentId } from '../model/ids.js';
import type { BillingAccount } from '../model/billing-account.js';
import type { Invoice } from '../model/invoice.js';
import { Payment, type PaymentMethod } from '../model/payment.js';
import type { BillingAccounts } from '../ports/billing-accounts.js';
import type { BillingDirectory } from '../ports/billing-directory.js';
import type { BillingEvents } from '../ports/billing-events.js';
import type { Invoices } from '../ports/invoices.js';
import type { PaymentGateway } from '../ports/payment-gateway.js';
import type { PaymentProfiles } from '../ports/payment-profiles.js';
import type { Payments } from '../ports/payments.js';
import { AccountVisibility } from './invoice-reads.js';
import { settleInvoice } from './settle-invoice.js';

const invoiceNotFound = () => DomainError.notFound('BILLING.INVOICE_NOT_FOUND', 'The invoice');
const OPEN_STATUSES = ['issued', 'partially_paid', 'overdue'];

/** An amount as given: whole minor units above zero, in the invoice's currency; else a 400 naming the field. */
function amountFor(invoice: Invoice, amount: { minor: number; currency: string }): Money {
  if (!Number.isSafeInteger(amount.minor) || amount.minor <= 0) throw DomainError.invalid('BILLING.AMOUNT_NOT_POSITIVE', 'amount.minor', 'An amount is a whole number of minor units above zero.');
  const currency = invoice.total().currency;
  if (amount.currency !== currency) throw DomainError.invalid('BILLING.OTHER_CURRENCY', 'amount.currency', `The invoice is in ${currency}, not ${amount.currency}.`);
  return Money.of(amount.minor, currency);
}

function requireOpen(invoice: Invoice): void {
  if (!OPEN_STATUSES.includes(invoice.status)) throw new DomainError('BILLING.INVOICE_NOT_OPEN', 'conflict', 'Only an issued invoice with money open takes payments.');
}

export interface RecordPaymentInput {
  method: Exclude<PaymentMethod, 'card'>;
  amount: { minor: number; currency: string };
  note?: string | null;
}

/**
 * An admin records a payment made outside the card checkout (cash, bank transfer, the school's card terminal): part or
 * all of what is open, never more. The invoice's paid amount and status follow; audited.
 */
export class RecordPayment {
  constructor(
    private readonly invoices: Invoices,
    private readonly payments: Payments,
    private readonly events: BillingEvents,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, invoiceId: InvoiceId, input: RecordPaymentInput): Promise<{ invoice: Invoice; payment: Payment }> {
    requireAdmin(actor);
    if (!['cash', 'bank_transfer', 'card_terminal'].includes(input.method)) throw DomainError.invalid('BILLING.PAYMENT_METHOD', 'method', 'An admin records cash, bank_transfer or card_terminal.');
    const note = input.note?.trim() || null;
    if (note !== null && note.length > 500) throw DomainError.invalid('BILLING.NOTE_TOO_LONG', 'note', 'A note is at most 500 characters.');
    return this.uow.run(async () => {
      const invoice = await this.invoices.forUpdate(invoiceId);
      if (!invoice) throw invoiceNotFound();
      const amount = amountFor(invoice, input.amount);
      requireOpen(invoice);
      if (amount.minor > invoice.open().minor) throw DomainError.invalid('BILLING.OVERPAYMENT', 'amount.minor', `At most ${invoice.open().minor} is open on the invoice.`);
      const payment = Payment.record({ id: newId<PaymentId>(), invoiceId: invoice.id, method: input.method, providerRef: null, amount, note, recordedBy: actor.userId, recordedAt: this.clock.now() });
      await this.payments.save(payment);
      await settleInvoice(actor.schoolId, invoice, { invoices: this.invoices, payments: this.payments, events: this.events, clock: this.clock });
      await this.audit.record({ schoolId: actor.schoolId, actorId: actor.userId, action: 'billing.payment.recorded', entityType: 'invoice', entityId: invoice.id, after: { paymentId: payment.id, method: payment.method, amount, status: invoice.status } });
      return { invoice, payment };
    });
  }
}

export interface RefundInput {
  paymentId: PaymentId;
  amount: { minor: number; currency: string };
}

/**
 * An admin refunds part or the rest of a payment, never more than is left of it: a card payment through the provider
 * (under a key derived from the payment and what was refunded of it before, so a retried request refunds once), any
 * other as a record of money handed back. The invoice's paid amount and status follow; audited.
 */
export class RefundPayment {
  constructor(
    private readonly invoices: Invoices,
    private readonly payments: Payments,
    private readonly gateway: PaymentGateway,
    private readonly events: BillingEvents,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, invoiceId: InvoiceId, input: RefundInput): Promise<{ invoice: Invoice; payment: Payment }> {
    requireAdmin(actor);
    return this.uow.run(async () => {
      const invoice = await this.invoices.forUpdate(invoiceId);
      if (!invoice) throw invoiceNotFound();
      const amount = amountFor(invoice, input.amount);
      const payment = (await this.payments.forInvoice(invoice.id)).find((p) => p.id === input.paymentId);
      if (!payment) throw DomainError.invalid('BILLING.PAYMENT_NOT_FOUND', 'paymentId', 'The invoice has no such payment.');
      const before = payment.refunded.minor;
      payment.refund(amount);
      if (payment.providerRef) {
        await this.gateway.refund({ paymentRef: payment.providerRef, amount, idempotencyKey: `cadenza:refund:${payment.id}:${before}:${amount.minor}` });
      }
      await this.payments.save(payment);
      await settleInvoice(actor.schoolId, invoice, { invoices: this.invoices, payments: this.payments, events: this.events, clock: this.clock });
      await this.audit.record({ schoolId: actor.schoolId, actorId: actor.userId, action: 'billing.payment.refunded', entityType: 'invoice', entityId: invoice.id, after: { paymentId: payment.id, amount, refunded: payment.refunded, status: invoice.status } });
      return { invoice, payment };
    });
  }
}

/** The payments towards an invoice, for whoever may read it (404 otherwise). */
export class ListPayments {
  constructor(
    private readonly invoices: Invoices,
    private readonly payments: Payments,
    private readonly visibility: AccountVisibility,
  ) {}

  async execute(actor: Actor, invoiceId: InvoiceId): Promise<Payment[]> {
    const invoice = await this.invoices.get(invoiceId);
    if (!invoice || !(await this.visibility.visibleTo(actor)).some((a) => a.id === invoice.accountId)) throw invoiceNotFound();
    return this.payments.forInvoice(invoice.id);
  }
}

/**
 * The invoice, its account and whether the person may pay it: the account's payer (an adult student paying for themself,
 * the family's payer) or a guardian with full access to a child of the family. Whoever may not read it is answered 404.
 */
async function payable(actor: Actor, invoiceId: InvoiceId, invoices: Invoices, accounts: BillingAccounts, directory: BillingDirectory): Promise<{ invoice: Invoice; account: BillingAccount; mayPay: boolean }> {
  const invoice = await invoices.get(invoiceId);
  if (!invoice) throw invoiceNotFound();
  const account = (await new AccountVisibility(accounts, directory).visibleTo(actor)).find((a) => a.id === invoice.accountId);
  if (!account) throw invoiceNotFound();
  const payer = account.payerId === actor.userId || account.ownStudentId === actor.userId;
  const fullGuardian = hasRole(actor, 'parent') && account.familyId !== null && (await directory.familiesWithFullAccess(actor.userId)).includes(account.familyId);
  return { invoice, account, mayPay: payer || fullGuardian };
}

/** Whether the person may pay the invoice by card now: they may pay it (see `payable`) and money is open on it. */
export class PaymentOptions {
  constructor(
    private readonly invoices: Invoices,
    private readonly accounts: BillingAccounts,
    private readonly directory: BillingDirectory,
  ) {}

  async execute(actor: Actor, invoiceId: InvoiceId): Promise<{ mayPay: boolean; payableNow: boolean }> {
    const { invoice, mayPay } = await payable(actor, invoiceId, this.invoices, this.accounts, this.directory);
    return { mayPay, payableNow: mayPay && OPEN_STATUSES.includes(invoice.status) && invoice.open().minor > 0 };
  }
}

export interface CheckoutReturn {
  /** Where the payer comes back after paying. */
  successUrl: string;
  /** Where the payer comes back without paying. */
  cancelUrl: string;
}

/**
 * A payer opens the provider's hosted checkout for what is open on an invoice: the account's payer (an adult student
 * paying for themself, the family's payer) or a guardian with full access in the family. A guardian with view access
 * only may read it but not pay (403); anyone else is answered 404. The account's customer at the provider is made once
 * (keyed by the account); the checkout is keyed by the invoice and its open amount, so asking again before paying
 * opens the same one.
 */
export class StartCheckout {
  constructor(
    private readonly invoices: Invoices,
    private readonly accounts: BillingAccounts,
    private readonly directory: BillingDirectory,
    private readonly profiles: PaymentProfiles,
    private readonly gateway: PaymentGateway,
    private readonly uow: UnitOfWork,
  ) {}

  async execute(actor: Actor, invoiceId: InvoiceId, back: CheckoutReturn): Promise<{ url: string }> {
    const { invoice, account, mayPay } = await payable(actor, invoiceId, this.invoices, this.accounts, this.directory);
    if (!mayPay) throw forbidden('Only the payer or a guardian with full access may pay this invoice.', 'BILLING.VIEW_ONLY');
    requireOpen(invoice);
    const open = invoice.open();
    if (open.minor <= 0) throw new DomainError('BILLING.NOTHING_OPEN', 'conflict', 'Nothing is open on this invoice.');
    const customerRef = await this.customerOf(actor, account.id);
    const number = invoice.number === null ? '' : ` ${invoice.number}`;
    return this.gateway.startCheckout({
      schoolId: actor.schoolId,
      accountId: account.id,
      customerRef,
      invoiceId: invoice.id,
      description: `Invoice${number}`,
      amount: open,
      ...back,
      idempotencyKey: `cadenza:checkout:${invoice.id}:${open.minor}`,
    });
  }

  /** The account's customer at the provider, made the first time (keyed by the account, so a race makes one). */
  private async customerOf(actor: Actor, accountId: BillingAccountId): Promise<string> {
    const known = await this.profiles.get(accountId);
    if (known) return known.customerRef;
    const customerRef = await this.gateway.createCustomer({ schoolId: actor.schoolId, accountId, name: null, email: null, idempotencyKey: `cadenza:customer:${accountId}` });
    await this.uow.run(async () => {
      if (!(await this.profiles.get(accountId))) await this.profiles.save({ accountId, customerRef });
    });
    return customerRef;
  }
}
