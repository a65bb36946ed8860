import type { INestApplicationContext } from '@nestjs/common';
import { CreateSchool, ListSchools, RegisterPeople, type RegisterPersonInput } from '@cadenza/server/identity/domain';
import { Clock, DAY, asId, type UserId } from '@cadenza/shared/kernel';
import { inSchool } from './in-school.js';
import { seedDemoTimetable, type DemoPeople } from './demo-timetable.js';

export const DEMO_PASSWORD = 'cadenza-demo';
export const DEMO_DOMAIN = 'demo.cadenza.school';
export const DEMO_SCHOOL = 'Cadenza Demo School';

const FIRST = ['Amelia', 'Oliver', 'Isla', 'George', 'Ava', 'Noah', 'Mia', 'Leo', 'Freya', 'Arthur', 'Lily', 'Oscar', 'Grace', 'Theo', 'Sophie', 'Jack', 'Ella', 'Harry', 'Chloe', 'Charlie'];
const LAST = ['Patel', 'Okafor', 'Nowak', 'Garcia', 'Smith', 'Khan', 'Jones', 'Rossi', 'Murphy', 'Chen', 'Williams', 'Silva', 'Brown', 'Ahmed', 'Taylor', 'Kowalski', 'Evans', 'Novak', 'Wilson', 'Lopez', 'Davies', 'Hughes', 'Fischer', 'Martin', 'Clarke'];
const TEACHERS = ['Clara Wieck', 'Felix Brandt', 'Nadia Boulanger', 'Pablo Serrano', 'Yuki Tanaka', 'Grace Adeyemi'];

export interface DemoLogin {
  role: string;
  email: string;
}

/**
 * The demo school: an admin (also safeguarding lead), 6 teachers, an accompanist,
 * 40 students (a third of them minors) in 25 families. Seeded once, on an empty database.
 */
export async function seedDemoSchool(app: INestApplicationContext): Promise<{ seeded: boolean; logins: DemoLogin[] }> {
  const logins = demoLogins();
  const existing = await inSchool(app, null, () => app.get(ListSchools).execute());
  if (existing.length > 0) {
    return { seeded: false, logins };
  }
  const today = app.get(Clock).now();
  const { school, admin } = await inSchool(app, null, () =>
    app.get(CreateSchool).execute({
      name: DEMO_SCHOOL,
      slug: 'demo',
      timeZone: 'Europe/London',
      currency: 'GBP',
      locale: 'en-GB',
      admin: { email: `admin@${DEMO_DOMAIN}`, name: 'Alex Morgan', password: DEMO_PASSWORD },
    }),
  );
  const people = app.get(RegisterPeople);
  const base = { password: DEMO_PASSWORD, timeZone: 'Europe/London', locale: 'en-GB' };
  const birthYear = today.getUTCFullYear();
  const inputs: RegisterPersonInput[] = [
    ...TEACHERS.map((name, i) => ({ ...base, email: `teacher${i + 1}@${DEMO_DOMAIN}`, name, roles: ['teacher'] })),
    { ...base, email: `accompanist@${DEMO_DOMAIN}`, name: 'Sam Rivera', roles: ['accompanist'] },
    ...Array.from({ length: 40 }, (_, i) => {
      const n = i + 1;
      const minor = n % 3 === 0;
      const age = minor ? 8 + (n % 9) : 19 + (n % 30);
      const dateOfBirth = new Date(Date.UTC(birthYear - age, n % 12, 1 + (n % 27)) - (minor ? 0 : DAY)).toISOString().slice(0, 10);
      return { ...base, email: `student${n}@${DEMO_DOMAIN}`, name: `${FIRST[i % FIRST.length]} ${LAST[i % LAST.length]}`, roles: ['student'], dateOfBirth };
    }),
    ...Array.from({ length: 25 }, (_, i) => ({ ...base, email: `parent${i + 1}@${DEMO_DOMAIN}`, name: `${i % 2 ? 'Jordan' : 'Priya'} ${LAST[i]}`, roles: ['parent'] })),
  ];
  const users = await inSchool(app, school.id, () => people.many(null, school.id, inputs));
  const byEmail = new Map(users.map((u) => [u.email, u.id]));
  const id = (local: string) => asId<UserId>(byEmail.get(`${local}@${DEMO_DOMAIN}`) ?? '');
  // 25 families: the first 15 have two children, the other 10 one; every fifth family's guardian has view access only.
  let student = 1;
  const parents: DemoPeople['parents'] = [];
  for (let f = 0; f < 25; f++) {
    const children = Array.from({ length: f < 15 ? 2 : 1 }, () => id(`student${student++}`));
    await inSchool(app, school.id, () =>
      people.family(null, school.id, { name: `${LAST[f]} family`, guardians: [{ id: id(`parent${f + 1}`), level: f % 5 === 4 ? 'view' : 'full' }], children }),
    );
    parents.push({ id: id(`parent${f + 1}`), children });
  }
  await seedDemoTimetable(app, {
    schoolId: school.id,
    timeZone: school.timeZone,
    admin: admin.id,
    teachers: TEACHERS.map((_, i) => id(`teacher${i + 1}`)),
    accompanist: id('accompanist'),
    students: Array.from({ length: 40 }, (_, i) => id(`student${i + 1}`)),
    parents,
  });
  return { seeded: true, logins };
}

export function demoLogins(): DemoLogin[] {
  return [
    { role: 'Admin (safeguarding lead)', email: `admin@${DEMO_DOMAIN}` },
    { role: 'Teacher', email: `teacher1@${DEMO_DOMAIN}` },
    { role: 'Accompanist', email: `accompanist@${DEMO_DOMAIN}` },
    { role: 'Student (adult)', email: `student1@${DEMO_DOMAIN}` },
    { role: 'Student (minor)', email: `student3@${DEMO_DOMAIN}` },
    { role: 'Parent', email: `parent1@${DEMO_DOMAIN}` },
  ];
}
