import { integrationEvent, outgoingEvent } from '@cadenza/shared/integration-events';
import { AuditTrail, Clock, DomainError, UnitOfWork, type UserId, type Actor } from '@cadenza/shared/kernel';
import { hasAnyRole } from '../model/actor.js';
import { User } from '../model/user.js';
import { IdentityEvents, RefreshTokenRepository, UserRepository } from '../ports/index.js';
import { notFound } from './not-found.js';
import { StudentAccessPolicy } from './student-access-policy.js';

/**
 * Admins, and guardians with `full` access, may change a student's details. A changed date of birth is published
 * (`student.date_of_birth_changed.v1`), as whether they count as a minor may have changed with it.
 */
export class UpdateStudent {
  constructor(
    private readonly users: UserRepository,
    private readonly policy: StudentAccessPolicy,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly events: IdentityEvents,
    private readonly tokens: RefreshTokenRepository,
  ) {}

  async execute(actor: Actor, studentId: UserId, patch: { name?: string; dateOfBirth?: string | null; leftSchoolOn?: string | null }): Promise<User> {
    const level = await this.policy.levelFor(actor, studentId);
    if (level === null) {
      throw notFound('The student');
    }
    if (level !== 'full' && !hasAnyRole(actor, 'admin')) {
      throw new DomainError('IDENTITY.FORBIDDEN', 'forbidden', 'You can view this student but not change their details.');
    }
    return this.uow.run(async () => {
      const student = await this.users.byId(studentId);
      if (!student || !student.hasRole('student')) {
        throw notFound('The student');
      }
      const before = student.auditView();
      const dateOfBirthBefore = student.dateOfBirth;
      student.updateProfile({ name: patch.name });
      if (patch.dateOfBirth !== undefined) {
        student.setDateOfBirth(patch.dateOfBirth, this.clock.now());
      }
      if (patch.leftSchoolOn !== undefined) {
        if (!hasAnyRole(actor, 'admin')) {
          throw new DomainError('IDENTITY.FORBIDDEN', 'forbidden', 'Only the school records that a student has left.');
        }
        const wasArchived = student.archived;
        student.setLeftSchoolOn(patch.leftSchoolOn, this.clock.now());
        // A leaving day archives the student, as ArchivePerson does: their sessions end at once.
        if (student.archived && !wasArchived) await this.tokens.revokeAllOfUser(student.id, this.clock.now());
      }
      await this.users.update(student);
      if (student.dateOfBirth !== dateOfBirthBefore) {
        await this.events.publish([
          outgoingEvent(actor.schoolId, this.clock.now(), integrationEvent('student.date_of_birth_changed.v1', { actorId: actor.userId, studentId: student.id, dateOfBirth: student.dateOfBirth })),
        ]);
      }
      await this.audit.record({ schoolId: actor.schoolId, actorId: actor.userId, action: 'identity.student.updated', entityType: 'user', entityId: student.id, before, after: student.auditView() });
      return student;
    });
  }
}
