import { School } from '@cadenza/server/identity/domain';
import { userRepositoryContract } from '@cadenza/server/identity/domain/testing';
import { enterSchool } from '@cadenza/server/platform/db';
import { useSpecDatabase } from '@cadenza/server/spec-database';
import { identityPersistence } from './identity-persistence.module.js';
import { MikroOrmSchoolRepository } from './mikro-orm-school-repository.js';
import { MikroOrmUserRepository } from './mikro-orm-user-repository.js';

const now = new Date('2026-11-23T10:00:00Z');

describe('MikroOrmUserRepository on PostgreSQL', () => {
  const db = useSpecDatabase(identityPersistence);

  // Two fresh schools per test; the repository works under the first, as a request would.
  userRepositoryContract('MikroORM adapter', async () => {
    const em = db.orm.em.fork();
    const schools = new MikroOrmSchoolRepository(em);
    const [mine, other] = ['Mine', 'Other'].map((name) => School.create({ name, slug: `${name.toLowerCase()}-${Math.random().toString(36).slice(2, 10)}`, timeZone: 'Europe/London', currency: 'GBP', locale: 'en-GB' }, now));
    await schools.add(mine);
    await schools.add(other);
    enterSchool(em, mine.id);
    return { repo: new MikroOrmUserRepository(em), schoolId: mine.id, otherSchoolId: other.id };
  });
});
