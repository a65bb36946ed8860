import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { PasswordResetRepository, RefreshTokenRepository } from '@cadenza/server/identity/domain';
import { Clock, PersonalData, redactIdentifiers, type DataSubject, type PersonalDataSection } from '@cadenza/shared/kernel';
import { FamilyMemberSchema, FamilySchema, GuardianAccessSchema, InvitationSchema, PasswordResetRequestSchema, RefreshTokenSchema, StudentProfileSchema, TeacherProfileSchema, UserSchema } from './entities.js';

const NO_MAP = { disableIdentityMap: true } as const;

/**
 * Identity's part of data-protection requests: the person's profile, families (with the other members' names and
 * the access between them), the invitations sent to their address and their sessions. An erasure, the last step of
 * one, replaces their name with the pseudonym and their email with its placeholder, removes the password, date of
 * birth, their student's or teacher's profile (notes, emergency contact, bio) and the addresses their sessions came from, ends every session and reset link, and replaces their name and
 * address in invitations and family names. The person's row, family links and ids stay, so every record elsewhere
 * keeps its shape and shows the pseudonym.
 */
@Injectable()
export class MikroOrmIdentityPersonalData extends PersonalData {
  readonly context = 'identity';

  constructor(
    private readonly em: EntityManager,
    private readonly tokens: RefreshTokenRepository,
    private readonly resets: PasswordResetRepository,
    private readonly clock: Clock,
  ) {
    super();
  }

  async export(subject: DataSubject): Promise<PersonalDataSection> {
    const person = await this.em.findOne(UserSchema, { id: subject.personId }, NO_MAP);
    const memberships = await this.em.find(FamilyMemberSchema, { userId: subject.personId }, NO_MAP);
    const familyIds = memberships.map((m) => m.familyId);
    const families = familyIds.length ? await this.em.find(FamilySchema, { id: { $in: familyIds } }, NO_MAP) : [];
    const members = familyIds.length ? await this.em.find(FamilyMemberSchema, { familyId: { $in: familyIds } }, NO_MAP) : [];
    const people = members.length ? await this.em.find(UserSchema, { id: { $in: members.map((m) => m.userId) } }, { ...NO_MAP, fields: ['id', 'name'] }) : [];
    const access = familyIds.length ? await this.em.find(GuardianAccessSchema, { familyId: { $in: familyIds } }, NO_MAP) : [];
    const invitations = person ? await this.em.find(InvitationSchema, { email: person.email }, { ...NO_MAP, orderBy: { createdAt: 'asc' } }) : [];
    const sessions = await this.em.find(RefreshTokenSchema, { userId: subject.personId }, { ...NO_MAP, orderBy: { createdAt: 'asc' } });
    const studentProfile = await this.em.findOne(StudentProfileSchema, { userId: subject.personId }, NO_MAP);
    const teacherProfile = await this.em.findOne(TeacherProfileSchema, { userId: subject.personId }, NO_MAP);
    const nameOf = (id: string) => people.find((p) => p.id === id)?.name ?? null;
    const profile = person
      ? { id: person.id, name: person.name, email: person.email, roles: person.roles, timeZone: person.timeZone, locale: person.locale, dateOfBirth: person.dateOfBirth, leftSchoolOn: person.leftSchoolOn, safeguardingLead: person.safeguardingLead, hasPassword: person.passwordHash !== null, emailVerifiedAt: person.emailVerifiedAt, createdAt: person.createdAt }
      : null;
    const sessionFamilies = new Set(sessions.map((s) => s.familyId));
    return {
      context: this.context,
      title: 'Profile, family and sign-in',
      files: [
        { name: 'profile.json', content: profile },
        {
          name: 'families.json',
          content: families.map((f) => ({
            id: f.id,
            name: f.name,
            members: members.filter((m) => m.familyId === f.id).map((m) => ({ id: m.userId, name: nameOf(m.userId), kind: m.kind })),
            access: access.filter((a) => a.familyId === f.id).map((a) => ({ guardianId: a.guardianId, childId: a.childId, level: a.level })),
          })),
        },
        { name: 'invitations.json', content: invitations.map((i) => ({ id: i.id, email: i.email, name: i.name, roles: i.roles, invitedBy: i.invitedBy, createdAt: i.createdAt, expiresAt: i.expiresAt, acceptedAt: i.acceptedAt, revokedAt: i.revokedAt })) },
        ...(studentProfile ? [{ name: 'student-profile.json', content: { ...studentProfile, schoolId: undefined } }] : []),
        ...(teacherProfile ? [{ name: 'teacher-profile.json', content: { ...teacherProfile, schoolId: undefined } }] : []),
        { name: 'sessions.json', content: sessions.map((s) => ({ session: s.familyId, createdAt: s.createdAt, lastUsedAt: s.lastUsedAt, expiresAt: s.expiresAt, revokedAt: s.revokedAt, ip: s.ip, userAgent: s.userAgent })) },
      ],
      summary: [
        profile ? `${profile.name} <${profile.email}>, ${profile.roles.join(', ')}${profile.dateOfBirth ? `, born ${profile.dateOfBirth}` : ''}${profile.leftSchoolOn ? `, left on ${profile.leftSchoolOn}` : ''}` : 'No profile',
        `${families.length} families, ${invitations.length} invitations, ${sessionFamilies.size} sign-in sessions`,
      ],
      retained: ['After an erasure the person stays in the school’s records under their pseudonym, with no name, contact, password or date of birth.'],
    };
  }

  async erase(subject: DataSubject): Promise<void> {
    const person = await this.em.findOne(UserSchema, { id: subject.personId }, NO_MAP);
    if (!person) return;
    const now = this.clock.now();
    const invitations = await this.em.find(InvitationSchema, { email: { $in: [person.email, subject.pseudonymEmail] } }, NO_MAP);
    for (const invitation of invitations) {
      const open = invitation.acceptedAt === null && invitation.revokedAt === null;
      await this.em.nativeUpdate(InvitationSchema, { id: invitation.id }, { email: subject.pseudonymEmail, name: subject.pseudonym, ...(open ? { revokedAt: now } : {}) });
    }
    await this.em.nativeDelete(PasswordResetRequestSchema, { email: person.email });
    await this.tokens.revokeAllOfUser(subject.personId, now);
    await this.em.nativeUpdate(RefreshTokenSchema, { userId: subject.personId }, { ip: null, userAgent: null });
    await this.resets.markAllUsedOfUser(subject.personId, now);
    for (const family of await this.em.find(FamilySchema, {}, NO_MAP)) {
      const name = redactIdentifiers(family.name, subject);
      if (name.changed) await this.em.nativeUpdate(FamilySchema, { id: family.id }, { name: name.value as string });
    }
    // A student's or teacher's profile is all free text and contacts (notes, the emergency contact, a bio): none of it stays.
    await this.em.nativeDelete(StudentProfileSchema, { userId: subject.personId });
    await this.em.nativeDelete(TeacherProfileSchema, { userId: subject.personId });
    await this.em.nativeUpdate(
      UserSchema,
      { id: subject.personId },
      { name: subject.pseudonym, email: subject.pseudonymEmail, passwordHash: null, emailVerifiedAt: null, dateOfBirth: null, safeguardingLead: false },
    );
  }
}
