import { DomainError } from './errors.js';

/** A half-open span of time [start, end), as PostgreSQL's `tstzrange` '[)'. */
export class Interval {
  private constructor(
    readonly start: Date,
    readonly end: Date,
  ) {}

  static of(start: Date, end: Date): Interval {
    if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) {
      throw DomainError.invalid('KERNEL.INVALID_TIME', 'start', 'Start and end must be valid instants.');
    }
    if (end.getTime() <= start.getTime()) {
      throw DomainError.invalid('KERNEL.END_BEFORE_START', 'end', 'The end must come after the start.');
    }
    return new Interval(new Date(start.getTime()), new Date(end.getTime()));
  }

  get durationMs(): number {
    return this.end.getTime() - this.start.getTime();
  }

  overlaps(other: Interval): boolean {
    return this.start.getTime() < other.end.getTime() && other.start.getTime() < this.end.getTime();
  }

  contains(instant: Date): boolean {
    const t = instant.getTime();
    return t >= this.start.getTime() && t < this.end.getTime();
  }

  /** The interval widened by `before` and `after` milliseconds (a changeover buffer). */
  widen(before: number, after: number = before): Interval {
    return Interval.of(new Date(this.start.getTime() - before), new Date(this.end.getTime() + after));
  }

  equals(other: Interval): boolean {
    return this.start.getTime() === other.start.getTime() && this.end.getTime() === other.end.getTime();
  }
}
