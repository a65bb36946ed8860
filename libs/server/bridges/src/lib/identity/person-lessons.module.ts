import { Module } from '@nestjs/common';
import { PersonLessons } from '@cadenza/server/identity/domain';
import {
  CancelLesson,
  LessonRepository,
  MakeupCreditRepository,
  SchedulingEvents,
  SchedulingPolicyRepository,
  SchoolDirectory,
  SeriesRepository,
} from '@cadenza/server/scheduling/domain';
import { SchedulingMikroOrmModule } from '@cadenza/server/scheduling/infra-mikro-orm';
import { AuditTrail, Clock, UnitOfWork } from '@cadenza/shared/kernel';
import { SchoolDirectoryModule } from '../scheduling/school-directory.module.js';
import { SchedulingPersonLessons } from './scheduling-person-lessons.js';

/** Identity's `PersonLessons` (a leaver's lessons still to come, and cancelling them), answered by scheduling. */
@Module({
  imports: [SchedulingMikroOrmModule, SchoolDirectoryModule],
  providers: [
    {
      provide: PersonLessons,
      useFactory: (
        lessons: LessonRepository,
        series: SeriesRepository,
        credits: MakeupCreditRepository,
        policies: SchedulingPolicyRepository,
        directory: SchoolDirectory,
        events: SchedulingEvents,
        audit: AuditTrail,
        uow: UnitOfWork,
        clock: Clock,
      ) => new SchedulingPersonLessons(lessons, new CancelLesson(lessons, series, credits, policies, directory, events, audit, uow, clock)),
      inject: [LessonRepository, SeriesRepository, MakeupCreditRepository, SchedulingPolicyRepository, SchoolDirectory, SchedulingEvents, AuditTrail, UnitOfWork, Clock],
    },
  ],
  exports: [PersonLessons],
})
export class PersonLessonsModule {}
