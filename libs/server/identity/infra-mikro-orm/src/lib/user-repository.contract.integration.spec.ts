import { MikroORM } from '@mikro-orm/postgresql';
import { School } from '@cadenza/server/identity/domain';
import { userRepositoryContract } from '@cadenza/server/identity/domain/testing';
import { enterSchool, migrate, ormOptions } from '@cadenza/server/platform/db';
import { createTestDatabase, type TestDatabase } from '@cadenza/server/testing';
import { identityPersistence } from './identity-persistence.module.js';
import { MikroOrmSchoolRepository } from './mikro-orm-school-repository.js';
import { MikroOrmUserRepository } from './mikro-orm-user-repository.js';

const now = new Date('2026-11-23T10:00:00Z');

describe('MikroOrmUserRepository on PostgreSQL', () => {
  let db: TestDatabase;
  let orm: MikroORM;

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrate(db.url, identityPersistence);
    orm = await MikroORM.init(ormOptions(db.url, identityPersistence, 4));
  }, 60_000);

  afterAll(async () => {
    await orm?.close(true);
    await db?.drop();
  });

  // Two fresh schools per test; the repository works under the first, as a request would.
  userRepositoryContract('MikroORM adapter', async () => {
    const em = orm.em.fork();
    const schools = new MikroOrmSchoolRepository(em);
    const [mine, other] = ['Mine', 'Other'].map((name) => School.create({ name, slug: `${name.toLowerCase()}-${Math.random().toString(36).slice(2, 10)}`, timeZone: 'Europe/London', currency: 'GBP', locale: 'en-GB' }, now));
    await schools.add(mine);
    await schools.add(other);
    enterSchool(em, mine.id);
    return { repo: new MikroOrmUserRepository(em), schoolId: mine.id, otherSchoolId: other.id };
  });
});
