import { Module } from '@nestjs/common';
import { FamilyRepository, ImportedPeople, PasswordHasher, RegisterPeople, SchoolRepository, UserRepository } from '@cadenza/server/identity/domain';
import { IdentityMikroOrmModule } from '@cadenza/server/identity/infra-mikro-orm';
import { IdentitySecurityModule } from '@cadenza/server/identity/infra-security';
import { ImportTargets } from '@cadenza/server/onboarding/domain';
import { build } from '@cadenza/server/platform/http';
import {
  CalendarRepository,
  CreateRoom,
  CreateSeries,
  LessonRepository,
  LessonTypeRepository,
  RoomRepository,
  SchedulingEvents,
  SchoolDirectory,
  SeriesRepository,
  Timetable,
  TimetableReads,
} from '@cadenza/server/scheduling/domain';
import { SchedulingMikroOrmModule } from '@cadenza/server/scheduling/infra-mikro-orm';
import { AuditTrail, Clock, UnitOfWork } from '@cadenza/shared/kernel';
import { SchoolDirectoryModule } from '../scheduling/school-directory.module.js';
import { ContextImportTargets } from './context-import-targets.js';

/**
 * Onboarding's import targets over identity's and scheduling's own use cases, built here from their adapters (the
 * same classes their modules build), so an imported person, family, room or series passes the rules one made on its
 * own passes.
 */
@Module({
  imports: [IdentityMikroOrmModule, IdentitySecurityModule, SchedulingMikroOrmModule, SchoolDirectoryModule],
  providers: [
    build(RegisterPeople, [UserRepository, FamilyRepository, PasswordHasher, AuditTrail, UnitOfWork, Clock]),
    build(Timetable, [TimetableReads, RoomRepository, LessonTypeRepository, SchoolDirectory]),
    build(CreateRoom, [RoomRepository, AuditTrail, UnitOfWork]),
    build(CreateSeries, [SeriesRepository, LessonRepository, CalendarRepository, Timetable, SchedulingEvents, AuditTrail, UnitOfWork, Clock]),
    build(ContextImportTargets, [SchoolRepository, UserRepository, FamilyRepository, RegisterPeople, RoomRepository, CalendarRepository, LessonRepository, CreateRoom, CreateSeries, ImportedPeople]),
    { provide: ImportTargets, useExisting: ContextImportTargets },
  ],
  exports: [ImportTargets],
})
export class ImportTargetsModule {}
