import { MINUTE, RateLimiter, rateLimited, type RateLimit } from '@cadenza/shared/kernel';

/**
 * Requests that carry a token from a mailed link (accepting an invitation, setting a new
 * password) come from people who are not signed in: each takes a turn per address before
 * its token is looked up, and the new password is hashed only for a token that is good.
 */
export const LINK_ATTEMPTS_PER_ADDRESS = { burst: 20, everyMs: MINUTE / 2 };

export async function takeLinkTurn(limiter: RateLimiter, ip: string, now: Date): Promise<void> {
  const limit: RateLimit = { key: `identity.link.address:${ip}`, ...LINK_ATTEMPTS_PER_ADDRESS };
  const turn = await limiter.take([limit], now);
  if (!turn.granted) {
    throw rateLimited('IDENTITY.TOO_MANY_LINK_ATTEMPTS', 'Too many attempts with emailed links from here. Wait a moment and try again.', turn.retryAfterMs);
  }
}
