import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { schoolRows } from '@cadenza/server/platform/db';
import type { LessonQuery } from '@cadenza/server/scheduling/domain';
import { CALENDAR_VERSION } from './statements.js';

/**
 * The calendar's version for a query: the sum of the school's `calendar_versions` counters over the UTC
 * weeks in which a lesson of the answer may start (`inRange` reads starts from `from - 24 h` up to `to`).
 * The lessons' trigger bumps a counter of the week of a lesson's old and new start on every insert,
 * update and delete, in the same transaction, so any committed change to the answer changes the sum
 * (counters only grow); one indexed read of at most 64 rows a week, whatever the size of the school.
 * Coarser than the answer (a change to any lesson of those weeks counts), never finer.
 */
@Injectable()
export class PostgresCalendarVersions {
  constructor(private readonly em: EntityManager) {}
  async ofRange(query: LessonQuery): Promise<string> {
    const [row] = await schoolRows(this.em, CALENDAR_VERSION, [new Date(query.from.getTime() - 86_400_000), query.to]);
    return row?.v ?? '0';
  }
}
