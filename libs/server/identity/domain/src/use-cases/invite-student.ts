import { DomainError, type Actor, type UserId } from '@cadenza/shared/kernel';
import { requireRole } from '../model/actor.js';
import type { Invitation } from '../model/invitation.js';
import { UserRepository } from '../ports/index.js';
import { InviteUser } from './invite-user.js';
import { notFound } from './not-found.js';

/**
 * An admin invites a student the school recorded without a sign-in: the usual invitation mail, under the usual limits
 * (see `InviteUser`); accepting it gives the student's record its email and password rather than a new account.
 */
export class InviteStudent {
  constructor(
    private readonly users: UserRepository,
    private readonly invite: InviteUser,
  ) {}

  async execute(actor: Actor, studentId: UserId, input: { email: string }): Promise<Invitation> {
    requireRole(actor, 'admin');
    const student = await this.users.byId(studentId);
    if (!student || !student.hasRole('student')) {
      throw notFound('The student');
    }
    if (student.signsIn) {
      throw new DomainError('IDENTITY.ALREADY_SIGNS_IN', 'conflict', 'This student already has a sign-in of their own.');
    }
    return this.invite.execute(actor, { email: input.email, name: student.name, roles: student.roles, userId: student.id });
  }
}
