import type { ImportProblem } from './import-rows.js';

/** A group the school's records refuse: what is wrong, by row and field. Rolls the group's savepoint back. */
export class RowProblems extends Error {
  constructor(readonly problems: readonly ImportProblem[]) {
    super(problems.map((p) => `row ${p.row}: ${p.message}`).join('; '));
    this.name = 'RowProblems';
  }
}
