import type { UserId } from '@cadenza/shared/kernel';

/** A person's erasure: begun before the contexts' steps, finished with identity's own, the last. */
export interface ErasureRecord {
  personId: UserId;
  /** The person's number among the school's erased people: given once, kept however often the erasure runs. */
  number: number;
  /** What they are shown as, e.g. `Former student 12`. */
  pseudonym: string;
  startedAt: Date;
  finishedAt: Date | null;
}

/** The erasures of the school in force, so an erasure resumed after a crash goes on with the same number. */
export abstract class PersonalDataErasures {
  /** Starts the person's erasure with the next number of the school, or returns the one already started. */
  abstract begin(personId: UserId, label: string, now: Date): Promise<ErasureRecord>;
  abstract finish(personId: UserId, now: Date): Promise<void>;
  abstract of(personId: UserId): Promise<ErasureRecord | null>;
}
