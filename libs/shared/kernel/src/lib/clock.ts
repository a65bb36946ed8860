/**
 * The only way domain code learns the time. The system implementation lives with
 * the platform; tests use `FixedClock` (`@cadenza/shared/kernel/testing`).
 */
export abstract class Clock {
  abstract now(): Date;
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
