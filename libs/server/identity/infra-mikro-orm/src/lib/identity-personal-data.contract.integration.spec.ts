import { MikroOrmUnitOfWork, enterSchool } from '@cadenza/server/platform/db';
import { useSpecDatabase } from '@cadenza/server/spec-database';
import { newId, type DataSubject, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { FixedClock, personalDataContract } from '@cadenza/shared/kernel/testing';
import { identityPersistence } from './identity-persistence.module.js';
import { MikroOrmIdentityPersonalData } from './mikro-orm-identity-personal-data.js';
import { MikroOrmPasswordResetRepository } from './mikro-orm-password-reset-repository.js';
import { MikroOrmPersonalDataErasures } from './mikro-orm-personal-data-erasures.js';
import { MikroOrmRefreshTokenRepository } from './mikro-orm-refresh-token-repository.js';

const clock = new FixedClock('2026-12-08T10:00:00Z');

describe('identity’s personal data on PostgreSQL', () => {
  const db = useSpecDatabase(identityPersistence);

  async function seeded() {
    const sql = db.orm.em.getConnection();
    const schoolId = newId<SchoolId>();
    const tag = schoolId.slice(0, 8);
    await sql.execute(`insert into schools (id, name, slug, time_zone, currency, locale, created_at) values (?, 'Riverside', ?, 'Europe/London', 'GBP', 'en-GB', now())`, [schoolId, `riverside-${tag}`]);
    const user = async (name: string, email: string, roles: string, dob: string | null = null) => {
      const id = newId<UserId>();
      await sql.execute(`insert into users (id, school_id, email, name, roles, time_zone, locale, date_of_birth, password_hash, created_at) values (?, ?, ?, ?, ?::text[], 'Europe/London', 'en-GB', ?, 'hash', now())`, [id, schoolId, email, name, roles, dob]);
      return id;
    };
    const parent = await user('Petra Horvat', `petra-${tag}@example.test`, '{parent}');
    const mila = await user('Mila Horvat', `mila-${tag}@example.test`, '{student}', '2011-02-03');
    const ana = await user('Ana Other', `ana-${tag}@example.test`, '{student}');
    const family = async (name: string, guardian: string, child: string) => {
      const id = newId();
      await sql.execute(`insert into families (id, school_id, name) values (?, ?, ?)`, [id, schoolId, name]);
      await sql.execute(`insert into family_members (family_id, user_id, school_id, kind) values (?, ?, ?, 'guardian'), (?, ?, ?, 'child')`, [id, guardian, schoolId, id, child, schoolId]);
      await sql.execute(`insert into guardian_access (family_id, guardian_id, child_id, school_id, level) values (?, ?, ?, ?, 'full')`, [id, guardian, child, schoolId]);
    };
    await family('Family of Mila Horvat', parent, mila);
    await family('The Others', await user('Otto Other', `otto-${tag}@example.test`, '{parent}'), ana);
    await sql.execute(`insert into invitations (id, school_id, email, name, roles, token_hash, expires_at, accepted_at, created_at) values (?, ?, ?, 'Mila Horvat', '{student}', ?, now(), now(), now())`, [newId(), schoolId, `mila-${tag}@example.test`, newId()]);
    await sql.execute(`insert into student_profiles (user_id, school_id, instruments, staff_notes, medical_notes, emergency_contact_name, emergency_contact_phone, emergency_contact_relation) values (?, ?, '{Piano}', 'Mila is shy', 'Asthma', 'Petra Horvat', '+44 20 7946 0958', 'Mother')`, [mila, schoolId]);
    await sql.execute(`insert into student_profiles (user_id, school_id, staff_notes) values (?, ?, 'Ana stays')`, [ana, schoolId]);
    await sql.execute(`insert into refresh_tokens (id, family_id, school_id, user_id, token_hash, created_at, last_used_at, expires_at, ip, user_agent) values (?, ?, ?, ?, ?, now(), now(), now() + interval '1 day', '203.0.113.9', 'Mozilla/5.0')`, [newId(), newId(), schoolId, mila, newId()]);
    const subject: DataSubject = { schoolId, personId: mila, identifiers: ['Mila Horvat', `mila-${tag}@example.test`], pseudonym: 'Former student 1', pseudonymEmail: `erased-${mila}@erased.invalid` };
    const other: DataSubject = { schoolId, personId: ana, identifiers: ['Ana Other', `ana-${tag}@example.test`], pseudonym: 'Former student 2', pseudonymEmail: `erased-${ana}@erased.invalid` };
    const scoped = db.orm.em.fork({ useContext: true });
    enterSchool(scoped, schoolId);
    return { sql, schoolId, subject, other, scoped, uow: new MikroOrmUnitOfWork(scoped) };
  }

  personalDataContract('identity', async () => {
    const s = await seeded();
    return {
      holder: new MikroOrmIdentityPersonalData(s.scoped, new MikroOrmRefreshTokenRepository(s.scoped), new MikroOrmPasswordResetRepository(s.scoped), clock),
      subject: s.subject,
      other: s.other,
      inUnit: (work) => s.uow.run(work),
      erasableText: async () =>
        JSON.stringify([
          await s.sql.execute(`select name, email, date_of_birth, password_hash from users where school_id = ? order by id`, [s.schoolId]),
          await s.sql.execute(`select name from families where school_id = ? order by id`, [s.schoolId]),
          await s.sql.execute(`select name, email from invitations where school_id = ? order by id`, [s.schoolId]),
          await s.sql.execute(`select ip, user_agent from refresh_tokens where school_id = ? order by id`, [s.schoolId]),
        ]),
      recordCount: async () =>
        Number(
          (
            await s.sql.execute(
              `select (select count(*) from users where school_id = ?) + (select count(*) from family_members where school_id = ?) + (select count(*) from invitations where school_id = ?) + (select count(*) from refresh_tokens where school_id = ?) as n`,
              [s.schoolId, s.schoolId, s.schoolId, s.schoolId],
            )
          )[0].n,
        ),
    };
  });

  it('exports the student’s profile and erases it whole, leaving another student’s', async () => {
    const s = await seeded();
    const holder = new MikroOrmIdentityPersonalData(s.scoped, new MikroOrmRefreshTokenRepository(s.scoped), new MikroOrmPasswordResetRepository(s.scoped), clock);
    const exported = await holder.export(s.subject);
    expect(exported.files.find((f) => f.name === 'student-profile.json')?.content).toMatchObject({ medicalNotes: 'Asthma', emergencyContactPhone: '+44 20 7946 0958' });
    await s.uow.run(() => holder.erase(s.subject));
    expect(await s.sql.execute(`select user_id from student_profiles where school_id = ?`, [s.schoolId])).toEqual([{ user_id: s.other.personId }]);
  });

  it('removes the sign-in: no password, no date of birth, every session ended', async () => {
    const s = await seeded();
    const holder = new MikroOrmIdentityPersonalData(s.scoped, new MikroOrmRefreshTokenRepository(s.scoped), new MikroOrmPasswordResetRepository(s.scoped), clock);
    await s.uow.run(() => holder.erase(s.subject));
    const [person] = await s.sql.execute(`select name, email, password_hash, date_of_birth from users where id = ?`, [s.subject.personId]);
    expect(person).toEqual({ name: 'Former student 1', email: s.subject.pseudonymEmail, password_hash: null, date_of_birth: null });
    const sessions = await s.sql.execute<{ revoked_at: Date | null }[]>(`select revoked_at from refresh_tokens where user_id = ?`, [s.subject.personId]);
    expect(sessions.every((t: { revoked_at: Date | null }) => t.revoked_at !== null)).toBe(true);
  });

  it('numbers the school’s erasures once each, the same number when begun again', async () => {
    const s = await seeded();
    const erasures = new MikroOrmPersonalDataErasures(s.scoped);
    const first = await s.uow.run(() => erasures.begin(s.subject.personId, 'Former student', clock.now()));
    const second = await s.uow.run(() => erasures.begin(s.other.personId, 'Former student', clock.now()));
    const again = await s.uow.run(() => erasures.begin(s.subject.personId, 'Former student', clock.now()));
    expect([first.pseudonym, second.pseudonym, again.pseudonym]).toEqual(['Former student 1', 'Former student 2', 'Former student 1']);
    await s.uow.run(() => erasures.finish(s.subject.personId, clock.now()));
    expect((await erasures.of(s.subject.personId))?.finishedAt).toEqual(clock.now());
    expect((await erasures.of(s.other.personId))?.finishedAt).toBeNull();
  });
});
