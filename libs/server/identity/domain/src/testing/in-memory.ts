import { DomainError, type Actor, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { Invitation, invitationOpen, type InvitationId, type InvitationState } from '../model/invitation.js';
import type { School } from '../model/school.js';
import { StudentProfile, type StudentProfileState } from '../model/student-profile.js';
import { TeacherProfile, type TeacherProfileState } from '../model/teacher-profile.js';
import type { RefreshTokenState, SessionId } from '../model/session.js';
import { User, type UserState } from '../model/user.js';
import { IdentityEvents, PersonLessons, type UpcomingLesson, IdentityMailer, type IdentityEvent, InvitationRepository, LinkBuilder, PasswordHasher, PasswordResetRepository, PasswordResetRequests, RefreshTokenRepository, SchoolRepository, SecretTokens, StudentProfileRepository, TeacherProfileRepository, TeachingRelations, UserRepository, type PasswordResetState } from '../ports/index.js';

/**
 * In-memory adapters for the identity ports, for fast use-case specs. Users are stored as
 * snapshots and handed out as fresh objects, as the database does.
 */
export class InMemoryUsers extends UserRepository {
  readonly rows = new Map<string, UserState>();
  /**
   * `currentSchool` plays the adapter's tenant filter: `byId`, `list` and `byIds` see only that
   * school's users. Without it (or while it answers null) they see every school's.
   */
  constructor(private readonly currentSchool: () => SchoolId | null = () => null) {
    super();
  }
  private inTenant(row: UserState): boolean {
    const school = this.currentSchool();
    return !school || row.schoolId === school;
  }
  async add(user: User) {
    const row = user.snapshot();
    if (row.email !== null && [...this.rows.values()].some((u) => u.email?.toLowerCase() === row.email?.toLowerCase())) {
      throw new DomainError('IDENTITY.EMAIL_TAKEN', 'conflict', 'Someone already has an account with this email.', {
        fields: [{ field: 'email', message: 'This email already has an account.' }],
      });
    }
    this.rows.set(row.id, row);
  }
  async update(user: User) {
    const row = this.rows.get(user.id);
    const email = user.email;
    if (email !== null && [...this.rows.values()].some((u) => u.id !== user.id && u.email === email)) {
      throw new DomainError('IDENTITY.EMAIL_TAKEN', 'conflict', 'Someone already has an account with this email.', {
        fields: [{ field: 'email', message: 'This email already has an account.' }],
      });
    }
    // As the adapter: scoped by the aggregate's own school, and the creation time stays.
    if (row && row.schoolId === user.schoolId) this.rows.set(user.id, { ...user.snapshot(), createdAt: row.createdAt });
  }
  async byId(id: UserId) {
    const row = this.rows.get(id);
    return row && this.inTenant(row) ? User.restore(row) : null;
  }
  async byIdAcrossSchools(id: UserId) {
    const row = this.rows.get(id);
    return row ? User.restore(row) : null;
  }
  async byEmailAcrossSchools(email: string) {
    const row = [...this.rows.values()].find((u) => u.email === email.toLowerCase());
    return row ? User.restore(row) : null;
  }
  async emailTaken(email: string) {
    return !!(await this.byEmailAcrossSchools(email));
  }
  async list(filter: { role?: string; archived?: boolean } = {}) {
    return byName(
      [...this.rows.values()].filter(
        (u) => this.inTenant(u) && (!filter.role || (u.roles as string[]).includes(filter.role)) && (filter.archived === undefined || (u.leftSchoolOn !== null) === filter.archived),
      ),
    );
  }
  async byIds(ids: readonly UserId[]) {
    return byName([...this.rows.values()].filter((u) => ids.includes(u.id) && this.inTenant(u)));
  }
}

/** The adapter's order: by name, then id (PostgreSQL's collation may differ for non-ASCII names). */
const byName = (rows: UserState[]) =>
  rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((u) => User.restore(u));

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
  async currentForUpdate() {
    return this.current();
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
  async revokeAllOfUserExcept(userId: UserId, keep: SessionId, at: Date) {
    for (const row of this.rows.values()) if (row.userId === userId && row.familyId !== keep && !row.revokedAt) row.revokedAt = at;
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
  async signedInFromSince(userId: UserId, ip: string, since: Date) {
    return [...this.rows.values()].some((r) => r.userId === userId && r.ip === ip && r.createdAt.getTime() >= since.getTime());
  }
}

/** Not a real hash: `plain:<password>`. Counts verifications so specs can see equal cost. */
export class PlainHasher extends PasswordHasher {
  verifications = 0;
  hashes = 0;
  async hash(password: string) {
    this.hashes++;
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
  successor(token: string) {
    return `next(${token})`;
  }
  digest(token: string) {
    return `digest(${token})`;
  }
}

/** Invitations as snapshots, for specs; `list` newest first, as the adapter. */
export class InMemoryInvitations extends InvitationRepository {
  readonly rows = new Map<string, InvitationState>();
  async add(invitation: Invitation) {
    if ([...this.rows.values()].some((r) => r.email === invitation.email && !r.acceptedAt && !r.revokedAt)) throw invitationOpen();
    this.rows.set(invitation.id, invitation.snapshot());
  }
  async update(invitation: Invitation) {
    if (this.rows.has(invitation.id)) this.rows.set(invitation.id, invitation.snapshot());
  }
  async byId(id: InvitationId) {
    const row = this.rows.get(id);
    return row ? Invitation.restore(row) : null;
  }
  async byTokenHashAcrossSchools(tokenHash: string) {
    const row = [...this.rows.values()].find((r) => r.tokenHash === tokenHash);
    return row ? Invitation.restore(row) : null;
  }
  async byTokenHashForUpdateAcrossSchools(tokenHash: string) {
    return this.byTokenHashAcrossSchools(tokenHash);
  }
  async list() {
    return [...this.rows.values()].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()).map((r) => Invitation.restore(r));
  }
  async pendingForEmail(email: string, now: Date) {
    const row = [...this.rows.values()].find((r) => r.email === email && !r.acceptedAt && !r.revokedAt && r.expiresAt.getTime() > now.getTime());
    return row ? Invitation.restore(row) : null;
  }
}

/** Reset links as copies, for specs. */
export class InMemoryPasswordResets extends PasswordResetRepository {
  readonly rows = new Map<string, PasswordResetState>();
  async add(reset: PasswordResetState) {
    this.rows.set(reset.id, { ...reset });
  }
  async byTokenHashAcrossSchools(tokenHash: string) {
    const row = [...this.rows.values()].find((r) => r.tokenHash === tokenHash);
    return row ? { ...row } : null;
  }
  async byTokenHashForUpdateAcrossSchools(tokenHash: string) {
    return this.byTokenHashAcrossSchools(tokenHash);
  }
  async markUsed(id: string, at: Date) {
    const row = this.rows.get(id);
    if (row) row.usedAt = at;
  }
  async markAllUsedOfUser(userId: UserId, at: Date) {
    for (const row of this.rows.values()) if (row.userId === userId && !row.usedAt) row.usedAt = at;
  }
}

/** Identity's events as published, for specs to read. */
export class RecordingIdentityEvents extends IdentityEvents {
  readonly published: IdentityEvent[] = [];
  async publish(events: readonly IdentityEvent[]): Promise<void> {
    this.published.push(...events);
  }
}

/** Queued reset requests, for specs: claimed for a lease as the adapter does. */
export class InMemoryPasswordResetRequests extends PasswordResetRequests {
  readonly rows: { id: string; email: string; requestedAt: Date; claimedUntil: Date | null; claims: number }[] = [];
  async add(request: { id: string; email: string; requestedAt: Date }) {
    this.rows.push({ ...request, claimedUntil: null, claims: 0 });
  }
  async claim(limit: number, now: Date, leaseMs: number) {
    const waiting = this.rows.filter((r) => r.claims < 5 && (!r.claimedUntil || r.claimedUntil.getTime() <= now.getTime())).slice(0, limit);
    for (const row of waiting) Object.assign(row, { claimedUntil: new Date(now.getTime() + leaseMs), claims: row.claims + 1 });
    return waiting.map((r) => ({ id: r.id, email: r.email }));
  }
  async done(id: string) {
    this.rows.splice(0, this.rows.length, ...this.rows.filter((r) => r.id !== id));
  }
}

/** Mail as a list of what would have been sent; `failing` makes every send throw. */
export class RecordingIdentityMailer extends IdentityMailer {
  readonly sent: { kind: 'invitation' | 'reset'; to: string; link: string }[] = [];
  failing = false;
  async sendInvitation(to: { email: string }, _school: { name: string }, link: string) {
    if (this.failing) throw new Error('mail refused');
    this.sent.push({ kind: 'invitation', to: to.email, link });
  }
  async sendPasswordReset(to: { email: string }, link: string) {
    if (this.failing) throw new Error('mail refused');
    this.sent.push({ kind: 'reset', to: to.email, link });
  }
}

export class PlainLinks extends LinkBuilder {
  invitation(token: string) {
    return `https://school.example/accept-invitation?token=${token}`;
  }
  passwordReset(token: string) {
    return `https://school.example/reset-password?token=${token}`;
  }
}

/** A person's lessons as the spec sets them; cancelling records the ids and drops them from what is upcoming. */
export class InMemoryPersonLessons extends PersonLessons {
  readonly lessons: (UpcomingLesson & { personId: UserId })[] = [];
  readonly cancelled: { by: UserId; ids: string[]; reason: string }[] = [];
  async upcoming(personId: UserId, from: Date) {
    return this.lessons
      .filter((l) => l.personId === personId && l.start.getTime() >= from.getTime())
      .sort((a, b) => a.start.getTime() - b.start.getTime())
      .map(({ personId: _p, ...l }) => ({ ...l }));
  }
  async cancel(actor: Actor, lessonIds: readonly string[], reason: string) {
    this.cancelled.push({ by: actor.userId, ids: [...lessonIds], reason });
    this.lessons.splice(0, this.lessons.length, ...this.lessons.filter((l) => !lessonIds.includes(l.id)));
  }
}

/** Students' profiles as snapshots, for specs. */
export class InMemoryStudentProfiles extends StudentProfileRepository {
  readonly rows = new Map<string, StudentProfileState>();
  /** `currentSchool` plays the adapter's tenant filter, as `InMemoryUsers`' does. */
  constructor(private readonly currentSchool: () => SchoolId | null = () => null) {
    super();
  }
  async byStudent(studentId: UserId) {
    const row = this.rows.get(studentId);
    const school = this.currentSchool();
    return row && (!school || row.schoolId === school) ? StudentProfile.restore(row) : null;
  }
  async save(profile: StudentProfile) {
    this.rows.set(profile.userId, profile.snapshot());
  }
}

/** Teachers' profiles as snapshots, for specs. */
export class InMemoryTeacherProfiles extends TeacherProfileRepository {
  readonly rows = new Map<string, TeacherProfileState>();
  /** `currentSchool` plays the adapter's tenant filter, as `InMemoryUsers`' does. */
  constructor(private readonly currentSchool: () => SchoolId | null = () => null) {
    super();
  }
  async byTeacher(teacherId: UserId) {
    const row = this.rows.get(teacherId);
    const school = this.currentSchool();
    return row && (!school || row.schoolId === school) ? TeacherProfile.restore(row) : null;
  }
  async save(profile: TeacherProfile) {
    this.rows.set(profile.userId, profile.snapshot());
  }
}

/** Who teaches whom, as the spec says: pairs of staff and student ids. */
export class FixedTeachingRelations extends TeachingRelations {
  readonly pairs = new Set<string>();
  add(staffId: UserId, studentId: UserId): this {
    this.pairs.add(`${staffId}:${studentId}`);
    return this;
  }
  async teaches(staffId: UserId, studentId: UserId) {
    return this.pairs.has(`${staffId}:${studentId}`);
  }
}
