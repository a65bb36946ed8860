import jwt from 'jsonwebtoken';
import { AuthConfig } from '@cadenza/server/platform/config';
import { FixedClock } from '@cadenza/shared/kernel/testing';
import { AccessTokens, TOKEN_AUDIENCE, TOKEN_ISSUER } from './access-tokens.js';
import { bearerToken } from './jwt.strategy.js';
import { RevokedSessions } from './revoked-sessions.js';

const SECRET = 'unit-secret-unit-secret-unit-secret-0123';
const config = new AuthConfig(SECRET, 600, 30, 5, 30, 15, false);
const principal = { userId: 'u1', schoolId: 's1', sessionId: 'x1', roles: ['teacher'], safeguardingLead: false };

const tokensOn = (clock: FixedClock, revoked = new RevokedSessions(config, clock)) => new AccessTokens(config, clock, revoked);

describe('AccessTokens.verify', () => {
  it('returns the principal and expiry of a token it issued, until it expires', () => {
    const clock = new FixedClock('2026-11-23T10:00:00Z');
    const tokens = tokensOn(clock);
    const { token, expiresAt } = tokens.issue(principal);
    expect(tokens.verify(token)).toEqual({ principal, expiresAt });
    clock.advance(600_000);
    expect(tokens.verify(token)).toBeNull();
  });

  it('refuses garbage, another secret, another audience and a token without the claims', () => {
    const clock = new FixedClock(new Date());
    const tokens = tokensOn(clock);
    const claims = { sub: 'u1', sch: 's1', sid: 'x1', roles: ['admin'], sgl: false };
    const signed = (secret: string, audience: string, body: object = claims) => jwt.sign(body, secret, { algorithm: 'HS256', issuer: TOKEN_ISSUER, audience, expiresIn: 60 });
    expect(tokens.verify('')).toBeNull();
    expect(tokens.verify('garbage')).toBeNull();
    expect(tokens.verify(signed('another-secret-another-secret-another', TOKEN_AUDIENCE))).toBeNull();
    expect(tokens.verify(signed(SECRET, 'someone-else'))).toBeNull();
    expect(tokens.verify(signed(SECRET, TOKEN_AUDIENCE, { sub: 'u1' }))).toBeNull();
    expect(tokens.verify(signed(SECRET, TOKEN_AUDIENCE))?.principal).toEqual({ userId: 'u1', schoolId: 's1', sessionId: 'x1', roles: ['admin'], safeguardingLead: false });
  });
});

describe('AccessTokens.verify, for a token it has seen before', () => {
  it('still refuses it once it expires, to the millisecond', () => {
    const clock = new FixedClock('2026-11-23T10:00:00Z');
    const tokens = tokensOn(clock);
    const { token, expiresAt } = tokens.issue(principal);
    expect(tokens.verify(token)?.principal).toEqual(principal);
    clock.set(new Date(expiresAt.getTime() - 1));
    expect(tokens.verify(token)?.principal).toEqual(principal);
    clock.set(expiresAt);
    expect(tokens.verify(token)).toBeNull();
    expect(tokens.verify(token)).toBeNull();
  });

  it('keeps what a caller does to its principal from the next caller', () => {
    const tokens = tokensOn(new FixedClock(new Date()));
    const { token } = tokens.issue(principal);
    const first = tokens.verify(token);
    first?.principal.roles.push('admin');
    if (first) first.principal.userId = 'someone-else';
    expect(tokens.verify(token)?.principal).toEqual(principal);
  });

  it('answers a token refused once with a refusal again', () => {
    const tokens = tokensOn(new FixedClock(new Date()));
    const forged = jwt.sign({ sub: 'u1', sch: 's1', sid: 'x1', roles: ['admin'], sgl: false }, 'another-secret-another-secret-another', { algorithm: 'HS256', issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE, expiresIn: 60 });
    expect(tokens.verify(forged)).toBeNull();
    expect(tokens.verify(forged)).toBeNull();
  });
});

describe('bearerToken', () => {
  it('reads the token of a Bearer authorization header, the scheme in any case', () => {
    expect(bearerToken({ headers: { authorization: 'Bearer abc.def.ghi' } })).toBe('abc.def.ghi');
    expect(bearerToken({ headers: { authorization: 'bearer abc' } })).toBe('abc');
    expect(bearerToken({ headers: {} })).toBeNull();
    expect(bearerToken({ headers: { authorization: 'Basic dXNlcjpwYXNz' } })).toBeNull();
    expect(bearerToken({ headers: { authorization: 'Bearer' } })).toBeNull();
    expect(bearerToken({ headers: { authorization: 'Bearer a b' } })).toBeNull();
  });
});

describe('AccessTokens.verify, once the session has ended', () => {
  it('refuses a token of an ended session at once, also one it had verified before, and keeps refusing it', () => {
    const clock = new FixedClock('2026-11-23T10:00:00Z');
    const revoked = new RevokedSessions(config, clock);
    const tokens = tokensOn(clock, revoked);
    const { token } = tokens.issue(principal);
    const other = tokens.issue({ ...principal, sessionId: 'x2' }).token;
    expect(tokens.verify(token)?.principal).toEqual(principal);
    clock.advance(5_000);
    revoked.record([{ sessionId: 'x1', at: clock.now() }], 'here');
    expect(tokens.verify(token)).toBeNull();
    expect(tokens.verify(token)).toBeNull();
    expect(tokens.verify(other)?.principal.sessionId).toBe('x2');
  });

  it('accepts a token issued after its session was recorded as ended (a unit that failed after revoking goes on)', () => {
    const clock = new FixedClock('2026-11-23T10:00:00Z');
    const revoked = new RevokedSessions(config, clock);
    const tokens = tokensOn(clock, revoked);
    revoked.record([{ sessionId: 'x1', at: clock.now() }], 'here');
    clock.advance(1_000);
    expect(tokens.verify(tokens.issue(principal).token)?.principal).toEqual(principal);
  });

  it('tells its listeners of each ended session once, and forgets sessions ended longer ago than a token lives', () => {
    const clock = new FixedClock('2026-11-23T10:00:00Z');
    const revoked = new RevokedSessions(config, clock);
    const heard: string[] = [];
    revoked.onEnded((sessions, from) => heard.push(...sessions.map((s) => `${s.sessionId}@${from}`)));
    revoked.record([{ sessionId: 'x1', at: clock.now() }], 'here');
    revoked.record([{ sessionId: 'x1', at: clock.now() }, { sessionId: 'x2', at: clock.now() }], 'elsewhere');
    expect(heard).toEqual(['x1@here', 'x2@elsewhere']);
    const issuedBefore = new Date(clock.now().getTime() - 1_000);
    clock.advance(600_000 + 61_000);
    revoked.record([], 'elsewhere');
    expect(revoked.refuses('x1', issuedBefore)).toBe(false);
  });
});
