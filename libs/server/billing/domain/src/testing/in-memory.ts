import { DomainError, Money, type FamilyId, type UserId } from '@cadenza/shared/kernel';
import { RecordingPublisher } from '@cadenza/shared/kernel/testing';
import type { BilledLesson } from '../model/billed-lesson.js';
import { BillingAccount, type BillingAccountState } from '../model/billing-account.js';
import { DEFAULT_BILLING_SETTINGS, type BillingSettings } from '../model/billing-settings.js';
import type { BillingRun, BillingRunProgress, LessonLedger } from '../model/billing-run.js';
import type { BillingAccountId, BillingRunId, InvoiceId, LessonId, LessonTypeId, RateId } from '../model/ids.js';
import { Invoice, type InvoiceState } from '../model/invoice.js';
import { Rate, type RateState } from '../model/rate.js';
import { BilledLessons } from '../ports/billed-lessons.js';
import { BillingAccounts } from '../ports/billing-accounts.js';
import type { BillingEvent, BillingEvents } from '../ports/billing-events.js';
import { BillingDirectory, type BillableLessonType, type BillingContact, type BillingFamily } from '../ports/billing-directory.js';
import { InvoiceRenderer } from '../ports/invoice-renderer.js';
import type { InvoiceDocument } from '../model/invoice-document.js';
import { BillingRunQueue, BillingRuns, type RunBatchRef } from '../ports/billing-runs.js';
import { BillingSettingsStore } from '../ports/billing-settings-store.js';
import { InvoiceNumbering } from '../ports/invoice-numbering.js';
import { Invoices, type InvoiceQuery } from '../ports/invoices.js';
import { Rates } from '../ports/rates.js';

export class InMemoryRates extends Rates {
  readonly byId = new Map<RateId, RateState>();

  async list(): Promise<Rate[]> {
    return [...this.byId.values()].map(Rate.restore);
  }
  async get(id: RateId): Promise<Rate | null> {
    const state = this.byId.get(id);
    return state ? Rate.restore(state) : null;
  }
  async save(rate: Rate): Promise<void> {
    if ([...this.byId.values()].some((s) => s.id !== rate.id && Rate.restore(s).sameScope(rate))) throw new DomainError('BILLING.RATE_EXISTS', 'conflict', 'A rate of this scope exists.');
    this.byId.set(rate.id, rate.snapshot());
  }
  async remove(id: RateId): Promise<void> {
    this.byId.delete(id);
  }
}

export class InMemoryBillingSettings extends BillingSettingsStore {
  readonly kept: BillingSettings[] = [];

  async get(): Promise<BillingSettings> {
    return { ...(this.kept.at(-1) ?? DEFAULT_BILLING_SETTINGS) };
  }
  async save(settings: BillingSettings): Promise<void> {
    this.kept.push({ ...settings });
  }
}

export class InMemoryBillingAccounts extends BillingAccounts {
  readonly byId = new Map<BillingAccountId, BillingAccountState>();

  async get(id: BillingAccountId): Promise<BillingAccount | null> {
    const state = this.byId.get(id);
    return state ? BillingAccount.restore(state) : null;
  }
  async forFamily(familyId: FamilyId): Promise<BillingAccount | null> {
    const state = [...this.byId.values()].find((s) => s.familyId === familyId);
    return state ? BillingAccount.restore(state) : null;
  }
  async forAdultStudent(studentId: UserId): Promise<BillingAccount | null> {
    const state = [...this.byId.values()].find((s) => s.ownStudentId === studentId);
    return state ? BillingAccount.restore(state) : null;
  }
  async list(): Promise<BillingAccount[]> {
    return [...this.byId.values()].map(BillingAccount.restore);
  }
  async byIds(ids: readonly BillingAccountId[]): Promise<BillingAccount[]> {
    return ids.flatMap((id) => (this.byId.has(id) ? [BillingAccount.restore(this.byId.get(id) as BillingAccountState)] : []));
  }
  async save(account: BillingAccount): Promise<void> {
    const s = account.snapshot();
    const clash = [...this.byId.values()].some((o) => o.id !== s.id && ((s.familyId !== null && o.familyId === s.familyId) || (s.ownStudentId !== null && o.ownStudentId === s.ownStudentId)));
    if (clash) throw new DomainError('BILLING.ACCOUNT_EXISTS', 'conflict', 'The family or student has an account already.');
    this.byId.set(s.id, s);
  }
}

