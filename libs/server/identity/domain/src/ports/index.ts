import type { IdentityIntegrationEvent, OutgoingEvent } from '@cadenza/shared/integration-events';
import type { FamilyId, SchoolId, UserId } from '@cadenza/shared/kernel';
import type { Family } from '../model/family.js';
import type { Invitation, InvitationId } from '../model/invitation.js';
import type { School } from '../model/school.js';
import type { StudentProfile } from '../model/student-profile.js';
import type { TeacherProfile } from '../model/teacher-profile.js';
import type { RefreshTokenState, SessionId } from '../model/session.js';
import type { User } from '../model/user.js';

/**
 * Ports of the identity context. Reads that serve a signed-in user are scoped to
 * their school by the adapter's tenancy mechanism; the few reads that must cross
 * schools (sign-in by email, a token from a link) say so in their name.
 */
export abstract class SchoolRepository {
  abstract add(school: School): Promise<void>;
  abstract update(school: School): Promise<void>;
  /** The current tenant's school. */
  abstract current(): Promise<School>;
  /** The current tenant's school, its row locked for the rest of the unit of work: changes that must see each other's effect (the school's admins) take turns on it. */
  abstract currentForUpdate(): Promise<School>;
  abstract byIdAcrossSchools(id: SchoolId): Promise<School | null>;
  abstract slugTaken(slug: string): Promise<boolean>;
  abstract listAll(): Promise<School[]>;
}

export abstract class UserRepository {
  /** Throws `IDENTITY.EMAIL_TAKEN` (conflict) when the email is in use, even under a race. */
  abstract add(user: User): Promise<void>;
  abstract update(user: User): Promise<void>;
  abstract byId(id: UserId): Promise<User | null>;
  abstract byIdAcrossSchools(id: UserId): Promise<User | null>;
  abstract byEmailAcrossSchools(email: string): Promise<User | null>;
  abstract emailTaken(email: string): Promise<boolean>;
  /** By name; `archived` false keeps those at the school, true those who left, absent both. */
  abstract list(filter: { role?: string; archived?: boolean }): Promise<User[]>;
  abstract byIds(ids: readonly UserId[]): Promise<User[]>;
}

/** Students' profiles, one per student; a student without one has an empty profile. */
export abstract class StudentProfileRepository {
  abstract byStudent(studentId: UserId): Promise<StudentProfile | null>;
  /** Inserts the profile or replaces the one stored. */
  abstract save(profile: StudentProfile): Promise<void>;
}

/** Teachers' and accompanists' profiles, one per person; someone without one has an empty profile. */
export abstract class TeacherProfileRepository {
  abstract byTeacher(teacherId: UserId): Promise<TeacherProfile | null>;
  /** Inserts the profile or replaces the one stored. */
  abstract save(profile: TeacherProfile): Promise<void>;
}

/**
 * Who teaches whom, which identity does not know itself: the app answers it from scheduling's lessons.
 * A student's teachers see what only they need (medical notes, the emergency contact).
 */
export abstract class TeachingRelations {
  /** Whether the teacher or accompanist has a lesson with the student, not cancelled, within the window the adapter names. */
  abstract teaches(staffId: UserId, studentId: UserId): Promise<boolean>;
}

export abstract class FamilyRepository {
  abstract add(family: Family): Promise<void>;
  abstract update(family: Family): Promise<void>;
  abstract byId(id: FamilyId): Promise<Family | null>;
  /** As `byId`, and holds the family for the rest of the unit of work: changes of one family take turns. */
  abstract forChange(id: FamilyId): Promise<Family | null>;
  abstract list(): Promise<Family[]>;
  abstract ofGuardian(guardianId: UserId): Promise<Family[]>;
  abstract ofChild(childId: UserId): Promise<Family[]>;
  /** For each of the children, the guardians with any access (`view` or `full`) to them, in one read; children without any are absent. */
  abstract guardiansOfChildren(childIds: readonly UserId[]): Promise<Map<UserId, UserId[]>>;
}

