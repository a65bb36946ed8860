import { Injectable } from '@nestjs/common';
import { AuthConfig } from '@cadenza/server/platform/config';
import { Clock } from '@cadenza/shared/kernel';

/** A session that ended (signed out, a reused refresh token's family revoked, a password reset), and when. */
export interface EndedSession {
  sessionId: string;
  at: Date;
}

/** Where this process learnt of ended sessions: it ended them itself, or heard of them from the database or another api process. */
export type EndedFrom = 'here' | 'elsewhere';

/** How long past the access tokens' lifetime an ended session is remembered (clocks of several processes differ a little). */
const SKEW_MS = 60_000;

/**
 * The sessions that ended within an access token's lifetime, in this process. An access token
 * of such a session issued before it ended is refused at once (by `AccessTokens.verify`, for
 * REST and the socket handshake alike), instead of staying valid until it expires. A token
 * issued after (the session went on) is not. Listeners hear each session once, when it is
 * first known here: the socket gateway disconnects that session's sockets, and tells the
 * other api processes of what ended here.
 */
@Injectable()
export class RevokedSessions {
  private readonly endedAt = new Map<string, number>();
  private readonly listeners = new Set<(sessions: EndedSession[], from: EndedFrom) => void>();

  constructor(
    private readonly auth: AuthConfig,
    private readonly clock: Clock,
  ) {}

  /** True when the session ended at or after the token was issued (`iat`, whole seconds). */
  refuses(sessionId: string, issuedAt: Date): boolean {
    const at = this.endedAt.get(sessionId);
    return at !== undefined && at >= issuedAt.getTime();
  }

  record(sessions: readonly EndedSession[], from: EndedFrom): void {
    this.forgetOld();
    const fresh = sessions.filter((s) => {
      const known = this.endedAt.get(s.sessionId);
      if (known !== undefined && known >= s.at.getTime()) return false;
      this.endedAt.set(s.sessionId, s.at.getTime());
      return known === undefined;
    });
    if (fresh.length === 0) return;
    for (const listener of this.listeners) listener(fresh, from);
  }

  /** Calls `listener` with sessions newly known to have ended; returns the unsubscribe function. */
  onEnded(listener: (sessions: EndedSession[], from: EndedFrom) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sessions ended longer ago than an access token lives: none of their tokens is valid any more. */
  private forgetOld(): void {
    const before = this.clock.now().getTime() - this.auth.accessTokenTtlSeconds * 1000 - SKEW_MS;
    for (const [id, at] of this.endedAt) if (at < before) this.endedAt.delete(id);
  }
}
