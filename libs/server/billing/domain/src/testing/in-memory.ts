import { DomainError, type FamilyId, type UserId } from '@cadenza/shared/kernel';
import type { BilledLesson } from '../model/billed-lesson.js';
import { BillingAccount, type BillingAccountState } from '../model/billing-account.js';
import { DEFAULT_BILLING_SETTINGS, type BillingSettings } from '../model/billing-settings.js';
import type { BillingAccountId, InvoiceId, LessonId, LessonTypeId, RateId } from '../model/ids.js';
import { Invoice, type InvoiceState } from '../model/invoice.js';
import { Rate, type RateState } from '../model/rate.js';
import { BilledLessons } from '../ports/billed-lessons.js';
import { BillingAccounts } from '../ports/billing-accounts.js';
import { BillingDirectory, type BillableLessonType, type BillingFamily } from '../ports/billing-directory.js';
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
    const number = this.taken.length + 1;
    this.taken.push(number);
    return number;
  }
}

export class FakeBillingDirectory extends BillingDirectory {
  schoolCurrency = 'GBP';
  readonly lessonTypes = new Map<LessonTypeId, BillableLessonType>();
  readonly schoolFamilies: BillingFamily[] = [];
  /** Guardian → the families they have access in. */
  readonly guardians = new Map<UserId, FamilyId[]>();

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

  async currency(): Promise<string> {
    return this.schoolCurrency;
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
  async startingBetween(from: Date, to: Date): Promise<BilledLesson[]> {
    return [...this.byId.values()]
      .filter((l) => l.start >= from && l.start < to)
      .sort((a, b) => a.start.getTime() - b.start.getTime() || a.id.localeCompare(b.id))
      .map(copyLesson);
  }
}
