import { AuditTrail, UnitOfWork, type Actor } from '@cadenza/shared/kernel';
import { User } from '../model/user.js';
import { UserRepository } from '../ports/index.js';
import { notFound } from './not-found.js';

export class UpdateMyProfile {
  constructor(
    private readonly users: UserRepository,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
  ) {}

  async execute(actor: Actor, patch: { name?: string; timeZone?: string; locale?: string }): Promise<User> {
    return this.uow.run(async () => {
      const user = await this.users.byId(actor.userId);
      if (!user) {
        throw notFound('The user');
      }
      const before = user.auditView();
      user.updateProfile(patch);
      await this.users.update(user);
      await this.audit.record({ schoolId: actor.schoolId, actorId: actor.userId, action: 'identity.user.updated', entityType: 'user', entityId: user.id, before, after: user.auditView() });
      return user;
    });
  }
}
