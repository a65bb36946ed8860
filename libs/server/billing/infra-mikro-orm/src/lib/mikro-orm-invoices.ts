import { Injectable } from '@nestjs/common';
import { EntityManager, LockMode, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { currentSchool } from '@cadenza/server/platform/db';
import { Invoice, Invoices, type BillingAccountId, type InvoiceId, type InvoiceLineId, type InvoiceQuery, type InvoiceStatus, type LineKind } from '@cadenza/server/billing/domain';
import { asId, DomainError, Money, type UserId } from '@cadenza/shared/kernel';
import { InvoiceLineSchema, InvoiceSchema, type InvoiceLineRow, type InvoiceRow } from './entities.js';

const NO_MAP = { disableIdentityMap: true } as const;
const at = (value: Date | string | null): Date | null => (value === null ? null : new Date(value));

function toInvoice(row: InvoiceRow, lines: InvoiceLineRow[]): Invoice {
  return Invoice.restore({
    id: asId<InvoiceId>(row.id),
    accountId: asId<BillingAccountId>(row.accountId),
    period: row.periodFrom && row.periodTo ? { from: row.periodFrom, to: row.periodTo } : null,
    currency: row.currency,
    status: row.status as InvoiceStatus,
    number: row.number,
    taxBasisPoints: row.taxBasisPoints,
    lines: lines
      .sort((a, b) => a.position - b.position)
      .map((l) => ({
        id: asId<InvoiceLineId>(l.id),
        kind: l.kind as LineKind,
        sourceId: l.sourceId,
        studentId: l.studentId === null ? null : asId<UserId>(l.studentId),
        description: l.description,
        amount: Money.of(l.amountMinor, l.currency),
      })),
    issuedAt: at(row.issuedAt),
    dueAt: at(row.dueAt),
    paid: Money.of(row.paidMinor, row.currency),
    voidedAt: at(row.voidedAt),
    createdAt: new Date(row.createdAt),
  });
}

/** Invoices in `billing_invoices` with their lines in `billing_invoice_lines`; a number is unique in its school. */
@Injectable()
export class MikroOrmInvoices extends Invoices {
  constructor(private readonly em: EntityManager) {
    super();
  }

  get(id: InvoiceId): Promise<Invoice | null> {
    return this.read(id, false);
  }

  forUpdate(id: InvoiceId): Promise<Invoice | null> {
    return this.read(id, true);
  }

  async list(query: InvoiceQuery): Promise<Invoice[]> {
    if (query.accountIds?.length === 0) return [];
    const where = {
      ...(query.accountIds ? { accountId: { $in: [...query.accountIds] } } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...(query.periodFrom ? { periodFrom: query.periodFrom } : {}),
    };
    const rows = await this.em.find(InvoiceSchema, where, { ...NO_MAP, orderBy: { createdAt: 'desc', id: 'desc' } });
    return this.withLines(rows);
  }

  async save(invoice: Invoice): Promise<void> {
    const s = invoice.snapshot();
    const schoolId = currentSchool(this.em);
    const row: InvoiceRow = {
      id: s.id,
      schoolId,
      accountId: s.accountId,
      periodFrom: s.period?.from ?? null,
      periodTo: s.period?.to ?? null,
      currency: s.currency,
      status: s.status,
      number: s.number,
      taxBasisPoints: s.taxBasisPoints,
      issuedAt: s.issuedAt,
      dueAt: s.dueAt,
      paidMinor: s.paid.minor,
      voidedAt: s.voidedAt,
      createdAt: s.createdAt,
    };
    try {
      await this.em.upsert(InvoiceSchema, row, NO_MAP);
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw new DomainError('BILLING.NUMBER_TAKEN', 'conflict', `Invoice number ${s.number} is taken.`);
      throw error;
    }
    // Lines change only while the invoice is a draft: written again as the invoice has them.
    await this.em.nativeDelete(InvoiceLineSchema, { invoiceId: s.id });
    if (s.lines.length > 0) {
      await this.em.insertMany(
        InvoiceLineSchema,
        s.lines.map((l, position) => ({ id: l.id, schoolId, invoiceId: s.id, position, kind: l.kind, sourceId: l.sourceId, studentId: l.studentId, description: l.description, amountMinor: l.amount.minor, currency: l.amount.currency })),
      );
    }
  }

  private async read(id: InvoiceId, lock: boolean): Promise<Invoice | null> {
    const row = await this.em.findOne(InvoiceSchema, { id }, { ...NO_MAP, ...(lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {}) });
    return row ? ((await this.withLines([row]))[0] ?? null) : null;
  }

  private async withLines(rows: InvoiceRow[]): Promise<Invoice[]> {
    if (rows.length === 0) return [];
    const lines = await this.em.find(InvoiceLineSchema, { invoiceId: { $in: rows.map((r) => r.id) } }, NO_MAP);
    return rows.map((row) => toInvoice(row, lines.filter((l) => l.invoiceId === row.id)));
  }
}
