import { AuditTrail, Clock, DomainError, UnitOfWork, type Actor } from '@cadenza/shared/kernel';
import { requireAdmin } from '../model/actor.js';
import type { ImportKind } from '../model/import-kinds.js';
import { mapRows, type ImportMapping, type ImportProblem, type ImportTable } from '../model/import-rows.js';
import { RowProblems } from '../model/row-problems.js';
import { checkRows } from '../model/row-checks.js';
import { ImportProgress } from '../ports/import-progress.js';
import { ImportTargets } from '../ports/import-targets.js';

export interface RunImportInput {
  kind: ImportKind;
  table: ImportTable;
  mapping: ImportMapping;
  /** The wizard's id for this run, under which its progress can be read. */
  runId: string;
  /** False: a dry run, which checks everything and writes nothing. */
  commit: boolean;
}

export interface ImportReport {
  kind: ImportKind;
  runId: string;
  committed: boolean;
  rowCount: number;
  /** Groups (families, or rows of the other kinds) that are new, and those already there as the file says. */
  created: number;
  unchanged: number;
  problems: ImportProblem[];
}

/** Thrown inside the import's unit of work to roll it back: a dry run, or a commit with problems. */
class RollBack extends Error {}

/**
 * A dry run or a commit of one file. Both check each row (fields, dates, duplicates within the file), then write every
 * group through the owning contexts' use cases in one unit of work, each group in a savepoint of its own so that one
 * refused group (an email taken, an unknown teacher or room, a lesson that clashes, also with an earlier row of the
 * file) is reported by row and field while the others are still checked against what the rows before them wrote. A
 * dry run then rolls everything back; a commit keeps it only when no row has a problem, with one audit entry, so the
 * school gets all of the file or none of it. Matching rows are left as they are, so importing a file again changes
 * nothing.
 */
export class RunImport {
  constructor(
    private readonly targets: ImportTargets,
    private readonly progress: ImportProgress,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, input: RunImportInput): Promise<ImportReport> {
    requireAdmin(actor);
    const rows = mapRows(input.kind, input.table, input.mapping);
    const state = { runId: input.runId, schoolId: actor.schoolId, kind: input.kind, done: 0, total: 0 };
    this.progress.report({ ...state, phase: 'checking' });
    const today = localDate(this.clock.now(), await this.targets.timeZone());
    const { groups, problems } = checkRows(input.kind, rows, input.mapping, today);
    state.total = groups.length;
    const report: ImportReport = { kind: input.kind, runId: input.runId, committed: false, rowCount: rows.length, created: 0, unchanged: 0, problems };
    try {
      await this.uow.run(async () => {
        const writer = await this.targets.open(actor, input.kind, input.runId);
        for (const group of groups) {
          try {
            const outcome = await this.uow.run(() => writer.write(group));
            report[outcome] += 1;
          } catch (error) {
            if (!(error instanceof RowProblems)) throw error;
            problems.push(...error.problems.map((p) => ({ ...p, column: p.field ? (input.mapping[p.field] ?? null) : null })));
          }
          state.done += 1;
          if (state.done % 25 === 0 || state.done === state.total) this.progress.report({ ...state, phase: 'writing' });
        }
        if (!input.commit || problems.length > 0) throw new RollBack();
        await this.audit.record({
          schoolId: actor.schoolId,
          actorId: actor.userId,
          action: 'onboarding.import.committed',
          entityType: 'import',
          entityId: input.runId,
          after: { kind: input.kind, rows: rows.length, created: report.created, unchanged: report.unchanged },
        });
      });
      report.committed = true;
    } catch (error) {
      if (!(error instanceof RollBack)) {
        this.progress.report({ ...state, phase: 'failed' });
        throw error;
      }
    }
    problems.sort((a, b) => a.row - b.row);
    this.progress.report({ ...state, phase: report.committed || !input.commit ? 'done' : 'failed' });
    if (input.commit && !report.committed) throw rowsRefused(report);
    return report;
  }
}

/** The calendar date of an instant in a time zone, YYYY-MM-DD. */
export function localDate(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** A commit refused for its rows' problems (400): each named as `rows.<row>.<field>`, the whole report beside them. */
export function rowsRefused(report: ImportReport): DomainError {
  const count = new Set(report.problems.map((p) => p.row)).size;
  return new DomainError('ONBOARDING.ROWS_REFUSED', 'invalid', `${count} ${count === 1 ? 'row has' : 'rows have'} problems; nothing was imported.`, {
    fields: report.problems.map((p) => ({ field: `rows.${p.row}${p.field ? `.${p.field}` : ''}`, message: p.message })),
    report,
  });
}
