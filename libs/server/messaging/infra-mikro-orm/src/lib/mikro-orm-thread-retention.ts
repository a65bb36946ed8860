import { Injectable } from '@nestjs/common';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { acrossSchoolsRows } from '@cadenza/server/platform/db';
import { asId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { ThreadRetention, type PurgedThread, type ThreadId } from '@cadenza/server/messaging/domain';
import { AttachmentSchema, FlagSchema, MessageSchema, MessageVersionSchema, ParticipantSchema, ReadReceiptSchema, ThreadSchema } from './entities.js';
import { NO_MAP } from './rows.js';
import { BEGIN_MESSAGING_PURGE, END_MESSAGING_PURGE, SCHOOLS_WITH_THREADS } from './statements.js';

/**
 * The retention sweep's removals, through the entity schemas inside the caller's transaction. Removing a
 * message's versions is refused by their trigger unless the transaction says it is a purge
 * (`cadenza.messaging_purge`, local to the transaction), which only this adapter does.
 */
@Injectable()
export class MikroOrmThreadRetention extends ThreadRetention {
  constructor(private readonly em: EntityManager) {
    super();
  }
  async schoolsWithThreadsAcrossSchools(): Promise<SchoolId[]> {
    const rows = await acrossSchoolsRows(this.em, SCHOOLS_WITH_THREADS, []);
    return rows.map((r) => asId<SchoolId>(r.school_id));
  }
  async threadsWithAnyOf(userIds: readonly UserId[]): Promise<ThreadId[]> {
    if (userIds.length === 0) return [];
    const rows = await this.em.find(ParticipantSchema, { userId: { $in: [...userIds] } }, NO_MAP);
    return [...new Set(rows.map((r) => r.threadId))].sort().map((id) => asId<ThreadId>(id));
  }
  async purge(threadId: ThreadId): Promise<PurgedThread | null> {
    if (!this.em.isInTransaction()) throw new Error('ThreadRetention.purge runs inside a unit of work.');
    // The row lock keeps new messages and attachments (whose foreign keys need the row) out until the purge commits.
    const thread = await this.em.findOne(ThreadSchema, { id: threadId }, { ...NO_MAP, lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!thread) return null;
    const participants = await this.em.find(ParticipantSchema, { threadId }, { ...NO_MAP, orderBy: { position: 'asc' } });
    const files = await this.em.find(AttachmentSchema, { threadId }, NO_MAP);
    const messageIds = (await this.em.find(MessageSchema, { threadId }, NO_MAP)).map((m) => m.id);
    await acrossSchoolsRows(this.em, BEGIN_MESSAGING_PURGE, []);
    await this.em.nativeDelete(AttachmentSchema, { threadId });
    const flags = await this.em.nativeDelete(FlagSchema, { threadId });
    const receipts = await this.em.nativeDelete(ReadReceiptSchema, { threadId });
    const versions = messageIds.length === 0 ? 0 : await this.em.nativeDelete(MessageVersionSchema, { messageId: { $in: messageIds } });
    const messages = await this.em.nativeDelete(MessageSchema, { threadId });
    await this.em.nativeDelete(ParticipantSchema, { threadId });
    await this.em.nativeDelete(ThreadSchema, { id: threadId });
    await acrossSchoolsRows(this.em, END_MESSAGING_PURGE, []);
    return {
      threadId,
      participantIds: participants.map((p) => asId<UserId>(p.userId)),
      createdAt: new Date(thread.createdAt),
      lastMessageAt: thread.lastMessageAt === null ? null : new Date(thread.lastMessageAt),
      messages,
      versions,
      receipts,
      flags,
      attachments: files.length,
      attachmentSha256s: files.map((f) => f.sha256),
    };
  }
}
