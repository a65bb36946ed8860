import { DomainError, Money, newId, type UserId } from '@cadenza/shared/kernel';
import { Temporal } from 'temporal-polyfill';
import { isCharged, type BilledLesson } from './billed-lesson.js';
import type { BillingAccount } from './billing-account.js';
import type { BillingSettings } from './billing-settings.js';
import { periodCharges, type ChargeWarning } from './charges.js';
import type { BillingAccountId, BillingRunId, InvoiceId, InvoiceLineId, LessonId } from './ids.js';
import { Invoice, type BillingPeriod, type InvoiceLine } from './invoice.js';
import type { Rate } from './rate.js';

/** A billing run: one per school and period, its accounts split into batches, each batch billed once. */
export interface BillingRun {
  id: BillingRunId;
  period: BillingPeriod;
  startedAt: Date;
  /** The admin who started it; null for the school's scheduled run. */
  startedBy: UserId | null;
  accounts: number;
  batches: number;
}

/** Where a run stands: accounts and batches done, invoices issued; done once every batch is. */
export interface BillingRunProgress {
  run: BillingRun;
  accountsDone: number;
  batchesDone: number;
  invoices: number;
}

export const runFinished = (p: BillingRunProgress): boolean => p.batchesDone === p.run.batches;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The billing period of a month (`YYYY-MM`): its first day to the next month's, calendar days in the school's zone; a 400 naming `period` otherwise. */
export function monthPeriod(month: string): BillingPeriod {
  if (!MONTH.test(month)) throw DomainError.invalid('BILLING.INVALID_PERIOD', 'period', 'Must be a month, YYYY-MM.');
  const first = Temporal.PlainYearMonth.from(month).toPlainDate({ day: 1 });
  return { from: first.toString(), to: first.add({ months: 1 }).toString() };
}

/** The instants the period starts and ends at in the school's zone. */
export function periodInstants(period: BillingPeriod, timeZone: string): { from: Date; to: Date } {
  const at = (date: string) => new Date(Temporal.PlainDate.from(date).toZonedDateTime({ timeZone }).epochMilliseconds);
  return { from: at(period.from), to: at(period.to) };
}

/** What earlier invoices (not void) of an account charged and credited, by lesson. */
export interface LessonLedger {
  /** Each lesson charged, with what was charged for it. */
  charged: Map<LessonId, Money>;
  /** The lessons credited since. */
  credited: Set<LessonId>;
}

export interface RunDraftsInput {
  period: BillingPeriod;
  currency: string;
  accounts: readonly BillingAccount[];
  /** The period's lessons of the accounts' students. */
  lessons: readonly BilledLesson[];
  /** Lessons earlier invoices of these accounts charged and did not credit, as billing knows them now. */
  earlierLessons: readonly BilledLesson[];
  ledgers: ReadonlyMap<BillingAccountId, LessonLedger>;
  rates: readonly Rate[];
  settings: BillingSettings;
  now: Date;
  runId?: BillingRunId;
  describe: (lesson: BilledLesson) => string;
}

export interface RunDrafts {
  /** One draft per account with lines, whatever its total (a total at or below zero is not issued: its credits wait). */
  drafts: Map<BillingAccountId, Invoice>;
  warnings: ChargeWarning[];
}

/**
 * The period's draft invoice of each account: a line per lesson the period charges it (`periodCharges`) that no
 * earlier invoice charged, and a credit per lesson an earlier invoice charged that is no longer charged (a teacher's
 * or the school's cancellation, a withdrawn delivery), for what was charged. Pure: the run and its preview share it.
 */
export function runDrafts(input: RunDraftsInput): RunDrafts {
  const lessonTypes = new Map(input.lessons.map((l) => [l.id, l.lessonTypeId] as const));
  const charges = periodCharges({ lessons: input.lessons, lessonTypes, rates: input.rates, accounts: input.accounts, settings: input.settings });
  const byId = new Map([...input.lessons, ...input.earlierLessons].map((l) => [l.id, l] as const));
  const drafts = new Map<BillingAccountId, Invoice>();
  for (const account of input.accounts) {
    const ledger = input.ledgers.get(account.id) ?? { charged: new Map(), credited: new Set() };
    const lines: InvoiceLine[] = [];
    for (const charge of charges.byAccount.get(account.id) ?? []) {
      if (ledger.charged.has(charge.lessonId)) continue;
      const lesson = byId.get(charge.lessonId);
      lines.push({ id: newId<InvoiceLineId>(), kind: 'lesson', sourceId: charge.lessonId, studentId: charge.studentIds.length === 1 ? charge.studentIds[0] : null, description: lesson ? input.describe(lesson) : 'Lesson', amount: charge.amount });
    }
    for (const [lessonId, amount] of ledger.charged) {
      if (ledger.credited.has(lessonId)) continue;
      const lesson = byId.get(lessonId);
      if (!lesson || isCharged(lesson, input.settings.chargeBasis) || amount.minor <= 0) continue;
      lines.push({ id: newId<InvoiceLineId>(), kind: 'credit', sourceId: lessonId, studentId: null, description: `Credit: ${input.describe(lesson)}, not taken`, amount: Money.zero(amount.currency).subtract(amount) });
    }
    if (lines.length === 0) continue;
    const invoice = Invoice.draft({ id: newId<InvoiceId>(), accountId: account.id, currency: input.currency, period: { ...input.period }, taxBasisPoints: input.settings.taxBasisPoints, createdAt: input.now });
    for (const line of lines) invoice.addLine(line);
    drafts.set(account.id, invoice);
  }
  return { drafts, warnings: charges.warnings };
}
