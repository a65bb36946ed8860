import { AuditTrail, Clock, DomainError, UnitOfWork, type Actor, type UserId } from '@cadenza/shared/kernel';
import { requireRole } from '../model/actor.js';
import type { User } from '../model/user.js';
import { PersonLessons, RefreshTokenRepository, SchoolRepository, UserRepository } from '../ports/index.js';
import { notFound } from './not-found.js';

export interface ArchivePersonInput {
  /** The day they left (`YYYY-MM-DD`, today or earlier); today in the school's time zone when left out. */
  leftOn?: string;
  /** Cancel their lessons still to come, in the same transaction. */
  cancelFutureLessons?: boolean;
  /** Why, for the cancelled lessons' notices. */
  reason?: string;
}

/** The calendar date of an instant in a time zone, `YYYY-MM-DD`. */
export function localDate(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/**
 * An admin archives someone who left (any role): from now on they cannot sign in (every session ends at once), they
 * drop out of pickers and lists, and their history stays. The leaving day is the one messaging's retention counts
 * from. Their lessons still to come may be cancelled in the same unit. Never oneself, never the school's last admin.
 */
export class ArchivePerson {
  constructor(
    private readonly users: UserRepository,
    private readonly schools: SchoolRepository,
    private readonly tokens: RefreshTokenRepository,
    private readonly lessons: PersonLessons,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, personId: UserId, input: ArchivePersonInput = {}): Promise<User> {
    requireRole(actor, 'admin');
    if (personId === actor.userId) {
      throw new DomainError('IDENTITY.CANNOT_ARCHIVE_SELF', 'conflict', 'You cannot archive yourself; ask another admin.');
    }
    const now = this.clock.now();
    return this.uow.run(async () => {
      // Changes to the school's admins take turns on the school's row (see `ChangeRoles`).
      const school = await this.schools.currentForUpdate();
      const person = await this.users.byId(personId);
      if (!person) throw notFound('The person');
      if (person.hasRole('admin') && !person.archived) {
        const admins = (await this.users.list({ role: 'admin', archived: false })).filter((a) => a.id !== person.id);
        if (admins.length === 0) {
          throw new DomainError('IDENTITY.LAST_ADMIN', 'conflict', 'The school’s last admin cannot be archived.');
        }
      }
      const before = person.auditView();
      const today = localDate(now, school.timeZone);
      person.archive(input.leftOn ?? today, today);
      await this.users.update(person);
      await this.tokens.revokeAllOfUser(person.id, now);
      const cancelled = input.cancelFutureLessons ? (await this.lessons.upcoming(person.id, now)).map((l) => l.id) : [];
      if (cancelled.length > 0) {
        await this.lessons.cancel(actor, cancelled, input.reason?.trim() || `${person.name} has left the school.`);
      }
      await this.audit.record({
        schoolId: actor.schoolId,
        actorId: actor.userId,
        action: 'identity.person.archived',
        entityType: 'user',
        entityId: person.id,
        before,
        after: { ...person.auditView(), cancelledLessonIds: cancelled },
      });
      return person;
    });
  }
}
