import type { INestApplicationContext } from '@nestjs/common';
import { ArchivePerson, CreateSchool, ListSchools, RegisterPeople, UpdateFamily, type RegisterPersonInput } from '@cadenza/server/identity/domain';
import { Clock, DAY, asId, type FamilyId, type UserId } from '@cadenza/shared/kernel';
import { inSchool } from './in-school.js';
import { seedDemoInvoices } from './demo-invoices.js';
import { seedDemoPractice } from './demo-practice.js';
import { seedDemoRegisters } from './demo-registers.js';
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

/** The family (0-based) of the demo's student `n` (1-based): the first 15 families have two children, the other 10 one. */
const familyOfStudent = (n: number) => (n <= 30 ? Math.floor((n - 1) / 2) : n - 16);
/**
 * Each family, and its first guardian, takes its first child's surname; a second child may have another (a blended
 * family). The first 15 families' first children keep the surnames they always had (the even places of `LAST`, then
 * its second and fourth); the one-child families take the odd places from the sixth on, so no two families share a name.
 */
const familySurname = (f: number) => LAST[f < 15 ? (2 * f) % LAST.length : 5 + 2 * (f - 15)];
/** A student's surname: their family's for the one-child families, as it always was for the others. */
const studentSurname = (n: number) => (n <= 30 ? LAST[(n - 1) % LAST.length] : familySurname(familyOfStudent(n)));

/** The family with the cases every People screen should show: two guardians, a child without a sign-in, an archived child. */
const SHOWCASE_FAMILY = 7;

/**
 * The demo school: an admin (also safeguarding lead), 6 teachers, an accompanist, 40 students at the school (a third of
 * them minors) and one who left, in 25 families, 26 parents. Families and their first guardians share the first child's
 * surname. The eighth family has two guardians (the second the other child's parent, with another surname), a young
 * child without a sign-in of their own, and an older child who left the school (archived). The term's past lessons have
 * their registers (`seedDemoRegisters`). Seeded once, on an empty database.
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
  const adminActor = { userId: admin.id, schoolId: school.id, roles: ['admin'] };
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
      return { ...base, email: `student${n}@${DEMO_DOMAIN}`, name: `${FIRST[i % FIRST.length]} ${studentSurname(n)}`, roles: ['student'], dateOfBirth };
    }),
    ...Array.from({ length: 25 }, (_, i) => ({ ...base, email: `parent${i + 1}@${DEMO_DOMAIN}`, name: `${i % 2 ? 'Jordan' : 'Priya'} ${familySurname(i)}`, roles: ['parent'] })),
    // The showcase family's second guardian, the parent of its second child.
    { ...base, email: `parent26@${DEMO_DOMAIN}`, name: `Sam ${LAST[(2 * SHOWCASE_FAMILY + 1) % LAST.length]}`, roles: ['parent'] },
    // Its youngest, six, who does not sign in (the guardians act for them), and its eldest, who left last summer.
    { timeZone: 'Europe/London', locale: 'en-GB', email: `student41@${DEMO_DOMAIN}`, name: `Rosie ${familySurname(SHOWCASE_FAMILY)}`, roles: ['student'], dateOfBirth: `${birthYear - 6}-05-14` },
    { ...base, email: `student42@${DEMO_DOMAIN}`, name: `Daniel ${familySurname(SHOWCASE_FAMILY)}`, roles: ['student'], dateOfBirth: `${birthYear - 20}-02-03` },
  ];
  const users = await inSchool(app, school.id, () => people.many(null, school.id, inputs));
  const byEmail = new Map(users.map((u) => [u.email, u.id]));
  const id = (local: string) => asId<UserId>(byEmail.get(`${local}@${DEMO_DOMAIN}`) ?? '');
  // 25 families: the first 15 have two children, the other 10 one; every fifth family's guardian has view access only.
  const parents: DemoPeople['parents'] = [];
  const familyIds: { familyId: FamilyId; studentIds: UserId[] }[] = [];
  for (let f = 0; f < 25; f++) {
    const children = Array.from({ length: 40 }, (_, i) => i + 1).filter((n) => familyOfStudent(n) === f).map((n) => id(`student${n}`));
    const guardians = [{ id: id(`parent${f + 1}`), level: f % 5 === 4 ? ('view' as const) : ('full' as const) }];
    const showcase = f === SHOWCASE_FAMILY;
    if (showcase) {
      children.push(id('student41'), id('student42'));
      guardians.push({ id: id('parent26'), level: 'full' });
    }
    const family = await inSchool(app, school.id, () => people.family(null, school.id, { name: `${familySurname(f)} family`, guardians, children }));
    if (showcase) await inSchool(app, school.id, () => app.get(UpdateFamily).execute(adminActor, family.id, { payerId: id('parent26') }));
    parents.push({ id: id(`parent${f + 1}`), children: children.filter((c) => c !== id('student41') && c !== id('student42')) });
    familyIds.push({ familyId: family.id, studentIds: children });
  }
  // The eldest of the showcase family left the school last summer: archived, their history kept.
  await inSchool(app, school.id, () => app.get(ArchivePerson).execute(adminActor, id('student42'), { leftOn: `${birthYear - (today.getUTCMonth() < 7 ? 1 : 0)}-07-20` }));
  await seedDemoTimetable(app, {
    schoolId: school.id,
    timeZone: school.timeZone,
    admin: admin.id,
    teachers: TEACHERS.map((_, i) => id(`teacher${i + 1}`)),
    accompanist: id('accompanist'),
    // The showcase family's youngest, who does not sign in, has lessons too (booked and followed by the guardians).
    students: [...Array.from({ length: 40 }, (_, i) => id(`student${i + 1}`)), id('student41')],
    parents,
  });
  await seedDemoRegisters(app, { schoolId: school.id, admin: admin.id, teachers: TEACHERS.map((_, i) => id(`teacher${i + 1}`)), students: Array.from({ length: 40 }, (_, i) => id(`student${i + 1}`)) });
  await seedDemoPractice(app, { schoolId: school.id, timeZone: school.timeZone, admin: admin.id, students: Array.from({ length: 40 }, (_, i) => id(`student${i + 1}`)) });
  // Last month's invoices, unpaid: parent1's family pays theirs by card through the local Stripe; parent5 (view access) reads theirs.
  await seedDemoInvoices(app, { schoolId: school.id, admin: admin.id, today, families: familyIds.flatMap((f, i) => (i === 0 ? [{ ...f, lessons: 4 }] : i === 4 ? [{ ...f, lessons: 3 }] : [])) });
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
