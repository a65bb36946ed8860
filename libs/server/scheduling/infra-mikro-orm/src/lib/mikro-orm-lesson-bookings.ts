import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { outboxRecordset, schoolWrite } from '@cadenza/server/platform/db';
import { LessonBookings, type LessonBooking } from '@cadenza/server/scheduling/domain';
import { lessonValues } from './mikro-orm-lesson-repository.js';
import { rethrowOverlap } from './rethrow-overlap.js';
import { slotLocks } from './slot-locks.js';
import { BOOK_LESSON } from './statements.js';

/**
 * A booking's writes as one statement (`BOOK_LESSON`) behind its slot locks, in one round trip inside the unit of
 * work's transaction: the lesson and its outbox rows, where they were two round trips (decision 0002).
 */
@Injectable()
export class MikroOrmLessonBookings extends LessonBookings {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async record({ lesson, events }: LessonBooking): Promise<void> {
    try {
      await schoolWrite(this.em, BOOK_LESSON, [...lessonValues(lesson), outboxRecordset(events)], { locks: slotLocks([lesson]) });
    } catch (error) {
      rethrowOverlap(error, lesson);
    }
  }
}
