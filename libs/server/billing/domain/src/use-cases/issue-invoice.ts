import { DomainError, type Actor, type AuditTrail, type Clock, type UnitOfWork } from '@cadenza/shared/kernel';
import { requireAdmin } from '../model/actor.js';
import type { InvoiceId } from '../model/ids.js';
import type { Invoice } from '../model/invoice.js';
import type { BillingSettingsStore } from '../ports/billing-settings-store.js';
import type { InvoiceNumbering } from '../ports/invoice-numbering.js';
import type { Invoices } from '../ports/invoices.js';

const notFound = () => DomainError.notFound('BILLING.INVOICE_NOT_FOUND', 'The invoice');

/**
 * Issues a draft invoice: in one unit of work it holds the invoice, takes the school's next number (held until the unit
 * ends, so numbers are gapless and never repeated), fixes the due date from the school's terms, and records the audit
 * event. A failure anywhere gives the number back.
 */
export class IssueInvoice {
  constructor(
    private readonly invoices: Invoices,
    private readonly numbering: InvoiceNumbering,
    private readonly settings: BillingSettingsStore,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, invoiceId: InvoiceId): Promise<Invoice> {
    requireAdmin(actor);
    return this.uow.run(async () => {
      const invoice = await this.invoices.forUpdate(invoiceId);
      if (!invoice) throw notFound();
      if (invoice.status !== 'draft') throw new DomainError('BILLING.INVOICE_NOT_DRAFT', 'conflict', 'Only a draft invoice can be issued.');
      const { dueDays } = await this.settings.get();
      invoice.issue(await this.numbering.next(), this.clock.now(), dueDays);
      await this.invoices.save(invoice);
      await this.audit.record({ schoolId: actor.schoolId, actorId: actor.userId, action: 'billing.invoice.issued', entityType: 'invoice', entityId: invoice.id, after: { number: invoice.number, total: invoice.total() } });
      return invoice;
    });
  }
}

/** Voids a draft or an unpaid issued invoice; an issued one keeps its number, so the sequence has no gap. Audited. */
export class VoidInvoice {
  constructor(
    private readonly invoices: Invoices,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, invoiceId: InvoiceId, reason: string): Promise<Invoice> {
    requireAdmin(actor);
    const why = reason.trim();
    if (why.length === 0 || why.length > 500) throw DomainError.invalid('BILLING.REASON_REQUIRED', 'reason', 'Say why the invoice is voided (up to 500 characters).');
    return this.uow.run(async () => {
      const invoice = await this.invoices.forUpdate(invoiceId);
      if (!invoice) throw notFound();
      const before = invoice.status;
      invoice.void(this.clock.now());
      await this.invoices.save(invoice);
      await this.audit.record({ schoolId: actor.schoolId, actorId: actor.userId, action: 'billing.invoice.voided', entityType: 'invoice', entityId: invoice.id, before: { status: before }, after: { status: 'void', number: invoice.number, reason: why } });
      return invoice;
    });
  }
}
