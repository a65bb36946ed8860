import { User, type PeopleSearchQuery } from '@cadenza/server/identity/domain';
import { InMemoryPeopleSearch, InMemoryUsers, type TaughtLesson } from '@cadenza/server/identity/domain/testing';
import { enterSchool } from '@cadenza/server/platform/db';
import { useSpecDatabase } from '@cadenza/server/spec-database';
import { DAY, Interval, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { persistence } from '../persistence.js';
import { containsPattern, SqlPeopleSearch } from './sql-people-search.js';

const now = new Date('2026-03-02T10:00:00Z');
const window = Interval.of(new Date(now.getTime() - 180 * DAY), new Date(now.getTime() + 180 * DAY));

/**
 * The people list's statement against the real tables, held to the in-memory fake the use case's spec runs on:
 * the same people and lessons, seeded into both (and a copy into a second school that must never show), and the
 * same answers for every filter, sort and page.
 */
describe('SqlPeopleSearch on PostgreSQL', () => {
  const db = useSpecDatabase(persistence);

  async function seedSchool(slug: string) {
    const sql = db.orm.em.getConnection();
    const school = globalThis.crypto.randomUUID() as SchoolId;
    await sql.execute(`insert into schools (id, name, slug, time_zone, currency, locale, created_at) values (?, 'People', ?, 'Europe/London', 'GBP', 'en-GB', now())`, [school, slug]);
    const users = new InMemoryUsers();
    const fake = new InMemoryPeopleSearch(users);
    const person = async (name: string, roles: string[], dateOfBirth: string | null = null, leftSchoolOn: string | null = null) => {
      const user = User.create({ schoolId: school, email: `${name.toLowerCase().replace(/ /g, '.')}.${slug}@example.test`, name, roles, timeZone: 'UTC', locale: 'en-GB', dateOfBirth }, now);
      if (leftSchoolOn) user.setLeftSchoolOn(leftSchoolOn, now);
      await users.add(user);
      const s = user.snapshot();
      await sql.execute(
        `insert into users (id, school_id, email, name, roles, time_zone, locale, date_of_birth, left_school_on, created_at) values (?, ?, ?, ?, ?::text[], 'UTC', 'en-GB', ?, ?, now())`,
        [s.id, school, s.email, s.name, `{${s.roles.join(',')}}`, s.dateOfBirth, s.leftSchoolOn],
      );
      return user.id;
    };
    const lesson = async (l: TaughtLesson) => {
      fake.lessons.push(l);
      await sql.execute(`insert into lessons (id, school_id, teacher_id, student_ids, start_at, end_at, status) values (?, ?, ?, ?::uuid[], ?, ?, ?)`, [
        globalThis.crypto.randomUUID(),
        school,
        l.teacherId,
        `{${l.studentIds.join(',')}}`,
        l.start,
        new Date(l.start.getTime() + 30 * 60_000),
        l.cancelled ? 'cancelled' : 'scheduled',
      ]);
    };
    await person('Ada Admin', ['admin']);
    const tess = await person('Tess Teacher', ['teacher']);
    const theo = await person('Theo Teacher', ['teacher', 'parent']);
    await person('Acc Accompanist', ['accompanist']);
    await person('Pat Parent', ['parent']);
    const amy = await person('Amy Adult', ['student'], '2008-03-02');
    const ben = await person('Ben 100%_Minor', ['student'], '2008-03-03');
    const cat = await person('Cat Unknown', ['student']);
    const dan = await person('Dan Left', ['student'], '2012-05-05', '2026-01-31');
    const eve = await person('Eve Left', ['student', 'teacher'], '1990-01-01', '2025-12-01');
    const plays = async (id: UserId, table: 'student_profiles' | 'teacher_profiles', instruments: string[]) => {
      fake.instruments[table === 'student_profiles' ? 'students' : 'staff'].set(id, instruments);
      await sql.execute(`insert into ${table} (user_id, school_id, instruments) values (?, ?, ?::text[])`, [id, school, `{${instruments.map((i) => `"${i}"`).join(',')}}`]);
    };
    await plays(amy, 'student_profiles', ['Piano', 'Violin']);
    await plays(ben, 'student_profiles', ['Bass guitar']);
    await plays(dan, 'student_profiles', ['piano']);
    await plays(tess, 'teacher_profiles', ['Piano']);
    await plays(theo, 'teacher_profiles', ['Guitar', 'Bass guitar']);
    await plays(eve, 'teacher_profiles', ['Cello']);
    await lesson({ teacherId: tess, studentIds: [amy, ben], start: new Date('2026-02-20T16:00:00Z') });
    await lesson({ teacherId: theo, studentIds: [ben], start: new Date('2026-04-20T16:00:00Z') });
    await lesson({ teacherId: theo, studentIds: [ben, eve], start: new Date('2026-04-27T16:00:00Z') });
    await lesson({ teacherId: tess, studentIds: [cat], start: new Date('2026-03-10T16:00:00Z'), cancelled: true });
    await lesson({ teacherId: tess, studentIds: [dan], start: new Date('2025-06-01T16:00:00Z') });
    await lesson({ teacherId: tess, studentIds: [dan], start: new Date('2026-12-01T16:00:00Z') });
    return { school, fake, tess, theo };
  }

  it('answers as the fake does, for every filter, sort and page, and only about the school in force', async () => {
    const first = await seedSchool('people-a');
    await seedSchool('people-b');
    const em = db.orm.em.fork();
    enterSchool(em, first.school);
    const adapter = new SqlPeopleSearch(em);
    const base: PeopleSearchQuery = { kind: 'students', text: null, taughtBy: null, instrument: null, teachingWindow: window, status: 'active', minors: null, adultsBornBy: '2008-03-02', sort: 'name', direction: 'asc', offset: 0, limit: 25 };
    const queries: Partial<PeopleSearchQuery>[] = [
      {},
      { status: 'all' },
      { status: 'archived' },
      { kind: 'staff' },
      { kind: 'staff', status: 'all', sort: 'email', direction: 'desc' },
      { text: 'TEACHER', kind: 'staff' },
      { text: '100%_' },
      { text: '%' },
      { taughtBy: first.theo, status: 'all' },
      { instrument: 'PIANO', status: 'all' },
      { instrument: 'guitar' },
      { instrument: 'guitar', taughtBy: first.tess },
      { instrument: 'cello', status: 'all' },
      { instrument: '%' },
      { kind: 'staff', instrument: 'guitar' },
      { kind: 'staff', instrument: 'cello', status: 'all' },
      { taughtBy: first.tess, status: 'all' },
      { minors: 'only', status: 'all' },
      { minors: 'none', status: 'all' },
      { status: 'all', sort: 'dateOfBirth' },
      { status: 'all', sort: 'dateOfBirth', direction: 'desc' },
      { status: 'all', sort: 'leftSchoolOn', direction: 'desc' },
      { status: 'all', offset: 1, limit: 2 },
      { status: 'all', offset: 10 },
    ];
    for (const change of queries) {
      const query = { ...base, ...change };
      const expected = await first.fake.search(query);
      expect({ change, found: await adapter.search(query) }).toEqual({ change, found: expected });
    }
    const everyone = await adapter.search({ ...base, status: 'all', limit: 200 });
    expect(everyone.total).toBe(5);
    expect(everyone.people.map((p) => p.teachers.map((t) => t.name))).toEqual([['Tess Teacher'], ['Tess Teacher', 'Theo Teacher'], [], [], ['Theo Teacher']]);
  });

  it('takes the text literally', () => {
    expect(containsPattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
  });
});
