import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { currentSchool } from '@cadenza/server/platform/db';
import { asId, type UserId } from '@cadenza/shared/kernel';
import { ReadReceiptRepository, type ReadReceipt, type ThreadId } from '@cadenza/server/messaging/domain';
import { date, pgArray, type RawReceipt } from './rows.js';

const toReceipt = (r: RawReceipt): ReadReceipt => ({
  threadId: asId<ThreadId>(r.thread_id),
  userId: asId<UserId>(r.user_id),
  lastReadSeq: Number(r.last_read_seq),
  readAt: date(r.read_at),
});

/** Read receipts, one row per thread and reader. */
@Injectable()
export class MikroOrmReadReceiptRepository extends ReadReceiptRepository {
  constructor(private readonly em: EntityManager) {
    super();
  }
  async save(receipt: ReadReceipt): Promise<void> {
    await this.em.execute(
      `insert into message_read_receipts (thread_id, user_id, school_id, last_read_seq, read_at) values (?, ?, ?, ?, ?)
       on conflict (thread_id, user_id) do update set last_read_seq = excluded.last_read_seq, read_at = excluded.read_at`,
      [receipt.threadId, receipt.userId, currentSchool(this.em), receipt.lastReadSeq, receipt.readAt],
    );
  }
  async ofThread(threadId: ThreadId): Promise<ReadReceipt[]> {
    const rows = await this.em.execute<RawReceipt[]>(`select * from message_read_receipts where thread_id = ? and school_id = ? order by user_id`, [threadId, currentSchool(this.em)]);
    return rows.map(toReceipt);
  }
  async ofReader(userId: UserId, threadIds: readonly ThreadId[]): Promise<ReadReceipt[]> {
    if (threadIds.length === 0) return [];
    const rows = await this.em.execute<RawReceipt[]>(`select * from message_read_receipts where school_id = ? and user_id = ? and thread_id = any(?::uuid[])`, [
      currentSchool(this.em),
      userId,
      pgArray(threadIds),
    ]);
    return rows.map(toReceipt);
  }
}
