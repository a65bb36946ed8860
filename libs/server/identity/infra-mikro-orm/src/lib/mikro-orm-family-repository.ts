import { Injectable } from '@nestjs/common';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { schoolRows } from '@cadenza/server/platform/db';
import { asId, type FamilyId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { Family, FamilyRepository } from '@cadenza/server/identity/domain';
import { FamilyMemberSchema, FamilySchema, GuardianAccessSchema } from './entities.js';
import { GUARDIANS_OF_CHILDREN } from './statements.js';

@Injectable()
export class MikroOrmFamilyRepository extends FamilyRepository {
  constructor(private readonly em: EntityManager) {
    super();
  }
  // Each write is one transaction (the unit of work's when there is one): the payer's foreign key to the members is
  // checked at commit, after the members are written again.
  async add(family: Family): Promise<void> {
    const state = family.snapshot();
    await this.em.transactional(async (em) => {
      await em.insert(FamilySchema, { id: state.id, schoolId: state.schoolId, name: state.name, payerId: state.payerId });
      await this.writeMembers(em, family);
    });
  }
  async update(family: Family): Promise<void> {
    const state = family.snapshot();
    await this.em.transactional(async (em) => {
      await em.nativeUpdate(FamilySchema, { id: state.id }, { name: state.name, payerId: state.payerId });
      await em.nativeDelete(GuardianAccessSchema, { familyId: state.id });
      await em.nativeDelete(FamilyMemberSchema, { familyId: state.id });
      await this.writeMembers(em, family);
    });
  }
  async byId(id: FamilyId): Promise<Family | null> {
    const [family] = await this.load({ id });
    return family ?? null;
  }
  async forChange(id: FamilyId): Promise<Family | null> {
    // The family's row is locked until the unit of work ends; its members and access are then read as committed.
    const row = await this.em.findOne(FamilySchema, { id }, { disableIdentityMap: true, lockMode: LockMode.PESSIMISTIC_WRITE });
    return row ? this.byId(id) : null;
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
    const rows = await schoolRows(this.em, GUARDIANS_OF_CHILDREN, [`{${childIds.join(',')}}`]);
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

  private async writeMembers(em: EntityManager, family: Family): Promise<void> {
    const state = family.snapshot();
    const members = [
      ...state.guardianIds.map((userId) => ({ familyId: state.id, userId, schoolId: state.schoolId, kind: 'guardian' as const })),
      ...state.childIds.map((userId) => ({ familyId: state.id, userId, schoolId: state.schoolId, kind: 'child' as const })),
    ];
    if (members.length > 0) {
      await em.insertMany(FamilyMemberSchema, members);
    }
    if (state.access.length > 0) {
      await em.insertMany(
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
        payerId: row.payerId ? asId<UserId>(row.payerId) : null,
        guardianIds: members.filter((m) => m.familyId === row.id && m.kind === 'guardian').map((m) => asId<UserId>(m.userId)),
        childIds: members.filter((m) => m.familyId === row.id && m.kind === 'child').map((m) => asId<UserId>(m.userId)),
        access: access
          .filter((a) => a.familyId === row.id)
          .map((a) => ({ guardianId: asId<UserId>(a.guardianId), childId: asId<UserId>(a.childId), level: a.level })),
      }),
    );
  }
}
