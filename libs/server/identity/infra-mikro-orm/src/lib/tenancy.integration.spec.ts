import { User, School } from '@cadenza/server/identity/domain';
import { enterSchool, type PersistenceParts } from '@cadenza/server/platform/db';
import { useSpecDatabase } from '@cadenza/server/spec-database';
import { identityPersistence } from './identity-persistence.module.js';
import { MikroOrmSchoolRepository } from './mikro-orm-school-repository.js';
import { MikroOrmUserRepository } from './mikro-orm-user-repository.js';

const parts: PersistenceParts = identityPersistence;
const now = new Date('2026-11-23T10:00:00Z');

describe('identity persistence on PostgreSQL', () => {
  const db = useSpecDatabase(parts);
  let schoolA: School;
  let schoolB: School;

  beforeAll(async () => {
    const em = db.orm.em.fork();
    const schools = new MikroOrmSchoolRepository(em);
    const users = new MikroOrmUserRepository(em);
    schoolA = School.create({ name: 'School A', timeZone: 'Europe/London', currency: 'GBP', locale: 'en-GB' }, now);
    schoolB = School.create({ name: 'School B', timeZone: 'Asia/Dubai', currency: 'AED', locale: 'en-AE' }, now);
    await schools.add(schoolA);
    await schools.add(schoolB);
    for (const [school, email] of [[schoolA, 'a1@example.org'], [schoolA, 'a2@example.org'], [schoolB, 'b1@example.org']] as const) {
      await users.add(User.create({ schoolId: school.id, email, name: email, roles: ['teacher'], timeZone: 'UTC', locale: 'en' }, now));
    }
  }, 60_000);

  it('scopes every read to the school in context', async () => {
    const em = db.orm.em.fork();
    enterSchool(em, schoolA.id);
    const users = new MikroOrmUserRepository(em);
    expect((await users.list({})).map((u) => u.email).sort()).toEqual(['a1@example.org', 'a2@example.org']);
    expect((await new MikroOrmSchoolRepository(em).current()).name).toBe('School A');
    const b1 = await users.byEmailAcrossSchools('b1@example.org');
    expect(b1).not.toBeNull();
    expect(await users.byId(b1!.id)).toBeNull();
  });

  it('refuses to read school-owned rows with no school in context', async () => {
    const users = new MikroOrmUserRepository(db.orm.em.fork());
    await expect(users.list({})).rejects.toThrow(/filter 'tenant'/);
  });

  it('keeps emails unique across schools, whatever their case, as a 409', async () => {
    const users = new MikroOrmUserRepository(db.orm.em.fork());
    const twin = User.create({ schoolId: schoolB.id, email: 'A1@Example.org', name: 'Twin', roles: ['parent'], timeZone: 'UTC', locale: 'en' }, now);
    await expect(users.add(twin)).rejects.toMatchObject({ code: 'IDENTITY.EMAIL_TAKEN', kind: 'conflict' });
  });

  it('lets the database refuse what the domain would: a lead who is not an admin', async () => {
    const em = db.orm.em.fork();
    await expect(
      em.getConnection().execute(`update users set safeguarding_lead = true where email = 'a1@example.org'`),
    ).rejects.toThrow(/check constraint/);
  });
});