/**
 * Invoices in memory. `forUpdate` holds nothing: the in-memory unit of work (`SnapshotUnitOfWork`) runs units one at a
 * time, which is the guarantee the PostgreSQL adapter gives with its row lock.
 */
export class InMemoryInvoices extends Invoices {
  readonly byId = new Map<InvoiceId, InvoiceState>();

  async get(id: InvoiceId): Promise<Invoice | null> {
    const state = this.byId.get(id);
    return state ? Invoice.restore(state) : null;
  }
  forUpdate(id: InvoiceId): Promise<Invoice | null> {
    return this.get(id);
  }
  async list(query: InvoiceQuery): Promise<Invoice[]> {
    return [...this.byId.values()]
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id.localeCompare(a.id))
      .filter((s) => (!query.accountIds || query.accountIds.includes(s.accountId)) && (!query.status || s.status === query.status) && (!query.periodFrom || s.period?.from === query.periodFrom))
      .map(Invoice.restore);
  }
  /** Which run made each invoice: a run invoices an account once. */
  readonly ofRun = new Map<InvoiceId, BillingRunId>();

  async addForRun(runId: BillingRunId, invoices: readonly Invoice[]): Promise<void> {
    for (const invoice of invoices) {
      if ([...this.ofRun].some(([id, run]) => run === runId && this.byId.get(id)?.accountId === invoice.accountId)) throw new DomainError('BILLING.RUN_INVOICED', 'conflict', 'The run invoiced the account already.');
      await this.save(invoice);
      this.ofRun.set(invoice.id, runId);
    }
  }
  async lessonLedgers(accountIds: readonly BillingAccountId[]): Promise<Map<BillingAccountId, LessonLedger>> {
    const ledgers = new Map<BillingAccountId, LessonLedger>();
    for (const s of this.byId.values()) {
      if (s.status === 'void' || !accountIds.includes(s.accountId)) continue;
      const ledger = ledgers.get(s.accountId) ?? { charged: new Map(), credited: new Set() };
      for (const line of s.lines) {
        if (line.kind === 'lesson') ledger.charged.set(line.sourceId as LessonId, (ledger.charged.get(line.sourceId as LessonId) ?? Money.zero(line.amount.currency)).add(line.amount));
        if (line.kind === 'credit') ledger.credited.add(line.sourceId as LessonId);
      }
      ledgers.set(s.accountId, ledger);
    }
    return ledgers;
  }
  async save(invoice: Invoice): Promise<void> {
    const s = invoice.snapshot();
    if (s.number !== null && [...this.byId.values()].some((o) => o.id !== s.id && o.number === s.number)) throw new DomainError('BILLING.NUMBER_TAKEN', 'conflict', `Invoice number ${s.number} is taken.`);
    this.byId.set(s.id, s);
  }
}

/** Numbers in memory: the numbers taken, so a unit that fails gives its number back (`SnapshotUnitOfWork` restores the array). */
export class InMemoryInvoiceNumbering extends InvoiceNumbering {
  readonly taken: number[] = [];

  async next(): Promise<number> {
    return this.take(1);
  }
  async take(count: number): Promise<number> {
    const first = this.taken.length + 1;
    for (let i = 0; i < count; i++) this.taken.push(first + i);
    return first;
  }
}

export class FakeBillingDirectory extends BillingDirectory {
  schoolCurrency = 'GBP';
  readonly lessonTypes = new Map<LessonTypeId, BillableLessonType>();
  readonly schoolFamilies: BillingFamily[] = [];
  /** Guardian → the families they have access in. */
  readonly guardians = new Map<UserId, FamilyId[]>();

