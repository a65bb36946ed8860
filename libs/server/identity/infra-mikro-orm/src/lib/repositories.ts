import { Injectable } from '@nestjs/common';
import { EntityManager, LockMode, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { ACROSS_SCHOOLS, currentSchool } from '@cadenza/server/platform/db';
import { DomainError, asId, type FamilyId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import {
  Family,
  FamilyRepository,
  Invitation,
  InvitationRepository,
  LoginAttempts,
  PasswordResetRepository,
  RefreshTokenRepository,
  School,
  SchoolRepository,
  User,
  UserRepository,
  type InvitationId,
  type PasswordResetState,
  type RefreshTokenState,
  type Role,
  type SessionId,
} from '@cadenza/server/identity/domain';
import {
  FamilyMemberSchema,
  FamilySchema,
  GuardianAccessSchema,
  InvitationSchema,
  LoginFailureSchema,
  PasswordResetSchema,
  RefreshTokenSchema,
  SchoolSchema,
  UserSchema,
  type InvitationRow,
  type RefreshTokenRow,
  type SchoolRow,
  type UserRow,
} from './entities.js';

const toSchool = (row: SchoolRow) => School.restore({ ...row, id: asId<SchoolId>(row.id) });
const toUser = (row: UserRow) =>
  User.restore({ ...row, id: asId<UserId>(row.id), schoolId: asId<SchoolId>(row.schoolId), roles: row.roles as Role[], dateOfBirth: row.dateOfBirth ?? null, leftSchoolOn: row.leftSchoolOn ?? null });
const toInvitation = (row: InvitationRow) =>
  Invitation.restore({
    ...row,
    id: asId<InvitationId>(row.id),
    schoolId: asId<SchoolId>(row.schoolId),
    roles: row.roles as Role[],
    invitedBy: row.invitedBy ? asId<UserId>(row.invitedBy) : null,
  });
const toToken = (row: RefreshTokenRow): RefreshTokenState => ({
  ...row,
  id: asId<SessionId>(row.id),
  familyId: asId<SessionId>(row.familyId),
  schoolId: asId<SchoolId>(row.schoolId),
  userId: asId<UserId>(row.userId),
});

@Injectable()
export class MikroOrmSchoolRepository extends SchoolRepository {
  constructor(private readonly em: EntityManager) {
    super();
  }
  async add(school: School): Promise<void> {
    await this.em.insert(SchoolSchema, school.snapshot());
  }
  async update(school: School): Promise<void> {
    const { id, ...rest } = school.snapshot();
    // Scoped by the aggregate's own id, which was read under the caller's school.
    await this.em.nativeUpdate(SchoolSchema, { id }, rest, ACROSS_SCHOOLS);
  }
  async current(): Promise<School> {
    const row = await this.em.findOneOrFail(SchoolSchema, {}, { disableIdentityMap: true });
    return toSchool(row);
  }
  async byIdAcrossSchools(id: SchoolId): Promise<School | null> {
    const row = await this.em.findOne(SchoolSchema, { id }, { ...ACROSS_SCHOOLS, disableIdentityMap: true });
    return row ? toSchool(row) : null;
  }
  async slugTaken(slug: string): Promise<boolean> {
    return (await this.em.count(SchoolSchema, { slug }, ACROSS_SCHOOLS)) > 0;
  }
  async listAll(): Promise<School[]> {
    const rows = await this.em.find(SchoolSchema, {}, { ...ACROSS_SCHOOLS, orderBy: { name: 'asc' }, disableIdentityMap: true });
    return rows.map(toSchool);
  }
}

@Injectable()
export class MikroOrmUserRepository extends UserRepository {
  constructor(private readonly em: EntityManager) {
    super();
  }
  async add(user: User): Promise<void> {
    try {
      await this.em.insert(UserSchema, user.snapshot());
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw new DomainError('IDENTITY.EMAIL_TAKEN', 'conflict', 'Someone already has an account with this email.', {
          fields: [{ field: 'email', message: 'This email already has an account.' }],
        });
      }
      throw error;
    }
  }
  async update(user: User): Promise<void> {
    const { id, schoolId, createdAt: _created, ...rest } = user.snapshot();
    // Scoped by the aggregate's own school: it was read under the caller's school, or
    // (accepting an invitation, resetting a password) through a token that named it.
    await this.em.nativeUpdate(UserSchema, { id, schoolId }, rest, ACROSS_SCHOOLS);
  }
  async byId(id: UserId): Promise<User | null> {
    const row = await this.em.findOne(UserSchema, { id }, { disableIdentityMap: true });
    return row ? toUser(row) : null;
  }
  async byIdAcrossSchools(id: UserId): Promise<User | null> {
    const row = await this.em.findOne(UserSchema, { id }, { ...ACROSS_SCHOOLS, disableIdentityMap: true });
    return row ? toUser(row) : null;
  }
  async byEmailAcrossSchools(email: string): Promise<User | null> {
    const row = await this.em.findOne(UserSchema, { email: email.toLowerCase() }, { ...ACROSS_SCHOOLS, disableIdentityMap: true });
    return row ? toUser(row) : null;
  }
  async emailTaken(email: string): Promise<boolean> {
    return (await this.em.count(UserSchema, { email: email.toLowerCase() }, ACROSS_SCHOOLS)) > 0;
  }
  async list(filter: { role?: string }): Promise<User[]> {
    const where = filter.role ? { roles: { $contains: [filter.role] } } : {};
    const rows = await this.em.find(UserSchema, where, { orderBy: { name: 'asc', id: 'asc' }, disableIdentityMap: true });
    return rows.map(toUser);
  }
  async byIds(ids: readonly UserId[]): Promise<User[]> {
    if (ids.length === 0) {
      return [];
    }
    const rows = await this.em.find(UserSchema, { id: { $in: [...ids] } }, { orderBy: { name: 'asc' }, disableIdentityMap: true });
    return rows.map(toUser);
  }
}

@Injectable()
export class MikroOrmFamilyRepository extends FamilyRepository {
  constructor(private readonly em: EntityManager) {
    super();
  }
  async add(family: Family): Promise<void> {
    const state = family.snapshot();
    await this.em.insert(FamilySchema, { id: state.id, schoolId: state.schoolId, name: state.name });
    await this.writeMembers(family);
  }
  async update(family: Family): Promise<void> {
    const state = family.snapshot();
    await this.em.nativeUpdate(FamilySchema, { id: state.id }, { name: state.name });
    await this.em.nativeDelete(GuardianAccessSchema, { familyId: state.id });
    await this.em.nativeDelete(FamilyMemberSchema, { familyId: state.id });
    await this.writeMembers(family);
  }
  async byId(id: FamilyId): Promise<Family | null> {
    const [family] = await this.load({ id });
    return family ?? null;
  }
  list(): Promise<Family[]> {
    return this.load({});
  }
  async ofGuardian(guardianId: UserId): Promise<Family[]> {
    return this.ofMember(guardianId, 'guardian');
  }
  async ofChild(childId: UserId): Promise<Family[]> {
    return this.ofMember(childId, 'child');
  }

  async guardiansOfChildren(childIds: readonly UserId[]): Promise<Map<UserId, UserId[]>> {
    const found = new Map<UserId, UserId[]>();
    if (childIds.length === 0) return found;
    // Plain SQL: the realtime relay asks this for every batch of lesson events.
    const rows = await this.em.getConnection().execute<{ child_id: string; guardian_id: string }[]>(
      'select distinct child_id, guardian_id from guardian_access where school_id = ? and child_id = any(?::uuid[]) order by child_id, guardian_id',
      [currentSchool(this.em), `{${childIds.join(',')}}`],
      'all',
      this.em.getTransactionContext(),
    );
    for (const row of rows) {
      const child = asId<UserId>(row.child_id);
      found.set(child, [...(found.get(child) ?? []), asId<UserId>(row.guardian_id)]);
    }
    return found;
  }

  private async ofMember(userId: UserId, kind: 'guardian' | 'child'): Promise<Family[]> {
    const links = await this.em.find(FamilyMemberSchema, { userId, kind }, { disableIdentityMap: true });
    return links.length === 0 ? [] : this.load({ id: { $in: links.map((l) => l.familyId) } });
  }

  private async writeMembers(family: Family): Promise<void> {
    const state = family.snapshot();
    const members = [
      ...state.guardianIds.map((userId) => ({ familyId: state.id, userId, schoolId: state.schoolId, kind: 'guardian' as const })),
      ...state.childIds.map((userId) => ({ familyId: state.id, userId, schoolId: state.schoolId, kind: 'child' as const })),
    ];
    if (members.length > 0) {
      await this.em.insertMany(FamilyMemberSchema, members);
    }
    if (state.access.length > 0) {
      await this.em.insertMany(
        GuardianAccessSchema,
        state.access.map((a) => ({ familyId: state.id, guardianId: a.guardianId, childId: a.childId, schoolId: state.schoolId, level: a.level })),
      );
    }
  }

  private async load(where: object): Promise<Family[]> {
    const rows = await this.em.find(FamilySchema, where, { orderBy: { name: 'asc', id: 'asc' }, disableIdentityMap: true });
    if (rows.length === 0) {
      return [];
    }
    const ids = rows.map((r) => r.id);
    const [members, access] = await Promise.all([
      this.em.find(FamilyMemberSchema, { familyId: { $in: ids } }, { disableIdentityMap: true }),
      this.em.find(GuardianAccessSchema, { familyId: { $in: ids } }, { disableIdentityMap: true }),
    ]);
    return rows.map((row) =>
      Family.restore({
        id: asId<FamilyId>(row.id),
        schoolId: asId<SchoolId>(row.schoolId),
        name: row.name,
        guardianIds: members.filter((m) => m.familyId === row.id && m.kind === 'guardian').map((m) => asId<UserId>(m.userId)),
        childIds: members.filter((m) => m.familyId === row.id && m.kind === 'child').map((m) => asId<UserId>(m.userId)),
        access: access
          .filter((a) => a.familyId === row.id)
          .map((a) => ({ guardianId: asId<UserId>(a.guardianId), childId: asId<UserId>(a.childId), level: a.level })),
      }),
    );
  }
}

@Injectable()
export class MikroOrmInvitationRepository extends InvitationRepository {
  constructor(private readonly em: EntityManager) {
    super();
  }
  async add(invitation: Invitation): Promise<void> {
    await this.em.insert(InvitationSchema, invitation.snapshot());
  }
  async update(invitation: Invitation): Promise<void> {
    const { id, acceptedAt, revokedAt } = invitation.snapshot();
    await this.em.nativeUpdate(InvitationSchema, { id }, { acceptedAt, revokedAt }, ACROSS_SCHOOLS);
  }
  async byId(id: InvitationId): Promise<Invitation | null> {
    const row = await this.em.findOne(InvitationSchema, { id }, { disableIdentityMap: true });
    return row ? toInvitation(row) : null;
  }
  async byTokenHashAcrossSchools(tokenHash: string): Promise<Invitation | null> {
    const row = await this.em.findOne(InvitationSchema, { tokenHash }, { ...ACROSS_SCHOOLS, disableIdentityMap: true, lockMode: LockMode.PESSIMISTIC_WRITE });
    return row ? toInvitation(row) : null;
  }
  async list(): Promise<Invitation[]> {
    const rows = await this.em.find(InvitationSchema, {}, { orderBy: { createdAt: 'desc' }, limit: 500, disableIdentityMap: true });
    return rows.map(toInvitation);
  }
  async pendingForEmail(email: string): Promise<Invitation | null> {
    const row = await this.em.findOne(InvitationSchema, { email, acceptedAt: null, revokedAt: null }, { ...ACROSS_SCHOOLS, disableIdentityMap: true });
    return row ? toInvitation(row) : null;
  }
}

@Injectable()
export class MikroOrmRefreshTokenRepository extends RefreshTokenRepository {
  constructor(private readonly em: EntityManager) {
    super();
  }
  async add(token: RefreshTokenState): Promise<void> {
    await this.em.insert(RefreshTokenSchema, token);
  }
  async byHashForUpdateAcrossSchools(tokenHash: string): Promise<RefreshTokenState | null> {
    const row = await this.em.findOne(RefreshTokenSchema, { tokenHash }, { ...ACROSS_SCHOOLS, disableIdentityMap: true, lockMode: LockMode.PESSIMISTIC_WRITE });
    return row ? toToken(row) : null;
  }
  async markReplaced(id: SessionId, at: Date): Promise<void> {
    await this.em.nativeUpdate(RefreshTokenSchema, { id }, { replacedAt: at, lastUsedAt: at }, ACROSS_SCHOOLS);
  }
  async revokeFamily(familyId: SessionId, at: Date): Promise<void> {
    await this.em.nativeUpdate(RefreshTokenSchema, { familyId, revokedAt: null }, { revokedAt: at }, ACROSS_SCHOOLS);
  }
  async revokeAllOfUser(userId: UserId, at: Date): Promise<void> {
    await this.em.nativeUpdate(RefreshTokenSchema, { userId, revokedAt: null }, { revokedAt: at }, ACROSS_SCHOOLS);
  }
}

@Injectable()
export class MikroOrmPasswordResetRepository extends PasswordResetRepository {
  constructor(private readonly em: EntityManager) {
    super();
  }
  async add(reset: PasswordResetState): Promise<void> {
    await this.em.insert(PasswordResetSchema, reset);
  }
  async byTokenHashForUpdateAcrossSchools(tokenHash: string): Promise<PasswordResetState | null> {
    const row = await this.em.findOne(PasswordResetSchema, { tokenHash }, { ...ACROSS_SCHOOLS, disableIdentityMap: true, lockMode: LockMode.PESSIMISTIC_WRITE });
    return row ? { ...row, schoolId: asId<SchoolId>(row.schoolId), userId: asId<UserId>(row.userId) } : null;
  }
  async markUsed(id: string, at: Date): Promise<void> {
    await this.em.nativeUpdate(PasswordResetSchema, { id }, { usedAt: at }, ACROSS_SCHOOLS);
  }
}

@Injectable()
export class MikroOrmLoginAttempts extends LoginAttempts {
  constructor(private readonly em: EntityManager) {
    super();
  }
  async recordFailure(key: { email: string; ip: string }, at: Date): Promise<void> {
    await this.em.insert(LoginFailureSchema, { id: globalThis.crypto.randomUUID(), email: key.email, ip: key.ip, at });
  }
  async failuresSince(key: { email: string; ip: string }, since: Date): Promise<{ byEmail: number; byIp: number }> {
    const [byEmail, byIp] = await Promise.all([
      this.em.count(LoginFailureSchema, { email: key.email, at: { $gte: since } }),
      this.em.count(LoginFailureSchema, { ip: key.ip, at: { $gte: since } }),
    ]);
    return { byEmail, byIp };
  }
  async clearForEmail(email: string): Promise<void> {
    await this.em.nativeDelete(LoginFailureSchema, { email });
  }
}
