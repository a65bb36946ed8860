import { AuditTrail, UnitOfWork, type AuditEntry, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import type { School } from '../model/school.js';
import type { RefreshTokenState, SessionId } from '../model/session.js';
import type { User } from '../model/user.js';
import { LoginAttempts, PasswordHasher, RefreshTokenRepository, SchoolRepository, SecretTokens, UserRepository } from '../ports/index.js';

/** In-memory adapters for the identity ports, for fast use-case specs. */
export class InMemoryUsers extends UserRepository {
  readonly rows = new Map<string, User>();
  async add(user: User) {
    if ([...this.rows.values()].some((u) => u.email === user.email)) throw new Error('IDENTITY.EMAIL_TAKEN');
    this.rows.set(user.id, user);
  }
  async update(user: User) {
    this.rows.set(user.id, user);
  }
  async byId(id: UserId) {
    return this.rows.get(id) ?? null;
  }
  async byIdAcrossSchools(id: UserId) {
    return this.rows.get(id) ?? null;
  }
  async byEmailAcrossSchools(email: string) {
    return [...this.rows.values()].find((u) => u.email === email) ?? null;
  }
  async emailTaken(email: string) {
    return !!(await this.byEmailAcrossSchools(email));
  }
  async list() {
    return [...this.rows.values()];
  }
  async byIds(ids: readonly UserId[]) {
    return ids.map((id) => this.rows.get(id)).filter((u): u is User => !!u);
  }
}

export class InMemorySchools extends SchoolRepository {
  readonly rows = new Map<string, School>();
  constructor(private readonly currentId: () => SchoolId | null = () => null) {
    super();
  }
  async add(school: School) {
    this.rows.set(school.id, school);
  }
  async update(school: School) {
    this.rows.set(school.id, school);
  }
  async current() {
    const id = this.currentId();
    const school = id ? this.rows.get(id) : undefined;
    if (!school) throw new Error('no school in context');
    return school;
  }
  async byIdAcrossSchools(id: SchoolId) {
    return this.rows.get(id) ?? null;
  }
  async slugTaken(slug: string) {
    return [...this.rows.values()].some((s) => s.snapshot().slug === slug);
  }
  async listAll() {
    return [...this.rows.values()];
  }
}

export class InMemoryRefreshTokens extends RefreshTokenRepository {
  readonly rows = new Map<string, RefreshTokenState>();
  async add(token: RefreshTokenState) {
    this.rows.set(token.id, { ...token });
  }
  async byHashForUpdateAcrossSchools(tokenHash: string) {
    const row = [...this.rows.values()].find((t) => t.tokenHash === tokenHash);
    return row ? { ...row } : null;
  }
  async markReplaced(id: SessionId, at: Date) {
    const row = this.rows.get(id);
    if (row) Object.assign(row, { replacedAt: at, lastUsedAt: at });
  }
  async revokeFamily(familyId: SessionId, at: Date) {
    for (const row of this.rows.values()) if (row.familyId === familyId && !row.revokedAt) row.revokedAt = at;
  }
  async revokeAllOfUser(userId: UserId, at: Date) {
    for (const row of this.rows.values()) if (row.userId === userId && !row.revokedAt) row.revokedAt = at;
  }
}

export class InMemoryLoginAttempts extends LoginAttempts {
  readonly failures: { email: string; ip: string; at: Date }[] = [];
  async recordFailure(key: { email: string; ip: string }, at: Date) {
    this.failures.push({ ...key, at });
  }
  async failuresSince(key: { email: string; ip: string }, since: Date) {
    const recent = this.failures.filter((f) => f.at >= since);
    return { byEmail: recent.filter((f) => f.email === key.email).length, byIp: recent.filter((f) => f.ip === key.ip).length };
  }
  async clearForEmail(email: string) {
    this.failures.splice(0, this.failures.length, ...this.failures.filter((f) => f.email !== email));
  }
}

/** Not a real hash: `plain:<password>`. Counts verifications so specs can see equal cost. */
export class PlainHasher extends PasswordHasher {
  verifications = 0;
  async hash(password: string) {
    return `plain:${password}`;
  }
  async verify(hash: string, password: string) {
    this.verifications++;
    return hash === `plain:${password}`;
  }
  async dummyHash() {
    return 'plain:\u0000never';
  }
}

export class CountingSecrets extends SecretTokens {
  private n = 0;
  generate() {
    return `token-${++this.n}`;
  }
  digest(token: string) {
    return `digest(${token})`;
  }
}

export class RecordingAuditTrail extends AuditTrail {
  readonly entries: AuditEntry[] = [];
  async record(entry: AuditEntry) {
    this.entries.push(entry);
  }
}

export class ImmediateUnitOfWork extends UnitOfWork {
  run<T>(work: () => Promise<T>): Promise<T> {
    return work();
  }
}
