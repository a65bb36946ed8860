import { RateLimiter, decideTurn, returnTurn, type RateDecision, type RateLimit } from '../lib/rate-limiter.js';

/** The rate limiter in memory, for specs: the same turns as the database's, one process only. */
export class InMemoryRateLimiter extends RateLimiter {
  readonly buckets = new Map<string, Date>();

  async take(limits: readonly RateLimit[], now: Date): Promise<RateDecision> {
    const decisions = limits.map((limit) => ({ limit, ...decideTurn(limit, this.buckets.get(limit.key) ?? null, now) }));
    const refused = decisions.filter((d) => !d.granted);
    if (refused.length > 0) return { granted: false, retryAfterMs: Math.max(...refused.map((d) => d.retryAfterMs)) };
    for (const d of decisions) this.buckets.set(d.limit.key, d.tat);
    return { granted: true };
  }

  async giveBack(limits: readonly RateLimit[], now: Date): Promise<void> {
    for (const limit of limits) {
      const tat = this.buckets.get(limit.key);
      if (tat) this.buckets.set(limit.key, returnTurn(limit, tat, now));
    }
  }

  async forget(keys: readonly string[]): Promise<void> {
    for (const key of keys) this.buckets.delete(key);
  }
}
