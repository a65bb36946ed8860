import { Injectable } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { DomainError, asId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { FlagRepository, MessageFlag, type FlagId, type MessageId, type ThreadId } from '@cadenza/server/messaging/domain';
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
  });

@Injectable()
export class MikroOrmFlagRepository extends FlagRepository {
  constructor(private readonly em: EntityManager) {
    super();
  }
  async add(flag: MessageFlag): Promise<void> {
    try {
      await this.em.insert(FlagSchema, flag.snapshot());
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
  async list(filter: { threadId?: ThreadId; messageId?: MessageId; flaggedBy?: UserId } = {}): Promise<MessageFlag[]> {
    const where: Record<string, string> = {};
    if (filter.threadId) where['threadId'] = filter.threadId;
    if (filter.messageId) where['messageId'] = filter.messageId;
    if (filter.flaggedBy) where['flaggedBy'] = filter.flaggedBy;
    const rows = await this.em.find(FlagSchema, where, { ...NO_MAP, orderBy: { createdAt: 'desc', id: 'desc' }, limit: 1000 });
    return rows.map(toFlag);
  }
}
