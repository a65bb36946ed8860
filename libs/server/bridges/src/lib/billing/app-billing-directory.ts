import { Injectable } from '@nestjs/common';
import { BillingDirectory, type BillableLessonType, type BillingFamily, type LessonTypeId } from '@cadenza/server/billing/domain';
import { FamilyRepository, SchoolRepository } from '@cadenza/server/identity/domain';
import { LessonTypeRepository } from '@cadenza/server/scheduling/domain';
import type { LessonTypeId as SchedulingLessonTypeId } from '@cadenza/server/scheduling/domain';
import { asId, type FamilyId, type UserId } from '@cadenza/shared/kernel';

/** What billing reads of other contexts, for the school in force: identity's school (its currency) and families, and scheduling's lesson types. */
@Injectable()
export class AppBillingDirectory extends BillingDirectory {
  constructor(
    private readonly schools: SchoolRepository,
    private readonly lessonTypes: LessonTypeRepository,
    private readonly schoolFamilies: FamilyRepository,
  ) {
    super();
  }

  async currency(): Promise<string> {
    return (await this.schools.current()).snapshot().currency;
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

  async familiesWithFullAccess(guardianId: UserId): Promise<FamilyId[]> {
    return (await this.schoolFamilies.ofGuardian(guardianId)).filter((f) => f.childIds.some((child) => f.accessOf(guardianId, child) === 'full')).map((f) => f.id);
  }
}