  /** Scheduling's lessons' types. */
  readonly typeOfLesson = new Map<LessonId, LessonTypeId | null>();

  async lessonTypesOf(lessonIds: readonly LessonId[]): Promise<Map<LessonId, LessonTypeId | null>> {
    return new Map(lessonIds.flatMap((id) => (this.typeOfLesson.has(id) ? [[id, this.typeOfLesson.get(id) ?? null] as const] : [])));
  }
  async families(): Promise<BillingFamily[]> {
    return this.schoolFamilies.map((f) => ({ ...f, studentIds: [...f.studentIds] }));
  }
  /** Guardian → the families they have full access to a child in (also to be listed in `guardians`). */
  readonly fullAccess = new Map<UserId, FamilyId[]>();

  async familiesGuardedBy(guardianId: UserId): Promise<FamilyId[]> {
    return [...(this.guardians.get(guardianId) ?? [])];
  }
  async familiesWithFullAccess(guardianId: UserId): Promise<FamilyId[]> {
    return [...(this.fullAccess.get(guardianId) ?? [])];
  }
  async guardiansOf(familyId: FamilyId): Promise<UserId[]> {
    return [...this.guardians].filter(([, families]) => families.includes(familyId)).map(([guardian]) => guardian);
  }

  schoolTimeZone = 'Europe/London';
  name = 'Cadenza Music School';
  /** The school's people as billing addresses them. */
  readonly people = new Map<UserId, BillingContact>();

  async schoolName(): Promise<string> {
    return this.name;
  }
  async contacts(ids: readonly UserId[]): Promise<Map<UserId, BillingContact>> {
    return new Map(ids.flatMap((id) => {
      const person = this.people.get(id);
      return person ? [[id, { ...person }] as const] : [];
    }));
  }

  async currency(): Promise<string> {
    return this.schoolCurrency;
  }
  async timeZone(): Promise<string> {
    return this.schoolTimeZone;
  }
  async lessonType(id: LessonTypeId): Promise<BillableLessonType | null> {
    return this.lessonTypes.get(id) ?? null;
  }
}

const copyLesson = (l: BilledLesson): BilledLesson => ({ ...l, studentIds: [...l.studentIds] });

export class InMemoryBilledLessons extends BilledLessons {
  readonly byId = new Map<LessonId, BilledLesson>();

  async get(id: LessonId): Promise<BilledLesson | null> {
    const lesson = this.byId.get(id);
    return lesson ? copyLesson(lesson) : null;
  }
  async record(lesson: BilledLesson): Promise<void> {
    this.byId.set(lesson.id, copyLesson(lesson));
  }
  async forStudents(studentIds: readonly UserId[], from: Date, to: Date): Promise<BilledLesson[]> {
    return (await this.startingBetween(from, to)).filter((l) => l.studentIds.some((s) => studentIds.includes(s)));
  }
  async byIds(ids: readonly LessonId[]): Promise<BilledLesson[]> {
    return ids.flatMap((id) => (this.byId.has(id) ? [copyLesson(this.byId.get(id) as BilledLesson)] : []));
  }
  async startingBetween(from: Date, to: Date): Promise<BilledLesson[]> {
    return [...this.byId.values()]
      .filter((l) => l.start >= from && l.start < to)
      .sort((a, b) => a.start.getTime() - b.start.getTime() || a.id.localeCompare(b.id))
      .map(copyLesson);
  }
}

interface RunRow {
  run: BillingRun;
  batches: { accountIds: BillingAccountId[]; done: boolean; invoices: number }[];
}

/** Runs in memory: one per period; a batch is claimed and finished inside the (one at a time) unit of work. */
export class InMemoryBillingRuns extends BillingRuns {
  readonly rows: RunRow[] = [];
  schoolId = 'school';

