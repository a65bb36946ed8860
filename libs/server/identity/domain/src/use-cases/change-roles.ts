import { AuditTrail, Clock, DomainError, UnitOfWork, type Actor, type UserId } from '@cadenza/shared/kernel';
import { requireRole } from '../model/actor.js';
import type { Role } from '../model/roles.js';
import type { User } from '../model/user.js';
import { FamilyRepository, RefreshTokenRepository, SchoolRepository, UserRepository } from '../ports/index.js';
import { notFound } from './not-found.js';

/** The roles an admin gives or takes away; a student is one by their record, not by this. */
export const ASSIGNABLE_ROLES: readonly Role[] = ['admin', 'teacher', 'accompanist', 'parent'];

const refusal = (code: string, message: string) => new DomainError(code, 'conflict', message, { fields: [{ field: 'roles', message }] });

/**
 * An admin sets which of the assignable roles someone holds (their student role, if any, stays as it is). Never one's
 * own admin role, never the school's last admin: the change takes its turn on the school's row, so two admins taking
 * each other's admin role at once leave one admin. The person's sessions end, so their new roles apply from their next
 * request (an admin adding a role to themself keeps theirs). Audited as `identity.user.roles_changed`.
 */
export class ChangeRoles {
  constructor(
    private readonly users: UserRepository,
    private readonly schools: SchoolRepository,
    private readonly families: FamilyRepository,
    private readonly tokens: RefreshTokenRepository,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, personId: UserId, input: { roles: readonly string[] }): Promise<User> {
    requireRole(actor, 'admin');
    const asked = [...new Set(input.roles)];
    const other = asked.find((r) => !(ASSIGNABLE_ROLES as readonly string[]).includes(r));
    if (other !== undefined) {
      throw DomainError.invalid('IDENTITY.ROLE_NOT_ASSIGNABLE', 'roles', `"${other}" is not a role an admin gives: choose among ${ASSIGNABLE_ROLES.join(', ')}.`);
    }
    const now = this.clock.now();
    return this.uow.run(async () => {
      // Changes to the school's admins take turns here, and each then sees the one before it.
      await this.schools.currentForUpdate();
      const person = await this.users.byId(personId);
      if (!person) throw notFound('The person');
      if (person.archived) throw refusal('IDENTITY.PERSON_ARCHIVED', 'This person is archived; restore them before changing their roles.');
      const next = [...person.roles.filter((r) => !ASSIGNABLE_ROLES.includes(r)), ...(asked as Role[])];
      if (next.length === 0) throw DomainError.invalid('IDENTITY.ROLE_REQUIRED', 'roles', 'Choose at least one role.');
      const losing = person.roles.filter((r) => !next.includes(r));
      if (losing.length === 0 && next.length === person.roles.length) return person;
      if (losing.includes('admin')) {
        if (person.id === actor.userId) throw refusal('IDENTITY.CANNOT_REMOVE_OWN_ADMIN', 'You cannot take away your own admin role; ask another admin.');
        const others = (await this.users.list({ role: 'admin', archived: false })).filter((a) => a.id !== person.id);
        if (others.length === 0) throw refusal('IDENTITY.LAST_ADMIN', 'The school’s last admin keeps the admin role: make someone else an admin first.');
      }
      // The caller's token may be older than a change that took their own admin role.
      const me = person.id === actor.userId ? person : await this.users.byId(actor.userId);
      if (!me || me.archived || !me.hasRole('admin')) {
        throw new DomainError('IDENTITY.FORBIDDEN', 'forbidden', 'You are no longer an admin of this school.');
      }
      if (losing.includes('parent') && (await this.families.ofGuardian(person.id)).length > 0) {
        throw refusal('IDENTITY.STILL_GUARDIAN', 'This person is a guardian in a family: remove them from it before taking the parent role away.');
      }
      const before = { roles: [...person.roles], safeguardingLead: person.snapshot().safeguardingLead };
      person.setRoles(next);
      await this.users.update(person);
      if (person.id !== actor.userId) await this.tokens.revokeAllOfUser(person.id, now);
      await this.audit.record({
        schoolId: actor.schoolId,
        actorId: actor.userId,
        action: 'identity.user.roles_changed',
        entityType: 'user',
        entityId: person.id,
        before,
        after: { roles: [...person.roles], safeguardingLead: person.snapshot().safeguardingLead },
      });
      return person;
    });
  }
}
