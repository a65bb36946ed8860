import { Injectable } from '@nestjs/common';
import { EntityManager, LockMode, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { currentSchool, schoolRows } from '@cadenza/server/platform/db';
import { Invoice, Invoices, type BillingAccountId, type BillingRunId, type InvoiceId, type InvoiceLineId, type InvoiceQuery, type InvoiceState, type InvoiceStatus, type LessonId, type LessonLedger, type LineKind } from '@cadenza/server/billing/domain';
import { asId, DomainError, Money, type UserId } from '@cadenza/shared/kernel';
import { InvoiceLineSchema, InvoiceSchema, type InvoiceLineRow, type InvoiceRow } from './entities.js';
import { BILLING_LESSON_LEDGERS } from './statements.js';

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

function toRow(s: InvoiceState, schoolId: string): InvoiceRow {
  return {
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
}

const linesOf = (s: InvoiceState, schoolId: string): InvoiceLineRow[] =>
  s.lines.map((l, position) => ({ id: l.id, schoolId, invoiceId: s.id, position, kind: l.kind, sourceId: l.sourceId, studentId: l.studentId, description: l.description, amountMinor: l.amount.minor, currency: l.amount.currency }));

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

  async addForRun(runId: BillingRunId, invoices: readonly Invoice[]): Promise<void> {
    if (invoices.length === 0) return;
    const schoolId = currentSchool(this.em);
    const snapshots = invoices.map((i) => i.snapshot());
    await this.em.insertMany(InvoiceSchema, snapshots.map((s) => ({ ...toRow(s, schoolId), runId })));
    await this.em.insertMany(InvoiceLineSchema, snapshots.flatMap((s) => linesOf(s, schoolId)));
  }

  async lessonLedgers(accountIds: readonly BillingAccountId[]): Promise<Map<BillingAccountId, LessonLedger>> {
    const ledgers = new Map<BillingAccountId, LessonLedger>();
    if (accountIds.length === 0) return ledgers;
    for (const row of await schoolRows(this.em, BILLING_LESSON_LEDGERS, [`{${accountIds.join(',')}}`])) {
      const accountId = asId<BillingAccountId>(row.account_id);
      const ledger = ledgers.get(accountId) ?? { charged: new Map(), credited: new Set() };
      if (row.kind === 'lesson') ledger.charged.set(asId<LessonId>(row.source_id), Money.of(Number(row.amount), row.currency.trim()));
      else ledger.credited.add(asId<LessonId>(row.source_id));
      ledgers.set(accountId, ledger);
    }
    return ledgers;
  }

  async save(invoice: Invoice): Promise<void> {
    const s = invoice.snapshot();
    const schoolId = currentSchool(this.em);
    const row = toRow(s, schoolId);
    try {
      await this.em.upsert(InvoiceSchema, row, NO_MAP);
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw new DomainError('BILLING.NUMBER_TAKEN', 'conflict', `Invoice number ${s.number} is taken.`);
      throw error;
    }
    // Lines change only while the invoice is a draft: written again as the invoice has them.
    await this.em.nativeDelete(InvoiceLineSchema, { invoiceId: s.id });
    if (s.lines.length > 0) {
      await this.em.insertMany(InvoiceLineSchema, linesOf(s, schoolId));
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
