import { AuditTrail, UnitOfWork, type Actor, type UserId } from '@cadenza/shared/kernel';
import { requireRole } from '../model/actor.js';
import type { User } from '../model/user.js';
import { UserRepository } from '../ports/index.js';
import { notFound } from './not-found.js';

/** An admin brings an archived person back: they can sign in again (with their old password) and reappear in lists. */
export class RestorePerson {
  constructor(
    private readonly users: UserRepository,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
  ) {}

  async execute(actor: Actor, personId: UserId): Promise<User> {
    requireRole(actor, 'admin');
    return this.uow.run(async () => {
      const person = await this.users.byId(personId);
      if (!person) throw notFound('The person');
      const before = person.auditView();
      person.restoreFromArchive();
      await this.users.update(person);
      await this.audit.record({ schoolId: actor.schoolId, actorId: actor.userId, action: 'identity.person.restored', entityType: 'user', entityId: person.id, before, after: person.auditView() });
      return person;
    });
  }
}
