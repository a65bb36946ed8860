import { DomainError, newId, type Id, type SchoolId } from '@cadenza/shared/kernel';
import { assertLocalDate, type LocalDate } from '../time/zoned-time.js';
import type { ClosureId, TermId } from './ids.js';
import { cleanText } from './validation.js';

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

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

function validSpan<I extends Id<string>>(input: { schoolId: SchoolId; name: string; startDate: string; endDate: string }, id: I = newId<I>()): DateSpanState<I> {
  assertLocalDate(input.startDate, 'startDate');
  assertLocalDate(input.endDate, 'endDate');
  if (input.endDate < input.startDate) throw DomainError.invalid('SCHEDULING.END_BEFORE_START', 'endDate', 'The end date must not be before the start date.');
  return { id, schoolId: input.schoolId, name: cleanText(input.name, 'name', 80), startDate: input.startDate, endDate: input.endDate };
}

/** What may change in a span: any of its name and dates; the rest stays. */
export interface DateSpanChanges {
  name?: string;
  startDate?: string;
  endDate?: string;
}

abstract class DateSpan<I extends Id<string>> {
  protected constructor(protected state: DateSpanState<I>) {}

  /** Renames or moves the span, validated as a new one is; fields not given keep their values. */
  change(changes: DateSpanChanges): void {
    this.state = validSpan<I>({ ...this.state, ...definedOnly(changes) }, this.state.id);
  }

  /** Whether the change would move either date (a rename alone does not). */
  movesDates(changes: DateSpanChanges): boolean {
    return (changes.startDate !== undefined && changes.startDate !== this.state.startDate) || (changes.endDate !== undefined && changes.endDate !== this.state.endDate);
  }

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
