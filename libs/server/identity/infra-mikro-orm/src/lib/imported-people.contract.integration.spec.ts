import { School } from '@cadenza/server/identity/domain';
import { importedPeopleContract } from '@cadenza/server/identity/domain/testing';
import { enterSchool } from '@cadenza/server/platform/db';
import { useSpecDatabase } from '@cadenza/server/spec-database';
import { identityPersistence } from './identity-persistence.module.js';
import { MikroOrmImportedPeople } from './mikro-orm-imported-people.js';
import { MikroOrmSchoolRepository } from './mikro-orm-school-repository.js';
import { MikroOrmUserRepository } from './mikro-orm-user-repository.js';

const now = new Date('2026-12-07T10:00:00Z');

describe('ImportedPeople on PostgreSQL', () => {
  const db = useSpecDatabase(identityPersistence);

  importedPeopleContract('MikroORM adapter', async () => {
    const em = db.orm.em.fork();
    const schools = new MikroOrmSchoolRepository(em);
    const [mine, other] = ['Mine', 'Other'].map((name) => School.create({ name, slug: `${name.toLowerCase()}-${Math.random().toString(36).slice(2, 10)}`, timeZone: 'Europe/London', currency: 'GBP', locale: 'en-GB' }, now));
    await schools.add(mine);
    await schools.add(other);
    enterSchool(em, mine.id);
    return {
      users: new MikroOrmUserRepository(em),
      imported: new MikroOrmImportedPeople(em),
      schoolId: mine.id,
      otherSchoolId: other.id,
      inOtherSchool: async (user, runId) => {
        const theirs = db.orm.em.fork();
        enterSchool(theirs, other.id);
        await new MikroOrmUserRepository(theirs).add(user);
        await new MikroOrmImportedPeople(theirs).record(runId, [user.id]);
      },
    };
  });
});
