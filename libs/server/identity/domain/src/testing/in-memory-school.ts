import { School } from '../model/school.js';
import { User } from '../model/user.js';
import type { AuditTrail, Clock, UnitOfWork } from '@cadenza/shared/kernel';
import { InMemoryRateLimiter } from '@cadenza/shared/kernel/testing';
import { AcceptInvitation } from '../use-cases/accept-invitation.js';
import { InviteUser } from '../use-cases/invite-user.js';
import { CountingSecrets, InMemoryInvitations, InMemorySchools, InMemoryUsers, PlainHasher, PlainLinks, RecordingIdentityMailer } from './in-memory.js';

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

/** Invitations as the specs send and accept them: a recording mailer, counting secrets and a limiter in memory. */
export function invitationFlow(w: { invitations: InMemoryInvitations; users: InMemoryUsers; schools: InMemorySchools; audit: AuditTrail; uow: UnitOfWork; clock: Clock }) {
  const mailer = new RecordingIdentityMailer();
  const secrets = new CountingSecrets();
  const limiter = new InMemoryRateLimiter();
  return {
    mailer,
    inviteUser: new InviteUser(w.invitations, w.users, w.schools, secrets, mailer, new PlainLinks(), w.audit, w.uow, w.clock, limiter),
    accept: new AcceptInvitation(w.invitations, w.users, w.schools, new PlainHasher(), secrets, w.audit, w.uow, w.clock, limiter),
  };
}
