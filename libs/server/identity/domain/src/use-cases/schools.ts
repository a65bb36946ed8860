import { AuditTrail, Clock, DomainError, UnitOfWork, type Actor } from '@cadenza/shared/kernel';
import { requireRole } from '../model/actor.js';
import { School, type SchoolSettingsPatch } from '../model/school.js';
import { User } from '../model/user.js';
import { PasswordHasher, SchoolRepository, UserRepository } from '../ports/index.js';

export interface CreateSchoolInput {
  name: string;
  slug?: string;
  timeZone: string;
  currency: string;
  locale: string;
  admin: { email: string; name: string; password: string };
}

/** Operators create a school with its first admin (who is also its safeguarding lead). */
export class CreateSchool {
  constructor(
    private readonly schools: SchoolRepository,
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(input: CreateSchoolInput): Promise<{ school: School; admin: User }> {
    const now = this.clock.now();
    const school = School.create(input, now);
    const admin = User.create(
      { schoolId: school.id, email: input.admin.email, name: input.admin.name, roles: ['admin'], timeZone: input.timeZone, locale: input.locale, safeguardingLead: true },
      now,
    );
    if (input.admin.password.length < 10) {
      throw DomainError.invalid('IDENTITY.WEAK_PASSWORD', 'admin.password', 'Use at least 10 characters.');
    }
    admin.setPassword(await this.hasher.hash(input.admin.password), now, true);
    await this.uow.run(async () => {
      if (await this.schools.slugTaken(school.snapshot().slug)) {
        throw new DomainError('IDENTITY.SLUG_TAKEN', 'conflict', `A school with the address "${school.snapshot().slug}" exists already.`, {
          fields: [{ field: 'slug', message: 'This address is taken.' }],
        });
      }
      await this.schools.add(school);
      await this.users.add(admin);
      await this.audit.record({ schoolId: school.id, actorId: null, action: 'identity.school.created', entityType: 'school', entityId: school.id, after: school.snapshot() });
      await this.audit.record({ schoolId: school.id, actorId: null, action: 'identity.user.created', entityType: 'user', entityId: admin.id, after: admin.auditView() });
    });
    return { school, admin };
  }
}

export class ListSchools {
  constructor(private readonly schools: SchoolRepository) {}

  execute(): Promise<School[]> {
    return this.schools.listAll();
  }
}

export class GetSchoolSettings {
  constructor(private readonly schools: SchoolRepository) {}

  execute(_actor: Actor): Promise<School> {
    return this.schools.current();
  }
}

export class UpdateSchoolSettings {
  constructor(
    private readonly schools: SchoolRepository,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
  ) {}

  async execute(actor: Actor, patch: SchoolSettingsPatch): Promise<School> {
    requireRole(actor, 'admin');
    return this.uow.run(async () => {
      const school = await this.schools.current();
      const before = school.snapshot();
      school.update(patch);
      await this.schools.update(school);
      await this.audit.record({ schoolId: school.id, actorId: actor.userId, action: 'identity.school.updated', entityType: 'school', entityId: school.id, before, after: school.snapshot() });
      return school;
    });
  }
}
