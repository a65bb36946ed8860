import type { UserId } from '@cadenza/shared/kernel';

/**
 * Which people an import created, kept by the import's run id (the `runId` its commit was sent with), so that the
 * admin can invite that import's people later in one action. Only ids: nothing here names anyone.
 */
export abstract class ImportedPeople {
  /** Inside the import's unit of work: these people were created by this run. */
  abstract record(runId: string, personIds: readonly UserId[]): Promise<void>;
  /** The people a run of the school in force created, in no particular order. */
  abstract of(runId: string): Promise<UserId[]>;
}
