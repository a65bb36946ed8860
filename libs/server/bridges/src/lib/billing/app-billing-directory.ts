import { Injectable } from '@nestjs/common';
import { BillingDirectory, type BillableLessonType, type LessonTypeId } from '@cadenza/server/billing/domain';
import { SchoolRepository } from '@cadenza/server/identity/domain';
import { LessonTypeRepository } from '@cadenza/server/scheduling/domain';
import type { LessonTypeId as SchedulingLessonTypeId } from '@cadenza/server/scheduling/domain';
import { asId } from '@cadenza/shared/kernel';

/** What billing reads of other contexts, for the school in force: identity's school (its currency) and scheduling's lesson types. */
@Injectable()
export class AppBillingDirectory extends BillingDirectory {
  constructor(
    private readonly schools: SchoolRepository,
    private readonly lessonTypes: LessonTypeRepository,
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
}
