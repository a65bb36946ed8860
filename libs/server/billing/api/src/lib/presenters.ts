import { runFinished, type BillingRunProgress, type BillingSettings, type Invoice, type NamedAccount, type Rate, type RunPreview } from '@cadenza/server/billing/domain';
import type { BillingAccountAnswer, BillingRate, BillingRunAnswer, BillingRunPreview, BillingSettingsAnswer, InvoiceDetail, InvoiceHistoryEntry, InvoiceSummary, MoneyAmount } from '@cadenza/shared/contracts';
import { Money } from '@cadenza/shared/kernel';

const money = (m: Money): MoneyAmount => ({ minor: m.minor, currency: m.currency });
const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export const presentSettings = (s: BillingSettings): BillingSettingsAnswer => ({ ...s });

export function presentRate(rate: Rate): BillingRate {
  const s = rate.snapshot();
  return { id: s.id, lessonTypeId: s.lessonTypeId, teacherId: s.teacherId, durationMinutes: s.durationMinutes, price: money(s.price), format: s.format };
}

export function presentAccount({ account, familyName }: NamedAccount): BillingAccountAnswer {
  const s = account.snapshot();
  return { id: s.id, familyId: s.familyId, familyName, ownStudentId: s.ownStudentId, payerId: s.payerId, studentIds: [...s.studentIds], discountBasisPoints: s.discountBasisPoints };
}

export function presentInvoice(invoice: Invoice, account: NamedAccount | undefined): InvoiceSummary {
  const s = invoice.snapshot();
  const family = { familyId: account?.account.familyId ?? null, familyName: account?.familyName ?? null };
  const amounts = { subtotal: money(invoice.subtotal()), tax: money(invoice.tax()), total: money(invoice.total()), paid: money(s.paid), open: money(invoice.open()) };
  const dates = { issuedAt: iso(s.issuedAt), dueAt: iso(s.dueAt), voidedAt: iso(s.voidedAt), createdAt: s.createdAt.toISOString() };
  return { id: s.id, number: s.number, status: s.status, accountId: s.accountId, ...family, period: s.period ? { ...s.period } : null, currency: s.currency, ...amounts, ...dates };
}

/** The invoice's history as its state records it: drafted, issued with its number, voided. */
function history(invoice: Invoice): InvoiceHistoryEntry[] {
  const s = invoice.snapshot();
  const entries: InvoiceHistoryEntry[] = [{ at: s.createdAt.toISOString(), event: 'drafted', number: null }];
  if (s.issuedAt) entries.push({ at: s.issuedAt.toISOString(), event: 'issued', number: s.number });
  if (s.voidedAt) entries.push({ at: s.voidedAt.toISOString(), event: 'voided', number: s.number });
  return entries;
}

export function presentInvoiceDetail(invoice: Invoice, account: NamedAccount): InvoiceDetail {
  const s = invoice.snapshot();
  return {
    ...presentInvoice(invoice, account),
    taxBasisPoints: s.taxBasisPoints,
    lines: s.lines.map((l) => ({ id: l.id, kind: l.kind, sourceId: l.sourceId, studentId: l.studentId, description: l.description, amount: money(l.amount) })),
    history: history(invoice),
  };
}

export function presentRun(p: BillingRunProgress): BillingRunAnswer {
  const r = p.run;
  return { id: r.id, period: { ...r.period }, startedAt: r.startedAt.toISOString(), startedBy: r.startedBy, accounts: r.accounts, batches: r.batches, accountsDone: p.accountsDone, batchesDone: p.batchesDone, invoices: p.invoices, finished: runFinished(p) };
}

export function presentPreview(preview: RunPreview): BillingRunPreview {
  const issued = preview.accounts.filter((a) => a.issued);
  const amount = issued.reduce((sum, a) => sum.add(a.total), Money.zero(preview.currency));
  return {
    period: { ...preview.period },
    run: preview.run ? presentRun(preview.run) : null,
    accounts: preview.accounts.map((a) => ({ accountId: a.accountId, familyName: a.familyName, lessons: a.lessons, credits: a.credits, total: money(a.total), issued: a.issued })),
    totals: { accounts: preview.accounts.length, invoices: issued.length, amount: money(amount) },
    warnings: preview.warnings.map((w) => ({ kind: w.kind, lessonId: w.lessonId, studentId: w.studentId, teacherId: w.lesson?.teacherId ?? null, start: iso(w.lesson?.start ?? null) })),
  };
}
