import { Injectable, Module } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { AuditLog } from '@cadenza/server/audit/domain';
import { AuditMikroOrmModule } from '@cadenza/server/audit/infra-mikro-orm';
import { currentSchool } from '@cadenza/server/platform/db';
import { changedFields, LessonHistory, type HistoryEntry, type LessonId, type SeriesId } from '@cadenza/server/scheduling/domain';
import { asId, type SchoolId, type UserId } from '@cadenza/shared/kernel';

/**
 * Scheduling's history of a lesson, read from the audit trail (which scheduling writes through the kernel's
 * `AuditTrail` and audit owns): the lesson's events and its series', newest first, in the school in force.
 */
@Injectable()
export class AuditLessonHistory extends LessonHistory {
  constructor(
    private readonly em: EntityManager,
    private readonly log: AuditLog,
  ) {
    super();
  }

  async of(subject: { lessonId: LessonId; seriesId: SeriesId | null }, limit: number): Promise<HistoryEntry[]> {
    const school = asId<SchoolId>(currentSchool(this.em));
    const reads = [this.log.list(school, { entityType: 'lesson', entityId: subject.lessonId, limit })];
    if (subject.seriesId) reads.push(this.log.list(school, { entityType: 'lesson_series', entityId: subject.seriesId, limit }));
    return (await Promise.all(reads))
      .flat()
      .sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime() || (a.id < b.id ? 1 : -1))
      .slice(0, limit)
      .map((e) => ({
        at: e.occurredAt,
        actorId: e.actorId ? asId<UserId>(e.actorId) : null,
        action: e.action,
        entityType: e.entityType === 'lesson_series' ? 'lesson_series' : 'lesson',
        fields: changedFields(e.before, e.after),
      }));
  }
}

/** Provides scheduling's `LessonHistory` over audit's log. */
@Module({
  imports: [AuditMikroOrmModule],
  providers: [{ provide: LessonHistory, useClass: AuditLessonHistory }],
  exports: [LessonHistory],
})
export class LessonHistoryModule {}
