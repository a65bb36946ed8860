import { Module } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { IdentityMikroOrmModule } from '@cadenza/server/identity/infra-mikro-orm';
import { SchoolDirectory, TimetableReads } from '@cadenza/server/scheduling/domain';
import { PostgresTimetableReads } from '@cadenza/server/scheduling/infra-mikro-orm';
import { TIMETABLE_PEOPLE } from '../statements.js';
import { IdentitySchoolDirectory } from './identity-school-directory.js';

/**
 * Scheduling's view of the school's people, answered by identity's repositories; and scheduling's timetable reads,
 * whose one statement checks a booking's people in identity's table as it reads the timetable.
 */
@Module({
  imports: [IdentityMikroOrmModule],
  providers: [
    { provide: SchoolDirectory, useClass: IdentitySchoolDirectory },
    { provide: TimetableReads, useFactory: (em: EntityManager) => new PostgresTimetableReads(em, TIMETABLE_PEOPLE), inject: [EntityManager] },
  ],
  exports: [SchoolDirectory, TimetableReads],
})
export class SchoolDirectoryModule {}