  async create(run: BillingRun): Promise<boolean> {
    if (this.rows.some((r) => r.run.period.from === run.period.from)) return false;
    this.rows.push({ run: { ...run, period: { ...run.period } }, batches: [] });
    return true;
  }
  async addBatches(runId: BillingRunId, batches: readonly (readonly BillingAccountId[])[]): Promise<void> {
    this.replace(runId, (row) => ({
      run: { ...row.run, accounts: batches.reduce((n, b) => n + b.length, 0), batches: batches.length },
      batches: batches.map((accountIds) => ({ accountIds: [...accountIds], done: false, invoices: 0 })),
    }));
  }
  async byPeriod(from: string): Promise<BillingRunProgress | null> {
    const row = this.rows.find((r) => r.run.period.from === from);
    return row ? this.progressOf(row) : null;
  }
  async progress(runId: BillingRunId): Promise<BillingRunProgress | null> {
    const row = this.row(runId);
    return row ? this.progressOf(row) : null;
  }
  async list(): Promise<BillingRunProgress[]> {
    return [...this.rows].sort((a, b) => b.run.period.from.localeCompare(a.run.period.from)).map((r) => this.progressOf(r));
  }
  async claim(runId: BillingRunId, batch: number): Promise<BillingAccountId[] | null> {
    const b = this.row(runId)?.batches[batch];
    return b && !b.done ? [...b.accountIds] : null;
  }
  async finish(runId: BillingRunId, batch: number, invoices: number): Promise<void> {
    this.replace(runId, (row) => ({ ...row, batches: row.batches.map((b, i) => (i === batch ? { ...b, done: true, invoices } : b)) }));
  }
  async pendingAcrossSchools(startedBefore: Date, limit: number): Promise<RunBatchRef[]> {
    return this.rows
      .filter((r) => r.run.startedAt < startedBefore)
      .flatMap((r) => r.batches.flatMap((b, batch) => (b.done ? [] : [{ schoolId: this.schoolId, runId: r.run.id, batch }])))
      .slice(0, limit);
  }
  /** Rows are replaced, never changed in place, so the unit of work's copy of `rows` rolls them back. */
  private replace(runId: BillingRunId, change: (row: RunRow) => RunRow): void {
    const i = this.rows.findIndex((r) => r.run.id === runId);
    if (i >= 0) this.rows[i] = change(this.rows[i] as RunRow);
  }
  private row(runId: BillingRunId): RunRow | undefined {
    return this.rows.find((r) => r.run.id === runId);
  }
  private progressOf(row: RunRow): BillingRunProgress {
    const done = row.batches.filter((b) => b.done);
    return { run: { ...row.run }, accountsDone: done.reduce((n, b) => n + b.accountIds.length, 0), batchesDone: done.length, invoices: done.reduce((n, b) => n + b.invoices, 0) };
  }
}

/** The batches handed on, in order; a spec bills them when it chooses. */
export class RecordingBillingRunQueue extends BillingRunQueue {
  readonly enqueued: RunBatchRef[] = [];

  async enqueue(batches: readonly RunBatchRef[]): Promise<void> {
    this.enqueued.push(...batches);
  }
}

/** Billing's events as published, in order (rolled back with the unit of work that published them). */
export class RecordingBillingEvents extends RecordingPublisher<BillingEvent> implements BillingEvents {}

/** Renders an invoice's document as plain text, a line per part: what the specs read in place of the PDF. */
export class TextInvoiceRenderer extends InvoiceRenderer {
  readonly rendered: InvoiceDocument[] = [];

  async render(document: InvoiceDocument): Promise<Uint8Array> {
    this.rendered.push(document);
    const money = (m: { minor: number; currency: string }) => `${m.currency} ${(m.minor / 100).toFixed(2)}`;
    const text = [
      document.school.name,
      ...document.school.address,
      `Invoice ${document.number ?? 'draft'} (${document.status})`,
      `Bill to: ${document.billTo.name}`,
      ...document.lines.map((l) => `${l.description}: ${money(l.amount)}`),
      `Total: ${money(document.total)}`,
      `Open: ${money(document.open)}`,
      ...document.paymentInstructions,
    ].join('\n');
    return new TextEncoder().encode(text);
  }
}
