import { Clock } from '../lib/clock.js';

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
