import { AuditTrail, Clock, DomainError, UnitOfWork, type UserId, type Actor } from '@cadenza/shared/kernel';
import { requireRole } from '../model/actor.js';
import { Family } from '../model/family.js';
import type { AccessLevel } from '../model/roles.js';
import { User } from '../model/user.js';
import { FamilyRepository, PasswordHasher, UserRepository } from '../ports/index.js';

export interface RegisterPersonInput {
  email: string;
  name: string;
  roles: string[];
  password?: string;
  dateOfBirth?: string | null;
  timeZone: string;
  locale: string;
}

/**
 * Creates accounts directly (the demo seed, imports): invitations are the way
 * people join through the apps.
 */
export class RegisterPeople {
  constructor(
    private readonly users: UserRepository,
    private readonly families: FamilyRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async user(actor: Actor | null, schoolId: Actor['schoolId'], input: RegisterPersonInput): Promise<User> {
    if (actor) {
      requireRole(actor, 'admin');
    }
    const now = this.clock.now();
    const user = User.create({ ...input, schoolId }, now);
    if (input.password) {
      user.setPassword(await this.hasher.hash(input.password), now, true);
    }
    await this.uow.run(async () => {
      await this.users.add(user);
      await this.audit.record({ schoolId, actorId: actor?.userId ?? null, action: 'identity.user.created', entityType: 'user', entityId: user.id, after: user.auditView() });
    });
    return user;
  }

  /** Many accounts in one transaction, hashing each distinct password once (the demo seed, imports). */
  async many(actor: Actor | null, schoolId: Actor['schoolId'], inputs: RegisterPersonInput[]): Promise<User[]> {
    if (actor) {
      requireRole(actor, 'admin');
    }
    const now = this.clock.now();
    const hashes = new Map<string, string>();
    for (const password of new Set(inputs.map((i) => i.password).filter((p): p is string => !!p))) {
      hashes.set(password, await this.hasher.hash(password));
    }
    const users = inputs.map((input) => {
      const user = User.create({ ...input, schoolId }, now);
      if (input.password) {
        user.setPassword(hashes.get(input.password) ?? '', now, true);
      }
      return user;
    });
    await this.uow.run(async () => {
      for (const user of users) {
        await this.users.add(user);
        await this.audit.record({ schoolId, actorId: actor?.userId ?? null, action: 'identity.user.created', entityType: 'user', entityId: user.id, after: user.auditView() });
      }
    });
    return users;
  }

  async family(
    actor: Actor | null,
    schoolId: Actor['schoolId'],
    input: { name: string; guardians: { id: UserId; level: AccessLevel }[]; children: UserId[] },
  ): Promise<Family> {
    if (actor) {
      requireRole(actor, 'admin');
    }
    const family = Family.create(schoolId, input.name);
    return this.uow.run(async () => {
      const members = await this.users.byIds([...input.children, ...input.guardians.map((g) => g.id)]);
      for (const child of input.children) {
        if (!members.find((m) => m.id === child)?.hasRole('student')) {
          throw DomainError.invalid('IDENTITY.NOT_A_STUDENT', 'children', 'Every child must be a student of the school.');
        }
        family.addChild(child);
      }
      for (const guardian of input.guardians) {
        if (!members.find((m) => m.id === guardian.id)?.hasRole('parent')) {
          throw DomainError.invalid('IDENTITY.NOT_A_PARENT', 'guardians', 'Every guardian must be a parent account of the school.');
        }
        family.addGuardian(guardian.id, guardian.level);
      }
      await this.families.add(family);
      await this.audit.record({ schoolId, actorId: actor?.userId ?? null, action: 'identity.family.created', entityType: 'family', entityId: family.id, after: family.snapshot() });
      return family;
    });
  }
}
