import { asId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { Invitation, School, StudentProfile, TeacherProfile, User, type InvitationId, type RefreshTokenState, type Role, type SessionId } from '@cadenza/server/identity/domain';
import { type InvitationRow, type RefreshTokenRow, type SchoolRow, type StudentProfileRow, type TeacherProfileRow, type UserRow } from './entities.js';


export const toSchool = (row: SchoolRow) => School.restore({ ...row, id: asId<SchoolId>(row.id) });
export const toUser = (row: UserRow) =>
  User.restore({ ...row, id: asId<UserId>(row.id), schoolId: asId<SchoolId>(row.schoolId), roles: row.roles as Role[], dateOfBirth: row.dateOfBirth ?? null, leftSchoolOn: row.leftSchoolOn ?? null });
export const toInvitation = (row: InvitationRow) =>
  Invitation.restore({
    ...row,
    id: asId<InvitationId>(row.id),
    schoolId: asId<SchoolId>(row.schoolId),
    roles: row.roles as Role[],
    invitedBy: row.invitedBy ? asId<UserId>(row.invitedBy) : null,
    userId: row.userId ? asId<UserId>(row.userId) : null,
  });
export const toToken = (row: RefreshTokenRow): RefreshTokenState => ({
  ...row,
  id: asId<SessionId>(row.id),
  familyId: asId<SessionId>(row.familyId),
  schoolId: asId<SchoolId>(row.schoolId),
  userId: asId<UserId>(row.userId),
});

export const toStudentProfile = (row: StudentProfileRow) =>
  StudentProfile.restore({
    userId: asId<UserId>(row.userId),
    schoolId: asId<SchoolId>(row.schoolId),
    instruments: [...row.instruments],
    level: row.level ?? null,
    schoolYear: row.schoolYear ?? null,
    staffNotes: row.staffNotes ?? null,
    medicalNotes: row.medicalNotes ?? null,
    emergencyContact:
      row.emergencyContactName && row.emergencyContactPhone && row.emergencyContactRelation
        ? { name: row.emergencyContactName, phone: row.emergencyContactPhone, relation: row.emergencyContactRelation }
        : null,
  });

export function fromStudentProfile(profile: StudentProfile): StudentProfileRow {
  const { emergencyContact, ...p } = profile.snapshot();
  return {
    ...p,
    emergencyContactName: emergencyContact?.name ?? null,
    emergencyContactPhone: emergencyContact?.phone ?? null,
    emergencyContactRelation: emergencyContact?.relation ?? null,
  };
}

export const toTeacherProfile = (row: TeacherProfileRow) =>
  TeacherProfile.restore({
    userId: asId<UserId>(row.userId),
    schoolId: asId<SchoolId>(row.schoolId),
    instruments: [...row.instruments],
    levels: [...row.levels],
    bio: row.bio ?? null,
    phone: row.phone ?? null,
    email: row.email ?? null,
  });
