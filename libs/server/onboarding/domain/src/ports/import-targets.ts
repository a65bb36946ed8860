import type { Actor } from '@cadenza/shared/kernel';
import type { ImportKind } from '../model/import-kinds.js';
import type { ImportGroup } from '../model/row-checks.js';

/** What writing a group did: new records, or every record already there as the file describes it. */
export type GroupOutcome = 'created' | 'unchanged';

/** Writes the groups of one import, one after another, inside the caller's unit of work. */
export interface ImportWriter {
  /**
   * Writes one group through the owning context's use cases, so the same rules hold as for one record made on its
   * own. A group already there (matched by email, a room's name, or a lesson's teacher, student, weekday and time)
   * is left as it is. Throws `RowProblems` for what the school's records refuse (an email taken, an unknown teacher,
   * a clash), naming the field of the import.
   */
  write(group: ImportGroup): Promise<GroupOutcome>;
}

/**
 * The contexts an import writes to (identity's people and families, scheduling's rooms and series), reached through
 * the port that onboarding owns; the app implements it over their use cases.
 */
export abstract class ImportTargets {
  /** The school's IANA time zone, for what "today" means for a date of birth. */
  abstract timeZone(): Promise<string>;
  /**
   * Starts one import of a kind for the actor (reads what matching needs once). Called inside the import's unit of
   * work. The people it creates are kept as this run's (`runId`), so the admin can invite them afterwards.
   */
  abstract open(actor: Actor, kind: ImportKind, runId: string): Promise<ImportWriter>;
}
