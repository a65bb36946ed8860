import { type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { FixedClock } from '@cadenza/shared/kernel/testing';
import { School } from '../model/school.js';
import { User } from '../model/user.js';
import { InMemoryPeopleSearch, InMemorySchools, InMemoryUsers } from '../testing/index.js';
import { yearsBefore } from '../model/user.js';
import { ListPeople, type ListPeopleInput } from './list-people.js';

// 23:30 in London on 1 March is already 2 March in Auckland, the school's zone.
const clock = new FixedClock('2026-03-01T23:30:00Z');

async function world() {
  const school = School.create({ name: 'Harbour', timeZone: 'Pacific/Auckland', currency: 'NZD', locale: 'en-NZ' }, clock.now());
  const schools = new InMemorySchools(() => school.id);
  await schools.add(school);
  const users = new InMemoryUsers();
  const person = async (name: string, roles: string[], dateOfBirth: string | null = null, leftSchoolOn: string | null = null) => {
    const user = User.create({ schoolId: school.id as SchoolId, email: `${name.toLowerCase().replace(/ /g, '.')}@example.test`, name, roles, timeZone: 'UTC', locale: 'en-GB', dateOfBirth }, clock.now());
    if (leftSchoolOn) user.setLeftSchoolOn(leftSchoolOn, clock.now());
    await users.add(user);
    return user;
  };
  const admin = await person('Ada Admin', ['admin']);
  const tess = await person('Tess Teacher', ['teacher']);
  const theo = await person('Theo Teacher', ['teacher', 'parent']);
  // Eighteen on 2 March 2026: an adult in Auckland already, though still 1 March in UTC.
  const amy = await person('Amy Adult', ['student'], '2008-03-02');
  const ben = await person('Ben Minor', ['student'], '2008-03-03');
  const cat = await person('Cat Unknown', ['student']);
  const dan = await person('Dan Left', ['student'], '2012-05-05', '2026-01-31');
  const search = new InMemoryPeopleSearch(users);
  search.lessons.push(
    { teacherId: tess.id, studentIds: [amy.id, ben.id], start: new Date('2026-02-20T04:00:00Z') },
    { teacherId: theo.id, studentIds: [ben.id], start: new Date('2026-04-20T04:00:00Z') },
    { teacherId: tess.id, studentIds: [cat.id], start: new Date('2026-03-10T04:00:00Z'), cancelled: true },
    // Too long ago to make Tess Dan's teacher.
    { teacherId: tess.id, studentIds: [dan.id], start: new Date('2025-06-01T04:00:00Z') },
  );
  search.instruments.students.set(amy.id, ['Piano']).set(ben.id, ['Bass guitar', 'Piano']);
  search.instruments.staff.set(tess.id, ['Piano']).set(theo.id, ['Guitar']);
  const list = new ListPeople(search, schools, clock);
  const as = (user: User) => ({ userId: user.id as UserId, schoolId: school.id as SchoolId, roles: [...user.roles] });
  const query = (q: Partial<ListPeopleInput> = {}): ListPeopleInput => ({ kind: 'students', status: 'active', sort: 'name', direction: 'asc', offset: 0, limit: 25, ...q });
  return { list, as, query, admin, tess, theo, amy, ben, cat, dan };
}

const names = (page: { people: { name: string }[] }) => page.people.map((p) => p.name);

describe('ListPeople', () => {
  it('gives an admin every student at the school with their teachers, and minors by the school’s calendar day', async () => {
    const w = await world();
    const page = await w.list.execute(w.as(w.admin), w.query());
    expect(page.total).toBe(3);
    expect(page.people.map((p) => [p.name, p.minor, p.teachers.map((t) => t.name)])).toEqual([
      ['Amy Adult', false, ['Tess Teacher']],
      ['Ben Minor', true, ['Tess Teacher', 'Theo Teacher']],
      ['Cat Unknown', true, []],
    ]);
  });

  it('filters by text, teacher, leaving, minors, and sorts and pages', async () => {
    const w = await world();
    const admin = w.as(w.admin);
    expect(names(await w.list.execute(admin, w.query({ q: '  MINOR ' })))).toEqual(['Ben Minor']);
    expect(names(await w.list.execute(admin, w.query({ teacherId: w.theo.id })))).toEqual(['Ben Minor']);
    expect(names(await w.list.execute(admin, w.query({ status: 'archived' })))).toEqual(['Dan Left']);
    expect(names(await w.list.execute(admin, w.query({ status: 'all', minors: 'only' })))).toEqual(['Ben Minor', 'Cat Unknown', 'Dan Left']);
    expect(names(await w.list.execute(admin, w.query({ minors: 'none' })))).toEqual(['Amy Adult']);
    expect(names(await w.list.execute(admin, w.query({ status: 'all', sort: 'dateOfBirth', direction: 'desc' })))).toEqual(['Cat Unknown', 'Dan Left', 'Ben Minor', 'Amy Adult']);
    const second = await w.list.execute(admin, w.query({ status: 'all', offset: 2, limit: 1 }));
    expect([second.total, names(second)]).toEqual([4, ['Cat Unknown']]);
    expect(names(await w.list.execute(admin, w.query({ kind: 'staff' })))).toEqual(['Ada Admin', 'Tess Teacher', 'Theo Teacher']);
    expect(names(await w.list.execute(admin, w.query({ instrument: ' piano ' })))).toEqual(['Amy Adult', 'Ben Minor']);
    expect(names(await w.list.execute(admin, w.query({ instrument: 'GUITAR', teacherId: w.tess.id })))).toEqual(['Ben Minor']);
    expect(names(await w.list.execute(admin, w.query({ kind: 'staff', instrument: 'guitar' })))).toEqual(['Theo Teacher']);
    expect(names(await w.list.execute(admin, w.query({ instrument: '  ' })))).toEqual(['Amy Adult', 'Ben Minor', 'Cat Unknown']);
  });

  it('gives a teacher their own students only, and refuses them the staff and another teacher’s students', async () => {
    const w = await world();
    expect(names(await w.list.execute(w.as(w.tess), w.query()))).toEqual(['Amy Adult', 'Ben Minor']);
    expect(names(await w.list.execute(w.as(w.tess), w.query({ teacherId: w.tess.id })))).toEqual(['Amy Adult', 'Ben Minor']);
    await expect(w.list.execute(w.as(w.tess), w.query({ teacherId: w.theo.id }))).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(w.list.execute(w.as(w.tess), w.query({ kind: 'staff' }))).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('refuses students, parents and accompanists', async () => {
    const w = await world();
    for (const roles of [['student'], ['parent'], ['accompanist']]) {
      await expect(w.list.execute({ userId: w.amy.id, schoolId: w.amy.schoolId, roles }, w.query())).rejects.toMatchObject({ code: 'IDENTITY.FORBIDDEN', kind: 'forbidden' });
    }
  });

  it('counts eighteen years back from a day, 29 February falling back to the 28th', () => {
    expect(yearsBefore('2026-03-02', 18)).toBe('2008-03-02');
    expect(yearsBefore('2028-02-29', 18)).toBe('2010-02-28');
  });
});
