import { Injectable } from '@nestjs/common';
import { EntityManager, LockMode, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { type UserId } from '@cadenza/shared/kernel';
import { LessonRequest, LessonRequestRepository, OPEN_REQUEST_STATUSES, requestExists, type LessonId, type LessonRequestId, type LessonRequestStatus } from '@cadenza/server/scheduling/domain';
import { LessonRequestSchema, type LessonRequestRow } from './entities.js';
import { requestFromRow, requestToRow } from './mappers.js';
import { NO_MAP } from './rows.js';

@Injectable()
export class MikroOrmLessonRequestRepository extends LessonRequestRepository {
  constructor(private readonly em: EntityManager) {
    super();
  }
  async add(request: LessonRequest): Promise<void> {
    try {
      await this.em.insert(LessonRequestSchema, requestToRow(request));
    } catch (error) {
      // lesson_requests_one_open_idx: another open request of this kind about the lesson was added meanwhile.
      if (error instanceof UniqueConstraintViolationException && error.message.includes('lesson_requests_one_open_idx')) throw requestExists(null);
      throw error;
    }
  }
  async update(request: LessonRequest): Promise<void> {
    const { id, schoolId: _s, ...rest } = requestToRow(request);
    await this.em.nativeUpdate(LessonRequestSchema, { id }, rest);
  }
  async byId(id: LessonRequestId): Promise<LessonRequest | null> {
    const row = await this.em.findOne(LessonRequestSchema, { id }, { ...NO_MAP, lockMode: this.em.isInTransaction() ? LockMode.PESSIMISTIC_WRITE : undefined });
    return row ? requestFromRow(row) : null;
  }
  async list(filter: { involving?: readonly UserId[]; status?: LessonRequestStatus }): Promise<LessonRequest[]> {
    const where: Record<string, unknown> = {};
    if (filter.status) where['status'] = filter.status;
    if (filter.involving) {
      const ids = [...filter.involving];
      where['$or'] = [{ requestedBy: { $in: ids } }, { studentId: { $in: ids } }, { teacherId: { $in: ids } }];
    }
    const rows: LessonRequestRow[] = await this.em.find(LessonRequestSchema, where, { ...NO_MAP, orderBy: { createdAt: 'desc' }, limit: 500 });
    return rows.map(requestFromRow);
  }
  async openAbout(lessonIds: readonly LessonId[]): Promise<LessonRequest[]> {
    if (lessonIds.length === 0) return [];
    const rows: LessonRequestRow[] = await this.em.find(LessonRequestSchema, { lessonId: { $in: [...new Set(lessonIds)] }, status: { $in: [...OPEN_REQUEST_STATUSES] } }, { ...NO_MAP, orderBy: { createdAt: 'asc' } });
    return rows.map(requestFromRow);
  }
}
