import { integrationEvent, outgoingEvent } from '@cadenza/shared/integration-events';
import { DomainError, newId, type Actor, type Money, type AuditTrail, type Clock, type SchoolId, type UnitOfWork } from '@cadenza/shared/kernel';
import { Temporal } from 'temporal-polyfill';
import { requireAdmin } from '../model/actor.js';
import type { BilledLesson } from '../model/billed-lesson.js';
import { BillingAccount } from '../model/billing-account.js';
import { monthPeriod, periodInstants, runDrafts, type BillingRun, type BillingRunProgress, type LessonLedger } from '../model/billing-run.js';
import type { ChargeWarning } from '../model/charges.js';
import { dueScheduledRun } from '../model/run-schedule.js';
import type { BillingAccountId, BillingRunId, LessonTypeId } from '../model/ids.js';
import type { BillingPeriod } from '../model/invoice.js';
import type { BilledLessons } from '../ports/billed-lessons.js';
import type { BillingAccounts } from '../ports/billing-accounts.js';
import type { BillingDirectory, BillingFamily } from '../ports/billing-directory.js';
import type { BillingEvents } from '../ports/billing-events.js';
import type { BillingRunQueue, BillingRuns, RunBatchRef } from '../ports/billing-runs.js';
import type { BillingSettingsStore } from '../ports/billing-settings-store.js';
import type { InvoiceNumbering } from '../ports/invoice-numbering.js';
import type { Invoices } from '../ports/invoices.js';
import type { Rates } from '../ports/rates.js';

/** Accounts a batch of a run bills in one unit of work. */
export const RUN_BATCH_SIZE = 200;

const runNotFound = () => DomainError.notFound('BILLING.RUN_NOT_FOUND', 'The billing run');

/**
 * The school's accounts as its families now are: each family's account following its payer and children, a new
 * account for a family without one (`added`); adult students' own accounts as they are.
 */
export function accountsForFamilies(existing: readonly BillingAccount[], families: readonly BillingFamily[]): { accounts: BillingAccount[]; changed: BillingAccount[] } {
  const byFamily = new Map(existing.filter((a) => a.familyId !== null).map((a) => [a.familyId, a] as const));
  const changed: BillingAccount[] = [];
  for (const family of families) {
    const account = byFamily.get(family.familyId);
    if (!account) {
      changed.push(BillingAccount.forFamily({ id: newId<BillingAccountId>(), familyId: family.familyId, payerId: family.payerId, studentIds: family.studentIds }));
      continue;
    }
    const before = JSON.stringify([account.payerId, account.studentIds]);
    account.follow(family);
    if (JSON.stringify([account.payerId, account.studentIds]) !== before) changed.push(account);
  }
  const ids = new Set(changed.map((a) => a.id));
  return { accounts: [...existing.filter((a) => !ids.has(a.id)), ...changed], changed };
}

/** Reads what a period's drafts are made from, for all the school's accounts (the preview) or a batch's. */
class RunInputs {
  constructor(
    private readonly lessons: BilledLessons,
    private readonly invoices: Invoices,
    private readonly rates: Rates,
    private readonly settings: BillingSettingsStore,
    private readonly directory: BillingDirectory,
    private readonly clock: Clock,
  ) {}

  async drafts(period: BillingPeriod, accounts: readonly BillingAccount[], scope: 'school' | 'accounts', runId?: BillingRunId) {
    const [settings, rates, currency, timeZone] = [await this.settings.get(), await this.rates.list(), await this.directory.currency(), await this.directory.timeZone()];
    const { from, to } = periodInstants(period, timeZone);
    const students = [...new Set(accounts.flatMap((a) => a.studentIds))];
    const lessons = await this.typed(scope === 'school' ? await this.lessons.startingBetween(from, to) : await this.lessons.forStudents(students, from, to));
    const ledgers = await this.invoices.lessonLedgers(accounts.map((a) => a.id));
    const inPeriod = new Set(lessons.map((l) => l.id));
    const open = (ledger: LessonLedger) => [...ledger.charged.keys()].filter((id) => !ledger.credited.has(id) && !inPeriod.has(id));
    const earlierLessons = await this.lessons.byIds([...new Set([...ledgers.values()].flatMap(open))]);
    const names = await this.typeNames([...lessons, ...earlierLessons]);
    const describe = (l: BilledLesson) => `${(l.lessonTypeId && names.get(l.lessonTypeId)) || 'Lesson'}, ${Temporal.Instant.fromEpochMilliseconds(l.start.getTime()).toZonedDateTimeISO(timeZone).toPlainDate().toString()}`;
    const result = runDrafts({ period, currency, accounts, lessons, earlierLessons, ledgers, rates, settings, now: this.clock.now(), runId, describe });
    return { ...result, lessons, settings };
  }

