import { Clock } from '@cadenza/shared/kernel';

/** The real clock, wired by the apps. Domain code sees only `Clock`. */
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
