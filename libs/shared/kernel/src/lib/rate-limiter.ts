import { DomainError } from './errors.js';

/**
 * How often something may happen for one key: `burst` times at once, then one more
 * every `everyMs` (a token bucket that refills one turn per `everyMs`). Past its turns a
 * caller is slowed down to that pace, never locked out for longer than `everyMs`.
 */
export interface RateLimit {
  /** What is limited and for whom, e.g. `identity.sign-in.account:ana@example.org`. */
  readonly key: string;
  readonly burst: number;
  readonly everyMs: number;
}

export type RateDecision = { readonly granted: true } | { readonly granted: false; readonly retryAfterMs: number };

/**
 * Shared limits on how often things happen: sign-in attempts, mails, other costly work.
 * Implemented by the database platform (one atomic step shared by every process), so
 * however many requests arrive together, at most the limit is ever granted.
 */
export abstract class RateLimiter {
  /**
   * Takes one turn from every limit at once, or none when any of them has no turn left;
   * then it says how long to wait for all of them. Commits on its own, before the work it
   * guards: call it outside a unit of work.
   */
  abstract take(limits: readonly RateLimit[], now: Date): Promise<RateDecision>;
  /** Gives back a turn taken for work that turned out not to count (a right password). */
  abstract giveBack(limits: readonly RateLimit[], now: Date): Promise<void>;
  /** Forgets every turn taken under these keys. */
  abstract forget(keys: readonly string[]): Promise<void>;
}

/** A `rate_limited` error (429 with `Retry-After` in whole seconds, at least one). */
export function rateLimited(code: string, message: string, retryAfterMs: number): DomainError {
  return new DomainError(code, 'rate_limited', message, { retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) });
}

/**
 * Takes racing for one key read their clocks in another order than they get its lock: a take whose clock is a
 * little behind the one before it may find the last turn of a burst seemingly not yet due. Up to this much
 * (and never more than a tenth of the interval) a turn counts as due, so such a race cannot cost a turn.
 */
const CLOCK_SLACK_MS = 1_000;

/** The decision for one limit whose bucket is empty at `tat` (its theoretical arrival time), and the new `tat` if granted. */
export function decideTurn(limit: RateLimit, tat: Date | null, now: Date): { granted: boolean; tat: Date; retryAfterMs: number } {
  const from = Math.max(tat?.getTime() ?? 0, now.getTime());
  const next = from + limit.everyMs;
  const over = next - now.getTime() - limit.burst * limit.everyMs;
  const granted = over <= Math.min(CLOCK_SLACK_MS, limit.everyMs / 10);
  return granted ? { granted: true, tat: new Date(next), retryAfterMs: 0 } : { granted: false, tat: tat ?? now, retryAfterMs: over };
}

/** A turn given back: the bucket's `tat` one turn earlier, never before now. */
export function returnTurn(limit: RateLimit, tat: Date, now: Date): Date {
  return new Date(Math.max(tat.getTime() - limit.everyMs, now.getTime()));
}
