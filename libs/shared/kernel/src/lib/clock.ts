/**
 * The only way domain code learns the time. The system implementation lives with
 * the platform; tests use `FixedClock`.
 */
export abstract class Clock {
  abstract now(): Date;
}

/** A clock that stands still until told to move: for tests and simulations. */
export class FixedClock extends Clock {
  private current: Date;

  constructor(start: Date | string) {
    super();
    this.current = new Date(typeof start === 'string' ? Date.parse(start) : start.getTime());
  }

  now(): Date {
    return new Date(this.current.getTime());
  }

  set(to: Date | string): void {
    this.current = new Date(typeof to === 'string' ? Date.parse(to) : to.getTime());
  }

  advance(milliseconds: number): void {
    this.current = new Date(this.current.getTime() + milliseconds);
  }
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
