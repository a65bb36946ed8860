import type { Family as FamilyView, Invitation as InvitationView, Me, SchoolSettings, Student, TeacherProfile as TeacherProfileView, TeacherSummary, UserSummary } from '@cadenza/shared/contracts';
import type { Family, Invitation, School, StudentRecord, TeacherRecord, User } from '@cadenza/server/identity/domain';

export function presentSchool(school: School): SchoolSettings {
  const s = school.snapshot();
  return {
    id: s.id,
    name: s.name,
    slug: s.slug,
    timeZone: s.timeZone,
    currency: s.currency,
    locale: s.locale,
    idleTimeoutMinutes: s.idleTimeoutMinutes,
    invitationTtlDays: s.invitationTtlDays,
  };
}

export function presentMe(user: User, school: School): Me {
  const u = user.snapshot();
  const { idleTimeoutMinutes: _i, invitationTtlDays: _t, ...summary } = presentSchool(school);
  return { id: u.id, email: u.email ?? '', name: u.name, roles: u.roles, safeguardingLead: u.safeguardingLead, timeZone: u.timeZone, locale: u.locale, school: summary };
}

/** A person as lists show them; `today` is the school's calendar day (`SchoolDay`), for `minor`. */
export function presentUser(user: User, today: string): UserSummary {
  const u = user.snapshot();
  return { id: u.id, email: u.email, name: u.name, roles: u.roles, safeguardingLead: u.safeguardingLead, dateOfBirth: u.dateOfBirth, minor: user.isMinorOn(today), leftSchoolOn: u.leftSchoolOn, archived: user.archived };
}

/** A student's account and profile, with the notes and the contact only where the use case says the caller may read them. */
export function presentStudent(record: StudentRecord): Student {
  const u = record.student.snapshot();
  const p = record.profile.snapshot();
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    roles: u.roles,
    safeguardingLead: u.safeguardingLead,
    dateOfBirth: u.dateOfBirth,
    minor: record.minor,
    leftSchoolOn: u.leftSchoolOn,
    archived: record.student.archived,
    signsIn: record.student.signsIn,
    instruments: p.instruments,
    level: p.level,
    schoolYear: p.schoolYear,
    ...(record.seen.staffNotes ? { staffNotes: p.staffNotes } : {}),
    ...(record.seen.medicalNotes ? { medicalNotes: p.medicalNotes } : {}),
    ...(record.seen.emergencyContact ? { emergencyContact: p.emergencyContact } : {}),
  };
}

/** A teacher or accompanist as everyone in the school sees them: name and teaching roles. */
export function presentTeacher(user: User): TeacherSummary {
  return { id: user.id, name: user.name, roles: user.roles.filter((r) => r === 'teacher' || r === 'accompanist') };
}

export function presentInvitation(invitation: Invitation): InvitationView {
  const i = invitation.snapshot();
  return {
    id: i.id,
    email: i.email,
    name: i.name,
    roles: i.roles,
    expiresAt: i.expiresAt.toISOString(),
    acceptedAt: i.acceptedAt?.toISOString() ?? null,
    createdAt: i.createdAt.toISOString(),
  };
}

export function presentFamily(family: Family, people: Map<string, User>, today: string): FamilyView {
  const f = family.snapshot();
  return {
    id: f.id,
    name: f.name,
    guardians: f.guardianIds.map((id) => ({ userId: id, name: people.get(id)?.name ?? '', signsIn: people.get(id)?.passwordHash != null, archived: people.get(id)?.archived ?? false })),
    children: f.childIds.map((id) => ({
      userId: id,
      name: people.get(id)?.name ?? '',
      minor: people.get(id)?.isMinorOn(today) ?? false,
      access: f.access.filter((a) => a.childId === id).map((a) => ({ guardianId: a.guardianId, level: a.level })),
      signsIn: people.get(id)?.passwordHash != null,
      archived: people.get(id)?.archived ?? false,
    })),
    payerId: f.payerId,
  };
}

/** A teacher's or accompanist's profile; the work contact only where the use case says the caller reads it. */
export function presentTeacherProfile(record: TeacherRecord): TeacherProfileView {
  const p = record.profile.snapshot();
  return {
    ...presentTeacher(record.teacher),
    instruments: p.instruments,
    levels: p.levels,
    bio: p.bio,
    ...(record.contactSeen ? { phone: p.phone, email: p.email } : {}),
  };
}
