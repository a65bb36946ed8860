import { DomainError, newId, type SchoolId } from '@cadenza/shared/kernel';
import { assertLocalDate, type LocalDate } from '../time/zoned-time.js';
import type { ClosureId, TermId } from './ids.js';
import { cleanText } from './validation.js';

function assertRange(startDate: string, endDate: string): void {
  assertLocalDate(startDate, 'startDate');
  assertLocalDate(endDate, 'endDate');
  if (endDate < startDate) throw DomainError.invalid('SCHEDULING.END_BEFORE_START', 'endDate', 'The end date must not be before the start date.');
}

export interface TermState {
  id: TermId;
  schoolId: SchoolId;
  name: string;
  /** Inclusive local dates in the school's zone. */
  startDate: LocalDate;
  endDate: LocalDate;
}

/** A teaching term; series run within one and end with it. */
export class Term {
  private constructor(private state: TermState) {}

  static restore(state: TermState): Term {
    return new Term({ ...state });
  }

  static create(input: { schoolId: SchoolId; name: string; startDate: string; endDate: string }): Term {
    assertRange(input.startDate, input.endDate);
    return new Term({ id: newId<TermId>(), schoolId: input.schoolId, name: cleanText(input.name, 'name', 80), startDate: input.startDate, endDate: input.endDate });
  }

  get id(): TermId {
    return this.state.id;
  }
  get name(): string {
    return this.state.name;
  }
  get startDate(): LocalDate {
    return this.state.startDate;
  }
  get endDate(): LocalDate {
    return this.state.endDate;
  }

  includes(date: LocalDate): boolean {
    return this.state.startDate <= date && date <= this.state.endDate;
  }

  overlaps(other: { startDate: LocalDate; endDate: LocalDate }): boolean {
    return this.state.startDate <= other.endDate && other.startDate <= this.state.endDate;
  }

  snapshot(): TermState {
    return { ...this.state };
  }
}

export interface ClosureState {
  id: ClosureId;
  schoolId: SchoolId;
  name: string;
  /** Both inclusive. */
  startDate: LocalDate;
  endDate: LocalDate;
}

/** A holiday or one-off closure of the school. */
export class Closure {
  private constructor(private state: ClosureState) {}

  static restore(state: ClosureState): Closure {
    return new Closure({ ...state });
  }

  static create(input: { schoolId: SchoolId; name: string; startDate: string; endDate: string }): Closure {
    assertRange(input.startDate, input.endDate);
    return new Closure({ id: newId<ClosureId>(), schoolId: input.schoolId, name: cleanText(input.name, 'name', 80), startDate: input.startDate, endDate: input.endDate });
  }

  get id(): ClosureId {
    return this.state.id;
  }
  get name(): string {
    return this.state.name;
  }
  get startDate(): LocalDate {
    return this.state.startDate;
  }
  get endDate(): LocalDate {
    return this.state.endDate;
  }

  includes(date: LocalDate): boolean {
    return this.state.startDate <= date && date <= this.state.endDate;
  }

  snapshot(): ClosureState {
    return { ...this.state };
  }
}
