import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { currentSchool } from '@cadenza/server/platform/db';
import { asId, type UserId } from '@cadenza/shared/kernel';
import { ReadReceiptRepository, type ReadReceipt, type ThreadId } from '@cadenza/server/messaging/domain';
import { ReadReceiptSchema, type ReadReceiptRow } from './entities.js';
import { NO_MAP, date } from './rows.js';

const toReceipt = (r: ReadReceiptRow): ReadReceipt => ({
  threadId: asId<ThreadId>(r.threadId),
  userId: asId<UserId>(r.userId),
  lastReadSeq: Number(r.lastReadSeq),
  readAt: date(r.readAt),
});

/** Read receipts, one row per thread and reader, through their entity schema. */
@Injectable()
export class MikroOrmReadReceiptRepository extends ReadReceiptRepository {
  constructor(private readonly em: EntityManager) {
    super();
  }
  async save(receipt: ReadReceipt): Promise<void> {
    await this.em.upsert(ReadReceiptSchema, { ...receipt, schoolId: currentSchool(this.em) }, { ...NO_MAP, onConflictFields: ['threadId', 'userId'], onConflictMergeFields: ['lastReadSeq', 'readAt'] });
  }
  async ofThread(threadId: ThreadId): Promise<ReadReceipt[]> {
    return (await this.em.find(ReadReceiptSchema, { threadId }, { ...NO_MAP, orderBy: { userId: 'asc' } })).map(toReceipt);
  }
  async ofReader(userId: UserId, threadIds: readonly ThreadId[]): Promise<ReadReceipt[]> {
    if (threadIds.length === 0) return [];
    return (await this.em.find(ReadReceiptSchema, { userId, threadId: { $in: [...threadIds] } }, NO_MAP)).map(toReceipt);
  }
}
