import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { SchoolContext } from '@cadenza/server/calendar-sync/domain';
import { enterSchool } from '@cadenza/server/platform/db';
import type { SchoolId } from '@cadenza/shared/kernel';

/** Puts the school in force on the request's entity manager, as the access guard does for a signed-in caller. */
@Injectable()
export class OrmSchoolContext extends SchoolContext {
  constructor(private readonly em: EntityManager) {
    super();
  }

  enter(schoolId: SchoolId): void {
    enterSchool(this.em, schoolId);
  }
}
