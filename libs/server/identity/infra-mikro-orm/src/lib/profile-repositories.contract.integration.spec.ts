import { School } from '@cadenza/server/identity/domain';
import { profileRepositoriesContract } from '@cadenza/server/identity/domain/testing';
import { enterSchool } from '@cadenza/server/platform/db';
import { useSpecDatabase } from '@cadenza/server/spec-database';
import { identityPersistence } from './identity-persistence.module.js';
import { MikroOrmSchoolRepository } from './mikro-orm-school-repository.js';
import { MikroOrmStudentProfileRepository } from './mikro-orm-student-profile-repository.js';
import { MikroOrmTeacherProfileRepository } from './mikro-orm-teacher-profile-repository.js';
import { MikroOrmUserRepository } from './mikro-orm-user-repository.js';

const now = new Date('2026-11-23T10:00:00Z');

describe('the profile repositories on PostgreSQL', () => {
  const db = useSpecDatabase(identityPersistence);

  // Two fresh schools per test; the repositories work under the first, as a request would.
  profileRepositoriesContract('MikroORM adapters', async () => {
    const em = db.orm.em.fork();
    const schools = new MikroOrmSchoolRepository(em);
    const [mine, other] = ['Mine', 'Other'].map((name) => School.create({ name, slug: `${name.toLowerCase()}-${Math.random().toString(36).slice(2, 10)}`, timeZone: 'Europe/London', currency: 'GBP', locale: 'en-GB' }, now));
    await schools.add(mine);
    await schools.add(other);
    enterSchool(em, mine.id);
    return {
      users: new MikroOrmUserRepository(em),
      students: new MikroOrmStudentProfileRepository(em),
      teachers: new MikroOrmTeacherProfileRepository(em),
      schoolId: mine.id,
      otherSchoolId: other.id,
      inOtherSchool: async (user, student, teacher) => {
        const theirs = db.orm.em.fork();
        enterSchool(theirs, other.id);
        await new MikroOrmUserRepository(theirs).add(user);
        await new MikroOrmStudentProfileRepository(theirs).save(student);
        await new MikroOrmTeacherProfileRepository(theirs).save(teacher);
      },
    };
  });
});
