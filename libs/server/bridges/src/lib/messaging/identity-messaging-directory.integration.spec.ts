import { MikroOrmSchoolRepository, MikroOrmUserRepository } from '@cadenza/server/identity/infra-mikro-orm';
import type { MessagingPerson } from '@cadenza/server/messaging/domain';
import { enterSchool } from '@cadenza/server/platform/db';
import { useSpecDatabase } from '@cadenza/server/spec-database';
import { newId, type UserId } from '@cadenza/shared/kernel';
import { FixedClock } from '@cadenza/shared/kernel/testing';
import { persistence } from '../persistence.js';
import { IdentityMessagingDirectory } from './identity-messaging-directory.js';

/**
 * Every post applies the safeguarding rule to its thread's people, read by one prepared statement (MESSAGING_PEOPLE):
 * on identity's real tables they must be the people identity's own repository gives, minors as its users say, in the
 * school in force only.
 */
describe("messaging's directory reads a thread's people as identity's repository does", () => {
  const db = useSpecDatabase(persistence);
  const schools = [newId(), newId()];
  const today = new FixedClock('2027-03-01T12:00:00Z');
  const people: { id: UserId; school: string; roles: string[]; name: string; dob: string | null; lead: boolean; left?: string }[] = [
    { id: newId<UserId>(), school: schools[0], roles: ['teacher'], name: 'Tom Teacher', dob: '1980-05-02', lead: false },
    { id: newId<UserId>(), school: schools[0], roles: ['student'], name: 'Mia Minor', dob: '2009-03-02', lead: false },
    { id: newId<UserId>(), school: schools[0], roles: ['student'], name: 'Ada Adult', dob: '2009-03-01', lead: false },
    { id: newId<UserId>(), school: schools[0], roles: ['student'], name: 'Una Unknown', dob: null, lead: false, left: '2026-07-20' },
    { id: newId<UserId>(), school: schools[0], roles: ['admin', 'teacher'], name: 'Lee Lead', dob: null, lead: true },
    { id: newId<UserId>(), school: schools[1], roles: ['student'], name: 'Elsewhere Student', dob: '2012-01-01', lead: false },
  ];

  beforeAll(async () => {
    const sql = db.orm.em.getConnection();
    for (const school of schools) {
      await sql.execute(`insert into schools (id, name, slug, time_zone, currency, locale, created_at) values (?, 'School', ?, 'Europe/London', 'GBP', 'en-GB', now())`, [school, `s-${school.slice(0, 8)}`]);
    }
    for (const [i, p] of people.entries()) {
      await sql.execute(
        `insert into users (id, school_id, email, name, roles, time_zone, locale, created_at, date_of_birth, safeguarding_lead, left_school_on) values (?, ?, ?, ?, ?::text[], 'Europe/London', 'en-GB', now(), ?, ?, ?)`,
        [p.id, p.school, `p${i}@people.example`, p.name, `{${p.roles.join(',')}}`, p.dob, p.lead, p.left ?? null],
      );
    }
  }, 60_000);

  it('gives the same people, names, roles, minors, lead and who left, in name order, for any ids asked', async () => {
    const em = db.orm.em.fork();
    enterSchool(em, schools[0]);
    const users = new MikroOrmUserRepository(em);
    const directory = new IdentityMessagingDirectory(users, undefined as never, undefined as never, undefined as never, today, em, new MikroOrmSchoolRepository(em));
    const throughRepository = async (ids: UserId[]): Promise<MessagingPerson[]> =>
      (await users.byIds(ids)).map((u) => ({ id: u.id, name: u.name, roles: [...u.roles], minor: u.isMinorOn('2027-03-01'), safeguardingLead: u.snapshot().safeguardingLead, archived: u.leftSchoolOn !== null }));
    const ids = people.map((p) => p.id);
    for (const asked of [ids, [ids[1], ids[1], ids[2]], [ids[5], newId<UserId>()], [ids[4]]]) {
      expect(await directory.people(asked)).toEqual(await throughRepository(asked));
    }
    expect((await directory.people(ids)).map((p) => [p.name, p.minor, p.safeguardingLead, p.archived])).toEqual([
      ['Ada Adult', false, false, false],
      ['Lee Lead', false, true, false],
      ['Mia Minor', true, false, false],
      ['Tom Teacher', false, false, false],
      ['Una Unknown', true, false, true],
    ]);
    expect(await directory.person(ids[5])).toBeNull();
    expect(await directory.person(ids[1])).toEqual({ id: ids[1], name: 'Mia Minor', roles: ['student'], minor: true, safeguardingLead: false, archived: false });
  });
});
