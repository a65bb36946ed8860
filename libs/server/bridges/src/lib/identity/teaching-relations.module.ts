import { Module } from '@nestjs/common';
import { TeachingRelations } from '@cadenza/server/identity/domain';
import { SchedulingMikroOrmModule } from '@cadenza/server/scheduling/infra-mikro-orm';
import { LessonTeachingRelations } from './lesson-teaching-relations.js';

/** Identity's view of who teaches whom, answered by scheduling's lessons. */
@Module({
  imports: [SchedulingMikroOrmModule],
  providers: [{ provide: TeachingRelations, useClass: LessonTeachingRelations }],
  exports: [TeachingRelations],
})
export class TeachingRelationsModule {}