  /** The lessons with their types: a lesson recorded before billing kept types takes scheduling's now. */
  private async typed(lessons: BilledLesson[]): Promise<BilledLesson[]> {
    const untyped = lessons.filter((l) => l.lessonTypeId === null).map((l) => l.id);
    if (untyped.length === 0) return lessons;
    const types = await this.directory.lessonTypesOf(untyped);
    return lessons.map((l) => (l.lessonTypeId === null ? { ...l, lessonTypeId: types.get(l.id) ?? null } : l));
  }

  private async typeNames(lessons: readonly BilledLesson[]): Promise<Map<LessonTypeId, string>> {
    const names = new Map<LessonTypeId, string>();
    for (const id of new Set(lessons.flatMap((l) => (l.lessonTypeId ? [l.lessonTypeId] : [])))) {
      const type = await this.directory.lessonType(id);
      if (type) names.set(id, type.name);
    }
    return names;
  }
}

export interface RunPreview {
  period: BillingPeriod;
  currency: string;
  /** The period's run if it was started: a preview never starts one. */
  run: BillingRunProgress | null;
  accounts: { accountId: BillingAccountId; familyName: string | null; lessons: number; credits: number; total: Money; issued: boolean }[];
  warnings: (ChargeWarning & { lesson: BilledLesson | null })[];
}

/** What the period's run would invoice each account, and what it cannot charge; writes nothing. Admins. */
export class PreviewBillingRun {
  constructor(
    private readonly accounts: BillingAccounts,
    private readonly runs: BillingRuns,
    private readonly directory: BillingDirectory,
    private readonly inputs: RunInputs,
  ) {}

  async execute(actor: Actor, month: string): Promise<RunPreview> {
    requireAdmin(actor);
    const period = monthPeriod(month);
    const families = await this.directory.families();
    const { accounts } = accountsForFamilies(await this.accounts.list(), families);
    const { drafts, warnings, lessons } = await this.inputs.drafts(period, accounts, 'school');
    const names = new Map(families.map((f) => [f.familyId, f.name]));
    const byId = new Map(lessons.map((l) => [l.id, l]));
    const rows = accounts.flatMap((account) => {
      const draft = drafts.get(account.id);
      if (!draft) return [];
      const total = draft.total();
      return [{ accountId: account.id, familyName: account.familyId ? (names.get(account.familyId) ?? null) : null, lessons: draft.lines.filter((l) => l.kind === 'lesson').length, credits: draft.lines.filter((l) => l.kind === 'credit').length, total, issued: total.minor > 0 }];
    });
    rows.sort((a, b) => (a.familyName ?? '').localeCompare(b.familyName ?? '') || a.accountId.localeCompare(b.accountId));
    return { period, currency: await this.directory.currency(), run: await this.runs.byPeriod(period.from), accounts: rows, warnings: warnings.map((w) => ({ ...w, lesson: byId.get(w.lessonId) ?? null })) };
  }
}

/**
 * Starts the school's run for a period: in one unit of work the run's row (unique per school and period: a second
 * start, even racing, makes nothing and answers the run there is), the accounts following the families, and the
 * accounts in batches; then hands the batches on (`BillingRunQueue`). `actor` null: the school's scheduled run.
 */
export class StartBillingRun {
  constructor(
    private readonly accounts: BillingAccounts,
    private readonly runs: BillingRuns,
    private readonly directory: BillingDirectory,
    private readonly queue: BillingRunQueue,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor | null, schoolId: SchoolId, month: string): Promise<{ progress: BillingRunProgress; created: boolean }> {
    if (actor) requireAdmin(actor);
    const period = monthPeriod(month);
    const made = await this.uow.run(async () => {
      const run: BillingRun = { id: newId<BillingRunId>(), period, startedAt: this.clock.now(), startedBy: actor?.userId ?? null, accounts: 0, batches: 0 };
      if (!(await this.runs.create(run))) return null;
      const { accounts, changed } = accountsForFamilies(await this.accounts.list(), await this.directory.families());
      for (const account of changed) await this.accounts.save(account);
      const ids = accounts.map((a) => a.id).sort();
      const batches = Array.from({ length: Math.ceil(ids.length / RUN_BATCH_SIZE) }, (_, i) => ids.slice(i * RUN_BATCH_SIZE, (i + 1) * RUN_BATCH_SIZE));
      await this.runs.addBatches(run.id, batches);
      await this.audit.record({ schoolId, actorId: actor?.userId ?? null, action: 'billing.run.started', entityType: 'billing_run', entityId: run.id, after: { period, accounts: ids.length } });
      return { runId: run.id, batches: batches.length };
    });
    if (made) await this.queue.enqueue(Array.from({ length: made.batches }, (_, batch) => ({ schoolId, runId: made.runId, batch })));
    const progress = await this.runs.byPeriod(period.from);
    if (!progress) throw runNotFound();
    return { progress, created: made !== null };
  }
}

