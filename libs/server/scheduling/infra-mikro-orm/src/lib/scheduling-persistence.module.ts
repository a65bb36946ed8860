import { Module } from '@nestjs/common';
import {
  AvailabilityRepository,
  CalendarRepository,
  LessonRepository,
  LessonRequestRepository,
  LessonTypeRepository,
  MakeupCreditRepository,
  RoomRepository,
  SchedulingEvents,
  SchedulingPolicyRepository,
  SeriesRepository,
} from '@cadenza/server/scheduling/domain';
import { schedulingEntities } from './entities.js';
import { Migration20261123000300_scheduling } from './migrations/Migration20261123000300_scheduling.js';
import { Migration20261123001200_calendar_versions } from './migrations/Migration20261123001200_calendar_versions.js';
import { Migration20261202000100_calendar_version_slots } from './migrations/Migration20261202000100_calendar_version_slots.js';
import { Migration20261207000300_lesson_buffer_guard } from './migrations/Migration20261207000300_lesson_buffer_guard.js';
import { Migration20261208000800_attendees_by_person } from './migrations/Migration20261208000800_attendees_by_person.js';
import { Migration20261210000800_void_makeup_credits } from './migrations/Migration20261210000800_void_makeup_credits.js';
import { Migration20261211000400_one_open_request } from './migrations/Migration20261211000400_one_open_request.js';
import { Migration20261211000300_series_rollover } from './migrations/Migration20261211000300_series_rollover.js';
import { MikroOrmAvailabilityRepository } from './mikro-orm-availability-repository.js';
import { MikroOrmCalendarRepository } from './mikro-orm-calendar-repository.js';
import { MikroOrmLessonRepository } from './mikro-orm-lesson-repository.js';
import { MikroOrmLessonRequestRepository } from './mikro-orm-lesson-request-repository.js';
import { MikroOrmLessonTypeRepository } from './mikro-orm-lesson-type-repository.js';
import { MikroOrmMakeupCreditRepository } from './mikro-orm-makeup-credit-repository.js';
import { MikroOrmRoomRepository } from './mikro-orm-room-repository.js';
import { MikroOrmSchedulingPolicyRepository } from './mikro-orm-scheduling-policy-repository.js';
import { MikroOrmSeriesRepository } from './mikro-orm-series-repository.js';
import { OutboxSchedulingEvents } from './outbox-scheduling-events.js';

export const schedulingPersistence = { entities: schedulingEntities, migrations: [Migration20261123000300_scheduling, Migration20261123001200_calendar_versions, Migration20261202000100_calendar_version_slots, Migration20261207000300_lesson_buffer_guard, Migration20261208000800_attendees_by_person, Migration20261210000800_void_makeup_credits, Migration20261211000300_series_rollover, Migration20261211000400_one_open_request] };

const providers = [
  { provide: RoomRepository, useClass: MikroOrmRoomRepository },
  { provide: CalendarRepository, useClass: MikroOrmCalendarRepository },
  { provide: LessonTypeRepository, useClass: MikroOrmLessonTypeRepository },
  { provide: AvailabilityRepository, useClass: MikroOrmAvailabilityRepository },
  { provide: LessonRepository, useClass: MikroOrmLessonRepository },
  { provide: SeriesRepository, useClass: MikroOrmSeriesRepository },
  { provide: LessonRequestRepository, useClass: MikroOrmLessonRequestRepository },
  { provide: MakeupCreditRepository, useClass: MikroOrmMakeupCreditRepository },
  { provide: SchedulingPolicyRepository, useClass: MikroOrmSchedulingPolicyRepository },
  { provide: SchedulingEvents, useClass: OutboxSchedulingEvents },
];

/**
 * The scheduling context's ports on PostgreSQL through MikroORM, events to the outbox. `TimetableReads` is not
 * here: its one statement reads the directory's people too, so the app provides it (`PostgresTimetableReads`
 * with the app's `TimetablePeopleSql`).
 */
@Module({ providers, exports: providers.map((p) => p.provide) })
export class SchedulingMikroOrmModule {}
