import { asId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { Invitation, School, User, type InvitationId, type RefreshTokenState, type Role, type SessionId } from '@cadenza/server/identity/domain';
import { type InvitationRow, type RefreshTokenRow, type SchoolRow, type UserRow } from './entities.js';


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
  });
export const toToken = (row: RefreshTokenRow): RefreshTokenState => ({
  ...row,
  id: asId<SessionId>(row.id),
  familyId: asId<SessionId>(row.familyId),
  schoolId: asId<SchoolId>(row.schoolId),
  userId: asId<UserId>(row.userId),
});
