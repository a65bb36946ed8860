import { DomainError, type Actor } from '@cadenza/shared/kernel';
import { User } from '../model/user.js';
import type { School } from '../model/school.js';
import { SchoolRepository, UserRepository } from '../ports/index.js';

export class GetMe {
  constructor(
    private readonly users: UserRepository,
    private readonly schools: SchoolRepository,
  ) {}

  async execute(actor: Actor): Promise<{ user: User; school: School }> {
    const user = await this.users.byId(actor.userId);
    if (!user) {
      throw new DomainError('IDENTITY.SESSION_ENDED', 'unauthenticated', 'Your account no longer exists.');
    }
    return { user, school: await this.schools.current() };
  }
}
