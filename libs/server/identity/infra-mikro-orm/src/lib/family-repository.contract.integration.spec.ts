import { School, User } from '@cadenza/server/identity/domain';
import { familyRepositoryContract } from '@cadenza/server/identity/domain/testing';
import { enterSchool } from '@cadenza/server/platform/db';
import { useSpecDatabase } from '@cadenza/server/spec-database';
import { identityPersistence } from './identity-persistence.module.js';
import { MikroOrmFamilyRepository } from './mikro-orm-family-repository.js';
import { MikroOrmSchoolRepository } from './mikro-orm-school-repository.js';
import { MikroOrmUserRepository } from './mikro-orm-user-repository.js';

const now = new Date('2026-12-07T10:00:00Z');

describe('MikroOrmFamilyRepository on PostgreSQL', () => {
  const db = useSpecDatabase(identityPersistence);

  // A fresh school per test; the repository works under it, as a request would.
  familyRepositoryContract('MikroORM adapter', async () => {
    const em = db.orm.em.fork();
    const school = School.create({ name: 'Mine', slug: `mine-${Math.random().toString(36).slice(2, 10)}`, timeZone: 'Europe/London', currency: 'GBP', locale: 'en-GB' }, now);
    await new MikroOrmSchoolRepository(em).add(school);
    enterSchool(em, school.id);
    const users = new MikroOrmUserRepository(em);
    return {
      repo: new MikroOrmFamilyRepository(em),
      schoolId: school.id,
      person: async () => {
        const user = User.create({ schoolId: school.id, email: `${Math.random().toString(36).slice(2, 12)}@example.org`, name: 'Someone', roles: ['parent'], timeZone: 'Europe/London', locale: 'en-GB' }, now);
        await users.add(user);
        return user.id;
      },
    };
  });
});
