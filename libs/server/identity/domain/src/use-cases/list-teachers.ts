import { type Actor } from '@cadenza/shared/kernel';
import { User } from '../model/user.js';
import { UserRepository } from '../ports/index.js';

/**
 * Who teaches at the school (its teachers and accompanists), by name, for everyone in it: a family
 * sees whom its lessons are with and whom it may ask for one. Names only; contact details stay with staff.
 */
export class ListTeachers {
  constructor(private readonly users: UserRepository) {}

  async execute(_actor: Actor): Promise<User[]> {
    const teachers = await this.users.list({ role: 'teacher', archived: false });
    const accompanists = await this.users.list({ role: 'accompanist', archived: false });
    const byId = new Map([...teachers, ...accompanists].map((u) => [u.id, u]));
    return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }
}
