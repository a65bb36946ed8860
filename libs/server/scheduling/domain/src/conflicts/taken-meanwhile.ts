import { DomainError } from '@cadenza/shared/kernel';

/**
 * The store refused a lesson's row because another booking of the same person or room committed while this
 * one was between its checks and its write (PostgreSQL's exclusion constraints, or the in-memory store's
 * equivalent). Told apart from the checker's refusal so that a use case can check once more: the checker
 * then meets the winner's row and refuses with what clashed and free slots instead.
 */
export class TakenMeanwhile extends DomainError {
  constructor(clash: { kind: 'teacher' | 'student' | 'accompanist' | 'room'; id: string | null; start: Date; end: Date }) {
    const room = clash.kind === 'room';
    super('SCHEDULING.CONFLICT', 'conflict', 'Someone booked this time a moment ago.', {
      conflicts: [
        {
          ...clash,
          severity: 'hard',
          message: room ? 'The room was booked for this time a moment ago.' : 'A person in this lesson was booked for this time a moment ago.',
        },
      ],
      suggestions: [],
    });
    this.name = 'TakenMeanwhile';
  }
}

/**
 * The store refused a series copied into a term because a racing rollover copied the same series into that term
 * and committed first (the copies' unique key). A use case checks once more and then finds the copy made.
 */
export class CopiedMeanwhile extends DomainError {
  constructor() {
    super('SCHEDULING.ROLLED_OVER_MEANWHILE', 'conflict', 'This series was copied into the term a moment ago.');
    this.name = 'CopiedMeanwhile';
  }
}
