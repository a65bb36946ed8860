import { newId, type Id, type SchoolId, type UserId } from '@cadenza/shared/kernel';

export type SessionId = Id<'Session'>;

/**
 * One refresh token. Tokens of one sign-in form a family (`familyId`): each refresh
 * replaces the presented token with a new one. Presenting a token that was already
 * replaced means it was stolen or replayed, and the whole family is revoked.
 */
export interface RefreshTokenState {
  id: SessionId;
  familyId: SessionId;
  schoolId: SchoolId;
  userId: UserId;
  tokenHash: string;
  createdAt: Date;
  lastUsedAt: Date;
  expiresAt: Date;
  replacedAt: Date | null;
  revokedAt: Date | null;
  ip: string | null;
  userAgent: string | null;
}

export function newRefreshToken(
  input: { familyId?: SessionId; schoolId: SchoolId; userId: UserId; tokenHash: string; ttlMs: number; ip: string | null; userAgent: string | null },
  now: Date,
): RefreshTokenState {
  const id = newId<SessionId>();
  return {
    id,
    familyId: input.familyId ?? id,
    schoolId: input.schoolId,
    userId: input.userId,
    tokenHash: input.tokenHash,
    createdAt: now,
    lastUsedAt: now,
    expiresAt: new Date(now.getTime() + input.ttlMs),
    replacedAt: null,
    revokedAt: null,
    ip: input.ip,
    userAgent: input.userAgent,
  };
}
