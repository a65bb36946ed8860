import { type UserId, type Actor } from '@cadenza/shared/kernel';
import { User } from '../model/user.js';
import { UserRepository } from '../ports/index.js';
import { notFound } from './not-found.js';
import { StudentAccessPolicy } from './student-access-policy.js';

export class GetStudent {
  constructor(
    private readonly users: UserRepository,
    private readonly policy: StudentAccessPolicy,
  ) {}

  async execute(actor: Actor, studentId: UserId): Promise<User> {
    const level = await this.policy.levelFor(actor, studentId);
    const student = level ? await this.users.byId(studentId) : null;
    if (!student || !student.hasRole('student')) {
      throw notFound('The student');
    }
    return student;
  }
}
