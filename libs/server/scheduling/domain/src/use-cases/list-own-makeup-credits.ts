import type { Actor, UserId } from '@cadenza/shared/kernel';
import { hasRole, isAdmin } from '../model/actor.js';
import type { MakeupCredit } from '../model/makeup-credit.js';
import { MakeupCreditRepository, SchoolDirectory } from '../ports/index.js';

/**
 * The makeup credits of the caller's own family, without naming a student: a parent's children's
 * (and their own, if they are also a student); an admin's, the school's; anyone else's own. Credits of one named student go
 * through `ListMakeupCredits`, which checks the caller may see them.
 */
export class ListOwnMakeupCredits {
  constructor(
    private readonly credits: MakeupCreditRepository,
    private readonly directory: SchoolDirectory,
  ) {}

  async execute(actor: Actor): Promise<MakeupCredit[]> {
    if (isAdmin(actor)) return this.credits.all();
    const students: UserId[] = hasRole(actor, 'parent') ? [] : [actor.userId];
    if (hasRole(actor, 'parent')) {
      if (hasRole(actor, 'student')) students.push(actor.userId);
      for (const child of await this.directory.childrenOf(actor.userId)) students.push(child.studentId);
    }
    const found: MakeupCredit[] = [];
    for (const studentId of students) found.push(...(await this.credits.ofStudent(studentId)));
    return found;
  }
}
