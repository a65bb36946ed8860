import type { Actor, UserId } from '@cadenza/shared/kernel';
import { hasAnyRole } from '../model/actor.js';
import type { User } from '../model/user.js';
import { UserRepository } from '../ports/index.js';
import { notFound } from './not-found.js';

/** One user of the school: admins may read anyone; everyone else only themselves (anyone else is "not found"). */
export class GetUser {
  constructor(private readonly users: UserRepository) {}

  async execute(actor: Actor, userId: UserId): Promise<User> {
    const user = hasAnyRole(actor, 'admin') || actor.userId === userId ? await this.users.byId(userId) : null;
    if (!user) throw notFound('The user');
    return user;
  }
}
