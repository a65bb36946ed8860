import { type Actor } from '@cadenza/shared/kernel';
import { requireRole } from '../model/actor.js';
import { User } from '../model/user.js';
import { UserRepository } from '../ports/index.js';

export class ListUsers {
  constructor(private readonly users: UserRepository) {}

  execute(actor: Actor, filter: { role?: string }): Promise<User[]> {
    requireRole(actor, 'admin');
    return this.users.list(filter);
  }
}
