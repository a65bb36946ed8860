import { AuditTrail, Clock, DomainError, UnitOfWork, type FamilyId, type UserId, type Actor } from '@cadenza/shared/kernel';
import { hasAnyRole, requireRole } from '../model/actor.js';
import { Family } from '../model/family.js';
import type { AccessLevel } from '../model/roles.js';
import { User } from '../model/user.js';
import type { School } from '../model/school.js';
import { FamilyRepository, PasswordHasher, SchoolRepository, UserRepository } from '../ports/index.js';

const notFound = (what: string) => DomainError.notFound('IDENTITY.NOT_FOUND', what);

export class GetMe {
  constructor(
    private readonly users: UserRepository,
    private readonly schools: SchoolRepository,
  ) {}

  async execute(actor: Actor): Promise<{ user: User; school: School }> {
    const [user, school] = await Promise.all([this.users.byId(actor.userId), this.schools.current()]);
    if (!user) {
      throw new DomainError('IDENTITY.SESSION_ENDED', 'unauthenticated', 'Your account no longer exists.');
    }
    return { user, school };
  }
}

export class UpdateMyProfile {
  constructor(
    private readonly users: UserRepository,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
  ) {}

  async execute(actor: Actor, patch: { name?: string; timeZone?: string; locale?: string }): Promise<User> {
    return this.uow.run(async () => {
      const user = await this.users.byId(actor.userId);
      if (!user) {
        throw notFound('The user');
      }
      const before = user.auditView();
      user.updateProfile(patch);
      await this.users.update(user);
      await this.audit.record({ schoolId: actor.schoolId, actorId: actor.userId, action: 'identity.user.updated', entityType: 'user', entityId: user.id, before, after: user.auditView() });
      return user;
    });
  }
}

export class ListUsers {
  constructor(private readonly users: UserRepository) {}

  execute(actor: Actor, filter: { role?: string }): Promise<User[]> {
    requireRole(actor, 'admin');
    return this.users.list(filter);
  }
}

/**
 * Who may see a student: staff of the school, the student themself, and the
 * guardians of their families (any access level).
 */
export class StudentAccessPolicy {
  constructor(private readonly families: FamilyRepository) {}

  async levelFor(actor: Actor, studentId: UserId): Promise<AccessLevel | 'staff' | 'self' | null> {
    if (hasAnyRole(actor, 'admin')) {
      return 'staff';
    }
    if (actor.userId === studentId) {
      return 'self';
    }
    if (hasAnyRole(actor, 'teacher', 'accompanist')) {
      return 'staff';
    }
    let best: AccessLevel | null = null;
    for (const family of await this.families.ofChild(studentId)) {
      const level = family.accessOf(actor.userId, studentId);
      if (level === 'full' || (level === 'view' && best === null)) {
        best = level;
      }
    }
    return best;
  }
}

export class ListStudents {
  constructor(
    private readonly users: UserRepository,
    private readonly families: FamilyRepository,
  ) {}

  async execute(actor: Actor): Promise<User[]> {
    if (hasAnyRole(actor, 'admin', 'teacher', 'accompanist')) {
      return this.users.list({ role: 'student' });
    }
    const ids = new Set<UserId>();
    if (actor.roles.includes('student')) {
      ids.add(actor.userId);
    }
    for (const family of await this.families.ofGuardian(actor.userId)) {
      for (const child of family.childIds) {
        if (family.accessOf(actor.userId, child)) {
          ids.add(child);
        }
      }
    }
    return this.users.byIds([...ids]);
  }
}

/**
 * Who teaches at the school (its teachers and accompanists), by name, for everyone in it: a family
 * sees whom its lessons are with and whom it may ask for one. Names only; contact details stay with staff.
 */
export class ListTeachers {
  constructor(private readonly users: UserRepository) {}

  async execute(_actor: Actor): Promise<User[]> {
    const [teachers, accompanists] = await Promise.all([this.users.list({ role: 'teacher' }), this.users.list({ role: 'accompanist' })]);
    const byId = new Map([...teachers, ...accompanists].map((u) => [u.id, u]));
    return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }
}

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

/** Admins, and guardians with `full` access, may change a student's details. */
export class UpdateStudent {
  constructor(
    private readonly users: UserRepository,
    private readonly policy: StudentAccessPolicy,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, studentId: UserId, patch: { name?: string; dateOfBirth?: string | null; leftSchoolOn?: string | null }): Promise<User> {
    const level = await this.policy.levelFor(actor, studentId);
    if (level === null) {
      throw notFound('The student');
    }
    if (level !== 'full' && !hasAnyRole(actor, 'admin')) {
      throw new DomainError('IDENTITY.FORBIDDEN', 'forbidden', 'You can view this student but not change their details.');
    }
    return this.uow.run(async () => {
      const student = await this.users.byId(studentId);
      if (!student || !student.hasRole('student')) {
        throw notFound('The student');
      }
      const before = student.auditView();
      student.updateProfile({ name: patch.name });
      if (patch.dateOfBirth !== undefined) {
        student.setDateOfBirth(patch.dateOfBirth, this.clock.now());
      }
      if (patch.leftSchoolOn !== undefined) {
        if (!hasAnyRole(actor, 'admin')) {
          throw new DomainError('IDENTITY.FORBIDDEN', 'forbidden', 'Only the school records that a student has left.');
        }
        student.setLeftSchoolOn(patch.leftSchoolOn, this.clock.now());
      }
      await this.users.update(student);
      await this.audit.record({ schoolId: actor.schoolId, actorId: actor.userId, action: 'identity.student.updated', entityType: 'user', entityId: student.id, before, after: student.auditView() });
      return student;
    });
  }
}

export class ListFamilies {
  constructor(private readonly families: FamilyRepository) {}

  execute(actor: Actor): Promise<Family[]> {
    if (hasAnyRole(actor, 'admin')) {
      return this.families.list();
    }
    return this.families.ofGuardian(actor.userId);
  }
}

export class GetFamily {
  constructor(private readonly families: FamilyRepository) {}

  async execute(actor: Actor, id: FamilyId): Promise<Family> {
    const family = await this.families.byId(id);
    if (!family || (!hasAnyRole(actor, 'admin') && !family.guardianIds.includes(actor.userId) && !family.childIds.includes(actor.userId))) {
      throw notFound('The family');
    }
    return family;
  }
}

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
