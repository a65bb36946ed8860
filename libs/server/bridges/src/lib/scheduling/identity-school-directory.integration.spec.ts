import { enterSchool } from '@cadenza/server/platform/db';
import type { DirectoryPerson } from '@cadenza/server/scheduling/domain';
import { PostgresTimetableReads } from '@cadenza/server/scheduling/infra-mikro-orm';
import { useSpecDatabase } from '@cadenza/server/spec-database';
import { newId, type UserId } from '@cadenza/shared/kernel';
import { persistence } from '../persistence.js';
import { TIMETABLE_PEOPLE } from '../statements.js';
import { IdentitySchoolDirectory } from './identity-school-directory.js';

/**
 * A booking's people are read inside the timetable's one statement (TIMETABLE_PEOPLE); on identity's real
 * tables they must be exactly the people the directory gives on its own, in the school in force only.
 */
describe('the timetable statement reads a booking\'s people as IdentitySchoolDirectory does', () => {
  const db = useSpecDatabase(persistence);
  const schools = [newId(), newId()];
  const people: { id: UserId; school: string; roles: string[]; name: string; archived?: boolean }[] = [
    { id: newId<UserId>(), school: schools[0], roles: ['teacher'], name: 'Tom Teacher' },
    { id: newId<UserId>(), school: schools[0], roles: ['student'], name: 'Lee Left', archived: true },
    { id: newId<UserId>(), school: schools[0], roles: ['student'], name: 'Sam Student' },
    { id: newId<UserId>(), school: schools[0], roles: ['teacher', 'admin'], name: 'Ada Admin' },
    { id: newId<UserId>(), school: schools[0], roles: ['parent'], name: 'Pat Parent' },
    { id: newId<UserId>(), school: schools[1], roles: ['student'], name: 'Elsewhere Student' },
  ];

  beforeAll(async () => {
    const sql = db.orm.em.getConnection();
    for (const school of schools) {
      await sql.execute(`insert into schools (id, name, slug, time_zone, currency, locale, created_at) values (?, 'School', ?, 'Europe/London', 'GBP', 'en-GB', now())`, [school, `s-${school.slice(0, 8)}`]);
    }
    for (const [i, p] of people.entries()) {
      await sql.execute(`insert into users (id, school_id, email, name, roles, time_zone, locale, created_at, left_school_on) values (?, ?, ?, ?, ?::text[], 'Europe/London', 'en-GB', now(), ?)`, [
        p.id,
        p.school,
        `p${i}@people.example`,
        p.name,
        `{${p.roles.join(',')}}`,
        p.archived ? '2026-11-30' : null,
      ]);
    }
  }, 60_000);

  const sorted = (rows: DirectoryPerson[]) => rows.map((p) => ({ ...p, roles: [...p.roles] })).sort((a, b) => a.id.localeCompare(b.id));

  it('gives the same people, with their roles, names and whether they left, for any ids asked', async () => {
    const em = db.orm.em.fork();
    enterSchool(em, schools[0]);
    const directory = new IdentitySchoolDirectory(em, undefined as never, undefined as never);
    const reads = new PostgresTimetableReads(em, TIMETABLE_PEOPLE);
    const ids = people.map((p) => p.id);
    for (const asked of [ids, [ids[0], ids[0], ids[1]], [ids[5], newId<UserId>()], [ids[4]], [ids[1]]]) {
      const timetable = await reads.read({ from: new Date('2027-01-04T00:00Z'), to: new Date('2027-01-05T00:00Z'), teacherIds: [], studentIds: [], accompanistIds: [], roomIds: [], staffIds: [], closureDates: { from: '2027-01-03', to: '2027-01-05' }, people: asked });
      expect(sorted(timetable.people)).toEqual(sorted(await directory.people(asked)));
    }
    const all = await reads.read({ from: new Date('2027-01-04T00:00Z'), to: new Date('2027-01-05T00:00Z'), teacherIds: [], studentIds: [], accompanistIds: [], roomIds: [], staffIds: [], closureDates: { from: '2027-01-03', to: '2027-01-05' }, people: ids });
    // The other school's student is not among them.
    expect(sorted(all.people)).toEqual(sorted(people.filter((p) => p.school === schools[0]).map(({ id, roles, name, archived }) => ({ id, roles, name, archived: archived === true }))));
  });
});
