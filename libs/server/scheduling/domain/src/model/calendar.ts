import { DomainError, newId, type Id, type SchoolId } from '@cadenza/shared/kernel';
import { assertLocalDate, type LocalDate } from '../time/zoned-time.js';
import type { ClosureId, TermId } from './ids.js';
import { cleanText } from './validation.js';

/** A named span of whole days in the school's zone; both dates inclusive. */
export interface DateSpanState<I extends Id<string>> {
  id: I;
  schoolId: SchoolId;
  name: string;
  startDate: LocalDate;
  endDate: LocalDate;
}

export type TermState = DateSpanState<TermId>;
export type ClosureState = DateSpanState<ClosureId>;

function validSpan<I extends Id<string>>(input: { schoolId: SchoolId; name: string; startDate: string; endDate: string }): DateSpanState<I> {
  assertLocalDate(input.startDate, 'startDate');
  assertLocalDate(input.endDate, 'endDate');
  if (input.endDate < input.startDate) throw DomainError.invalid('SCHEDULING.END_BEFORE_START', 'endDate', 'The end date must not be before the start date.');
  return { id: newId<I>(), schoolId: input.schoolId, name: cleanText(input.name, 'name', 80), startDate: input.startDate, endDate: input.endDate };
}

abstract class DateSpan<I extends Id<string>> {
  protected constructor(protected readonly state: DateSpanState<I>) {}

  get id(): I {
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

  snapshot(): DateSpanState<I> {
    return { ...this.state };
  }
}

/** A teaching term; series run within one and end with it. */
export class Term extends DateSpan<TermId> {
  static restore(state: TermState): Term {
    return new Term({ ...state });
  }

  static create(input: { schoolId: SchoolId; name: string; startDate: string; endDate: string }): Term {
    return new Term(validSpan<TermId>(input));
  }
}

/** A holiday or one-off closure of the school. */
export class Closure extends DateSpan<ClosureId> {
  static restore(state: ClosureState): Closure {
    return new Closure({ ...state });
  }

  static create(input: { schoolId: SchoolId; name: string; startDate: string; endDate: string }): Closure {
    return new Closure(validSpan<ClosureId>(input));
  }
}
