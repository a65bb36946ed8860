import { DomainError, DAY, newId, type Id, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { assertRoles, type Role } from './roles.js';
import { normaliseEmail } from './user.js';

export type InvitationId = Id<'Invitation'>;

export interface InvitationState {
  id: InvitationId;
  schoolId: SchoolId;
  email: string;
  name: string;
  roles: Role[];
  /** SHA-256 of the token in the link; the token itself is never stored. */
  tokenHash: string;
  invitedBy: UserId | null;
  /** Someone the school already records (a student without a sign-in): accepting gives them their sign-in instead of a new account. */
  userId: UserId | null;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
}

/** Another invitation to this email is open: one email has one open invitation at a time. */
export const invitationOpen = (): DomainError =>
  new DomainError('IDENTITY.INVITATION_OPEN', 'conflict', 'An invitation to this email is open already.', { fields: [{ field: 'email', message: 'An invitation to this email is open already.' }] });

export class Invitation {
  private constructor(private state: InvitationState) {}

  static restore(state: InvitationState): Invitation {
    return new Invitation({ ...state, userId: state.userId ?? null, roles: [...state.roles] });
  }

  static issue(
    input: { schoolId: SchoolId; email: string; name: string; roles: string[]; invitedBy: UserId | null; tokenHash: string; ttlDays: number; userId?: UserId | null },
    now: Date,
  ): Invitation {
    assertRoles(input.roles);
    const name = input.name.trim();
    if (name.length === 0 || name.length > 120) {
      throw DomainError.invalid('IDENTITY.INVALID_NAME', 'name', 'Enter a name of 1 to 120 characters.');
    }
    return new Invitation({
      id: newId<InvitationId>(),
      schoolId: input.schoolId,
      email: normaliseEmail(input.email),
      name,
      roles: [...new Set(input.roles)],
      tokenHash: input.tokenHash,
      invitedBy: input.invitedBy,
      userId: input.userId ?? null,
      expiresAt: new Date(now.getTime() + input.ttlDays * DAY),
      acceptedAt: null,
      revokedAt: null,
      createdAt: now,
    });
  }

  get id(): InvitationId {
    return this.state.id;
  }
  get schoolId(): SchoolId {
    return this.state.schoolId;
  }
  get email(): string {
    return this.state.email;
  }
  get name(): string {
    return this.state.name;
  }
  get roles(): readonly Role[] {
    return this.state.roles;
  }
  get userId(): UserId | null {
    return this.state.userId;
  }
  get expiresAt(): Date {
    return this.state.expiresAt;
  }

  /** Throws 410 Gone for a used, revoked or expired invitation. */
  accept(now: Date): void {
    this.assertAcceptable(now);
    this.state.acceptedAt = now;
  }

  /** Throws 410 Gone for a used, revoked or expired invitation; changes nothing. */
  assertAcceptable(now: Date): void {
    if (this.state.acceptedAt || this.state.revokedAt) {
      throw new DomainError('IDENTITY.INVITATION_USED', 'gone', 'This invitation has already been used or withdrawn.');
    }
    if (now.getTime() >= this.state.expiresAt.getTime()) {
      throw new DomainError('IDENTITY.INVITATION_EXPIRED', 'gone', 'This invitation has expired. Ask your school for a new one.');
    }
  }

  revoke(now: Date): void {
    if (this.state.acceptedAt) {
      throw new DomainError('IDENTITY.INVITATION_USED', 'conflict', 'This invitation has already been accepted.');
    }
    this.state.revokedAt ??= now;
  }

  snapshot(): InvitationState {
    return { ...this.state, roles: [...this.state.roles] };
  }
}
