import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { currentSchool } from '@cadenza/server/platform/db';
import { asId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { ThreadRetention, type PurgedThread, type ThreadId } from '@cadenza/server/messaging/domain';
import { date, pgArray, type RawThread } from './rows.js';

/**
 * The retention sweep's removals, in plain SQL inside the caller's transaction. Removing a
 * message's versions is refused by their trigger unless the transaction says it is a purge
 * (`cadenza.messaging_purge`, local to the transaction), which only this adapter does.
 */
@Injectable()
export class MikroOrmThreadRetention extends ThreadRetention {
  constructor(private readonly em: EntityManager) {
    super();
  }
  async schoolsWithThreadsAcrossSchools(): Promise<SchoolId[]> {
    const rows = await this.em.execute<{ school_id: string }[]>(`select distinct school_id from message_threads order by school_id`);
    return rows.map((r) => asId<SchoolId>(r.school_id));
  }
  async threadsWithAnyOf(userIds: readonly UserId[]): Promise<ThreadId[]> {
    if (userIds.length === 0) return [];
    const rows = await this.em.execute<{ thread_id: string }[]>(
      `select distinct thread_id from message_thread_participants where school_id = ? and user_id = any(?::uuid[]) order by thread_id`,
      [currentSchool(this.em), pgArray(userIds)],
    );
    return rows.map((r) => asId<ThreadId>(r.thread_id));
  }
  async purge(threadId: ThreadId): Promise<PurgedThread | null> {
    if (!this.em.isInTransaction()) throw new Error('ThreadRetention.purge runs inside a unit of work.');
    const school = currentSchool(this.em);
    const [thread] = await this.em.execute<RawThread[]>(`select * from message_threads where id = ? and school_id = ? for update`, [threadId, school]);
    if (!thread) return null;
    const participants = await this.em.execute<{ user_id: string }[]>(`select user_id from message_thread_participants where thread_id = ? order by position`, [threadId]);
    await this.em.execute(`select set_config('cadenza.messaging_purge', 'on', true)`);
    const count = async (sql: string) => (await this.em.execute<unknown[]>(`${sql} returning 1`, [threadId])).length;
    const files = await this.em.execute<{ sha256: string }[]>(`delete from message_attachments where thread_id = ? returning sha256`, [threadId]);
    const flags = await count(`delete from message_flags where thread_id = ?`);
    const receipts = await count(`delete from message_read_receipts where thread_id = ?`);
    const versions = await count(`delete from message_versions where message_id in (select id from messages where thread_id = ?)`);
    const messages = await count(`delete from messages where thread_id = ?`);
    await this.em.execute(`delete from message_thread_participants where thread_id = ?`, [threadId]);
    await this.em.execute(`delete from message_threads where id = ?`, [threadId]);
    await this.em.execute(`select set_config('cadenza.messaging_purge', 'off', true)`);
    return {
      threadId,
      participantIds: participants.map((p) => asId<UserId>(p.user_id)),
      createdAt: date(thread.created_at),
      lastMessageAt: thread.last_message_at === null ? null : date(thread.last_message_at),
      messages,
      versions,
      receipts,
      flags,
      attachments: files.length,
      attachmentSha256s: files.map((f) => f.sha256),
    };
  }
}
