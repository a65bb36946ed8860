import { RateLimiter, rateLimited, type Actor } from '@cadenza/shared/kernel';

/**
 * How many lesson changes and request decisions one person may make: sixty at once, then one every ten seconds.
 * Each moved or cancelled lesson mails its teacher, students and their guardians, and each decision mails the
 * requester, so a burst of them (a careless script, a stolen session) must not become a burst of mail to families;
 * a day's rescheduling fits well inside the burst.
 */
export const CHANGES_PER_PERSON = { burst: 60, everyMs: 10_000 } as const;

/** Takes the person's turn for a change that mails people; past the limit, 429 with `Retry-After` and nothing done. */
export async function takeChangeTurn(limiter: RateLimiter, actor: Actor, now: Date): Promise<void> {
  const turn = await limiter.take([{ key: `scheduling.change.by:${actor.userId}`, ...CHANGES_PER_PERSON }], now);
  if (!turn.granted) throw rateLimited('SCHEDULING.TOO_MANY_CHANGES', 'You have changed several lessons or requests just now; wait a moment before the next.', turn.retryAfterMs);
}

/** The turn taken once however often it is asked for (a change checked again after a lost race takes no second one). */
export function changeTurnOnce(limiter: RateLimiter, actor: Actor, now: () => Date): () => Promise<void> {
  let taken = false;
  return async () => {
    if (taken) return;
    await takeChangeTurn(limiter, actor, now());
    taken = true;
  };
}