/**
 * The school's scheduled run (no actor): when its settings' day and time have come this month, starts the month they
 * bill unless it was started (`dueScheduledRun`). Two workers, a retried tick or a restart start it once: the run's
 * row is unique per school and period. Returns the month and whether this call started it; null when none is due.
 */
export class StartScheduledBillingRun {
  constructor(
    private readonly settings: BillingSettingsStore,
    private readonly runs: BillingRuns,
    private readonly directory: BillingDirectory,
    private readonly start: StartBillingRun,
    private readonly clock: Clock,
  ) {}

  async execute(schoolId: SchoolId): Promise<{ month: string; created: boolean } | null> {
    const due = dueScheduledRun(await this.settings.get(), this.clock.now(), await this.directory.timeZone());
    if (!due) return null;
    if (await this.runs.byPeriod(monthPeriod(due.month).from)) return { month: due.month, created: false };
    const { created } = await this.start.execute(null, schoolId, due.month);
    return { month: due.month, created };
  }
}

/**
 * Bills one batch of a run, once: in one unit of work it holds the batch (done: nothing to do), makes each account's
 * draft from the period's charges and credits (`runDrafts`), takes the numbers of those to issue at once (the school's
 * counter held to the end of the unit, so numbers are gapless), issues and adds them, and marks the batch done. A
 * batch killed half-way leaves nothing; retried, stalled or enqueued twice, it bills once. Its event
 * (`billing.run_batch_billed.v1`, in the same unit of work) lets the admins watching see the run's progress. Returns the invoices issued.
 */
export class BillRunBatch {
  constructor(
    private readonly accounts: BillingAccounts,
    private readonly runs: BillingRuns,
    private readonly invoices: Invoices,
    private readonly numbering: InvoiceNumbering,
    private readonly inputs: RunInputs,
    private readonly events: BillingEvents,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(ref: RunBatchRef): Promise<number> {
    return this.uow.run(async () => {
      const accountIds = await this.runs.claim(ref.runId, ref.batch);
      if (!accountIds) return 0;
      const progress = await this.runs.progress(ref.runId);
      if (!progress) throw runNotFound();
      const accounts = await this.accounts.byIds(accountIds);
      const { drafts, settings } = await this.inputs.drafts(progress.run.period, accounts, 'accounts', ref.runId);
      const issuable = [...drafts.values()].filter((d) => d.total().minor > 0);
      if (issuable.length > 0) {
        const first = await this.numbering.take(issuable.length);
        const now = this.clock.now();
        issuable.forEach((invoice, i) => invoice.issue(first + i, now, settings.dueDays));
        await this.invoices.addForRun(ref.runId, issuable);
        await this.audit.record({ schoolId: ref.schoolId as SchoolId, actorId: null, action: 'billing.run.batch_issued', entityType: 'billing_run', entityId: ref.runId, after: { batch: ref.batch, invoices: issuable.length, numbers: [first, first + issuable.length - 1] } });
      }
      await this.runs.finish(ref.runId, ref.batch, issuable.length);
      const billed = { runId: ref.runId, periodFrom: progress.run.period.from, batch: ref.batch, invoices: issuable.length };
      await this.events.publish([outgoingEvent(ref.schoolId as SchoolId, this.clock.now(), integrationEvent('billing.run_batch_billed.v1', billed))]);
      return issuable.length;
    });
  }
}

/** The school's runs, newest period first, and one by its month. Admins. */
export class ListBillingRuns {
  constructor(private readonly runs: BillingRuns) {}

  async execute(actor: Actor): Promise<BillingRunProgress[]> {
    requireAdmin(actor);
    return this.runs.list();
  }
}

export class GetBillingRun {
  constructor(private readonly runs: BillingRuns) {}

  async execute(actor: Actor, month: string): Promise<BillingRunProgress> {
    requireAdmin(actor);
    const progress = await this.runs.byPeriod(monthPeriod(month).from);
    if (!progress) throw runNotFound();
    return progress;
  }
}

export { RunInputs };
