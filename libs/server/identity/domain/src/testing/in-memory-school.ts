import { School } from '../model/school.js';
import { User } from '../model/user.js';
import { InMemorySchools, InMemoryUsers } from './in-memory.js';

/** A school in memory, its users and a maker of its people (`<name>@example.org`), for the use cases' specs. */
export async function inMemorySchool(now: Date, timeZone = 'Europe/London') {
  const school = School.create({ name: 'Demo', timeZone, currency: 'GBP', locale: 'en-GB' }, now);
  const schools = new InMemorySchools(() => school.id);
  await schools.add(school);
  const users = new InMemoryUsers();
  const person = async (name: string, roles: string[], more: { safeguardingLead?: boolean; dateOfBirth?: string } = {}) => {
    const user = User.create({ schoolId: school.id, email: `${name.toLowerCase()}@example.org`, name, roles, timeZone, locale: 'en-GB', ...more }, now);
    await users.add(user);
    return user;
  };
  return { school, schools, users, person };
}
