import { Injectable } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { DomainError, asId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { FlagRepository, MessageFlag, type FlagId, type FlagOutcome, type FlagStatus, type MessageId, type ThreadId } from '@cadenza/server/messaging/domain';
import { FlagSchema, type FlagRow } from './entities.js';
import { NO_MAP, date } from './rows.js';

const toFlag = (row: FlagRow) =>
  MessageFlag.restore({
    id: asId<FlagId>(row.id),
    schoolId: asId<SchoolId>(row.schoolId),
    threadId: asId<ThreadId>(row.threadId),
    messageId: asId<MessageId>(row.messageId),
    messageVersion: row.messageVersion,
    flaggedBy: asId<UserId>(row.flaggedBy),
    reason: row.reason,
    createdAt: date(row.createdAt),
    review:
      row.reviewOutcome && row.reviewNote && row.reviewedBy && row.reviewedAt
        ? { outcome: row.reviewOutcome as FlagOutcome, note: row.reviewNote, reviewedBy: asId<UserId>(row.reviewedBy), reviewedAt: date(row.reviewedAt) }
        : null,
  });

/** A flag's columns from its state (the review's four together, or none). */
function toRow(flag: MessageFlag): FlagRow {
  const { review, ...s } = flag.snapshot();
  return { ...s, reviewOutcome: review?.outcome ?? null, reviewNote: review?.note ?? null, reviewedBy: review?.reviewedBy ?? null, reviewedAt: review?.reviewedAt ?? null };
}

@Injectable()
export class MikroOrmFlagRepository extends FlagRepository {
  constructor(private readonly em: EntityManager) {
    super();
  }
  async add(flag: MessageFlag): Promise<void> {
    try {
      await this.em.insert(FlagSchema, toRow(flag));
    } catch (error) {
      // Two identical flags sent at the same moment: one is kept, the other is told so.
      if (error instanceof UniqueConstraintViolationException) {
        throw new DomainError('MESSAGING.ALREADY_FLAGGED', 'conflict', 'You have already flagged this message.');
      }
      throw error;
    }
  }
  async byId(id: FlagId): Promise<MessageFlag | null> {
    const row = await this.em.findOne(FlagSchema, { id }, NO_MAP);
    return row ? toFlag(row) : null;
  }
  async saveReview(flag: MessageFlag): Promise<boolean> {
    const { reviewOutcome, reviewNote, reviewedBy, reviewedAt } = toRow(flag);
    const changed = await this.em.nativeUpdate(FlagSchema, { id: flag.id, reviewedAt: null }, { reviewOutcome, reviewNote, reviewedBy, reviewedAt });
    return changed === 1;
  }
  async list(filter: { threadId?: ThreadId; messageId?: MessageId; flaggedBy?: UserId; status?: FlagStatus } = {}): Promise<MessageFlag[]> {
    const where: Record<string, string | null | { $ne: null }> = {};
    if (filter.threadId) where['threadId'] = filter.threadId;
    if (filter.messageId) where['messageId'] = filter.messageId;
    if (filter.flaggedBy) where['flaggedBy'] = filter.flaggedBy;
    if (filter.status) where['reviewedAt'] = filter.status === 'open' ? null : { $ne: null };
    const rows = await this.em.find(FlagSchema, where, { ...NO_MAP, orderBy: { createdAt: 'desc', id: 'desc' }, limit: 1000 });
    return rows.map(toFlag);
  }
}