export abstract class InvitationRepository {
  /**
   * One email has at most one open invitation (neither accepted nor revoked): adding a second while another is open,
   * even one a concurrent unit of work has just written, throws `IDENTITY.INVITATION_OPEN` (a conflict).
   */
  abstract add(invitation: Invitation): Promise<void>;
  abstract update(invitation: Invitation): Promise<void>;
  abstract byId(id: InvitationId): Promise<Invitation | null>;
  abstract byTokenHashAcrossSchools(tokenHash: string): Promise<Invitation | null>;
  /** Locks the row for the rest of the unit of work, so two uses of one invitation serialise. */
  abstract byTokenHashForUpdateAcrossSchools(tokenHash: string): Promise<Invitation | null>;
  abstract list(): Promise<Invitation[]>;
  abstract pendingForEmail(email: string, now: Date): Promise<Invitation | null>;
}

export abstract class RefreshTokenRepository {
  abstract add(token: RefreshTokenState): Promise<void>;
  /** Ends every session of the user but the one given (a family id): the one changing the password stays signed in. */
  abstract revokeAllOfUserExcept(userId: UserId, keep: SessionId, at: Date): Promise<void>;
  /** Locks the row for the rest of the unit of work, so two refreshes of one token serialise. */
  abstract byHashForUpdateAcrossSchools(tokenHash: string): Promise<RefreshTokenState | null>;
  abstract markReplaced(id: SessionId, at: Date): Promise<void>;
  abstract revokeFamily(familyId: SessionId, at: Date): Promise<void>;
  abstract revokeAllOfUser(userId: UserId, at: Date): Promise<void>;
  /** Whether the user signed in (opened a session) from this address since then. */
  abstract signedInFromSince(userId: UserId, ip: string, since: Date): Promise<boolean>;
}

export interface PasswordResetState {
  id: string;
  schoolId: SchoolId;
  userId: UserId;
  tokenHash: string;
  expiresAt: Date;
  usedAt: Date | null;
}

export abstract class PasswordResetRepository {
  abstract add(reset: PasswordResetState): Promise<void>;
  abstract byTokenHashAcrossSchools(tokenHash: string): Promise<PasswordResetState | null>;
  /** Locks the row for the rest of the unit of work, so two uses of one link serialise. */
  abstract byTokenHashForUpdateAcrossSchools(tokenHash: string): Promise<PasswordResetState | null>;
  abstract markUsed(id: string, at: Date): Promise<void>;
  /** Ends every link of the user not used yet. */
  abstract markAllUsedOfUser(userId: UserId, at: Date): Promise<void>;
}

/**
 * Reset requests waiting to be handled: the asker's answer never waits for the account's lookup
 * or the mail. Claimed for a lease, so a sender that crashes leaves them to another.
 */
export abstract class PasswordResetRequests {
  abstract add(request: { id: string; email: string; requestedAt: Date }): Promise<void>;
  /** Claims up to `limit` waiting requests, oldest first, for `leaseMs`; a request claimed too often is dropped. */
  abstract claim(limit: number, now: Date, leaseMs: number): Promise<{ id: string; email: string }[]>;
  abstract done(id: string): Promise<void>;
}

export abstract class PasswordHasher {
  abstract hash(password: string): Promise<string>;
  abstract verify(hash: string, password: string): Promise<boolean>;
  /** A hash to verify against when no user matched, so both paths cost the same. */
  abstract dummyHash(): Promise<string>;
}

/** Random secrets for links and cookies, and their one-way digests for storage. */
export abstract class SecretTokens {
  abstract generate(): string;
  /**
   * The token that replaces `token`: the same every time it is asked, and computable only
   * with the server's key, so a refresh presented twice within the grace gets the same one.
   */
  abstract successor(token: string): string;
  abstract digest(token: string): string;
}

export abstract class IdentityMailer {
  abstract sendInvitation(to: { email: string; name: string }, school: { name: string }, link: string, expiresAt: Date): Promise<void>;
  abstract sendPasswordReset(to: { email: string; name: string }, link: string, expiresAt: Date): Promise<void>;
}

/** Where links in mail point: the public URL of the apps. */
export abstract class LinkBuilder {
  abstract invitation(token: string, forStaff: boolean): string;
  abstract passwordReset(token: string, forStaff: boolean): string;
}

/** Identity's integration events (types and payloads in `@cadenza/shared/integration-events`), with their school and time. */
export type IdentityEvent = OutgoingEvent<IdentityIntegrationEvent>;

/** Tells the other contexts what changed in identity; the adapter writes the events to the outbox in the same unit of work. */
export abstract class IdentityEvents {
  abstract publish(events: readonly IdentityEvent[]): Promise<void>;
}
export * from './people-search.js';
export * from './person-lessons.js';
