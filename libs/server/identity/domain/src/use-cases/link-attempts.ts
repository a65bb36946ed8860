import { Clock, MINUTE, RateLimiter, rateLimited, type RateLimit } from '@cadenza/shared/kernel';
import { assertAcceptablePassword } from '../model/password-policy.js';
import type { PasswordHasher, SecretTokens } from '../ports/index.js';

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

/** A new password sent with a mailed link's token. */
export interface PasswordFromLink {
  token: string;
  password: string;
  ip: string;
}

/**
 * The checks before a password sent with a mailed link is hashed, in this order: the password's
 * rule, a turn for the address, then the token, found by its digest and checked by `checkToken`
 * (which throws for a token that cannot be used). Returns the time, the digest and the hash.
 */
export async function checkLinkThenHash(
  ports: { clock: Clock; limiter: RateLimiter; secrets: SecretTokens; hasher: PasswordHasher },
  input: PasswordFromLink,
  checkToken: (tokenHash: string, now: Date) => Promise<void>,
): Promise<{ now: Date; tokenHash: string; hash: string }> {
  assertAcceptablePassword(input.password);
  const now = ports.clock.now();
  await takeLinkTurn(ports.limiter, input.ip, now);
  const tokenHash = ports.secrets.digest(input.token);
  await checkToken(tokenHash, now);
  const hash = await ports.hasher.hash(input.password);
  return { now, tokenHash, hash };
}
