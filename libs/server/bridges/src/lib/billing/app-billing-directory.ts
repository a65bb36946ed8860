import { Injectable } from '@nestjs/common';
import { BillingDirectory, type BillableLessonType, type BillingContact, type BillingFamily, type LessonId, type LessonTypeId } from '@cadenza/server/billing/domain';
import { FamilyRepository, SchoolRepository, UserRepository } from '@cadenza/server/identity/domain';
import { LessonRepository, LessonTypeRepository } from '@cadenza/server/scheduling/domain';
import type { LessonId as SchedulingLessonId, LessonTypeId as SchedulingLessonTypeId } from '@cadenza/server/scheduling/domain';
import { asId, type FamilyId, type UserId } from '@cadenza/shared/kernel';

/** What billing reads of other contexts, for the school in force: identity's school (its currency) and families, and scheduling's lesson types. */
@Injectable()
export class AppBillingDirectory extends BillingDirectory {
  constructor(
    private readonly schools: SchoolRepository,
    private readonly lessonTypes: LessonTypeRepository,
    private readonly schoolFamilies: FamilyRepository,
    private readonly schoolLessons: LessonRepository,
    private readonly users: UserRepository,
  ) {
    super();
  }

  async currency(): Promise<string> {
    return (await this.schools.current()).snapshot().currency;
  }

  async schoolName(): Promise<string> {
    return (await this.schools.current()).snapshot().name;
  }

  async contacts(ids: readonly UserId[]): Promise<Map<UserId, BillingContact>> {
    if (ids.length === 0) return new Map();
    return new Map((await this.users.byIds(ids)).map((u) => [u.id, { id: u.id, name: u.name, email: u.email }]));
  }

  async timeZone(): Promise<string> {
    return (await this.schools.current()).timeZone;
  }

  async lessonTypesOf(lessonIds: readonly LessonId[]): Promise<Map<LessonId, LessonTypeId | null>> {
    if (lessonIds.length === 0) return new Map();
    const lessons = await this.schoolLessons.byIds(lessonIds.map((id) => asId<SchedulingLessonId>(id)));
    return new Map(lessons.map((l) => [asId<LessonId>(l.id), l.lessonTypeId === null ? null : asId<LessonTypeId>(l.lessonTypeId)]));
  }

  async lessonType(id: LessonTypeId): Promise<BillableLessonType | null> {
    const type = await this.lessonTypes.byId(asId<SchedulingLessonTypeId>(id));
    return type ? { id, name: type.name, durationMinutes: type.durationMinutes, format: type.format } : null;
  }

  async families(): Promise<BillingFamily[]> {
    return (await this.schoolFamilies.list())
      .map((f) => ({ familyId: f.id, name: f.name, payerId: f.payerId, studentIds: [...f.childIds] }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.familyId.localeCompare(b.familyId));
  }

  async familiesGuardedBy(guardianId: UserId): Promise<FamilyId[]> {
    return (await this.schoolFamilies.ofGuardian(guardianId)).filter((f) => f.childIds.some((child) => f.accessOf(guardianId, child) !== null)).map((f) => f.id);
  }

  async guardiansOf(familyId: FamilyId): Promise<UserId[]> {
    const family = await this.schoolFamilies.byId(familyId);
    return family ? family.guardianIds.filter((guardian) => family.childIds.some((child) => family.accessOf(guardian, child) !== null)) : [];
  }

  async familiesWithFullAccess(guardianId: UserId): Promise<FamilyId[]> {
    return (await this.schoolFamilies.ofGuardian(guardianId)).filter((f) => f.childIds.some((child) => f.accessOf(guardianId, child) === 'full')).map((f) => f.id);
  }
}
