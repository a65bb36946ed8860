import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { currentSchool, schoolRows } from '@cadenza/server/platform/db';
import { asId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { Message, MessageRepository, type MessageId, type MessageVersion, type ThreadId } from '@cadenza/server/messaging/domain';
import { MessageSchema, MessageVersionSchema, type MessageRow } from './entities.js';
import { NO_MAP, date, pgArray, type RawMessage } from './rows.js';
import { MESSAGES_SENT_SINCE, SEARCH_MESSAGES, UNREAD_COUNTS } from './statements.js';

const fromRaw = (r: RawMessage): MessageRow => ({ id: r.id, schoolId: r.school_id, threadId: r.thread_id, authorId: r.author_id, seq: Number(r.seq), sentAt: date(r.sent_at) });

/**
 * Messages and their versions, through the entity schemas; both only ever inserted (the database refuses changes
 * to versions). Unread counts and search are named statements (`statements.ts`).
 */
@Injectable()
export class MikroOrmMessageRepository extends MessageRepository {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async add(message: Message): Promise<void> {
    const { versions, ...row } = message.snapshot();
    await this.em.insert(MessageSchema, row);
    if (versions.length > 0) await this.em.insertMany(MessageVersionSchema, versions.map((v) => ({ messageId: row.id, schoolId: row.schoolId, version: v.version, body: v.body, at: v.at })));
  }

  async addVersion(messageId: MessageId, version: MessageVersion): Promise<void> {
    await this.em.insert(MessageVersionSchema, { messageId, schoolId: currentSchool(this.em), version: version.version, body: version.body, at: version.at });
  }

  async byId(id: MessageId): Promise<Message | null> {
    return (await this.withVersions(await this.em.find(MessageSchema, { id }, NO_MAP)))[0] ?? null;
  }

  async ofThread(threadId: ThreadId, page: { beforeSeq?: number; limit?: number } = {}): Promise<Message[]> {
    const rows = await this.em.find(MessageSchema, page.beforeSeq === undefined ? { threadId } : { threadId, seq: { $lt: page.beforeSeq } }, {
      ...NO_MAP,
      orderBy: { seq: 'desc' },
      limit: page.limit,
    });
    return (await this.withVersions(rows)).reverse();
  }

  async countSentSince(authorId: UserId, since: Date): Promise<number> {
    const [row] = await schoolRows(this.em, MESSAGES_SENT_SINCE, [authorId, since]);
    return Number(row?.n ?? 0);
  }

  async unreadCounts(readerId: UserId, marks: readonly { threadId: ThreadId; afterSeq: number }[]): Promise<Map<ThreadId, number>> {
    const out = new Map<ThreadId, number>(marks.map((m) => [m.threadId, 0]));
    if (marks.length === 0) return out;
    const rows = await schoolRows(this.em, UNREAD_COUNTS, [pgArray(marks.map((m) => m.threadId)), pgArray(marks.map((m) => m.afterSeq)), readerId]);
    for (const row of rows) out.set(asId<ThreadId>(row.thread_id), Number(row.n));
    return out;
  }

  async search(threadIds: readonly ThreadId[], text: string, limit: number): Promise<Message[]> {
    if (threadIds.length === 0) return [];
    const pattern = `%${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;
    const rows = await schoolRows(this.em, SEARCH_MESSAGES, [pgArray(threadIds), pattern, limit]);
    return this.withVersions(rows.map(fromRaw));
  }

  private async withVersions(rows: MessageRow[]): Promise<Message[]> {
    if (rows.length === 0) return [];
    const versions = await this.em.find(MessageVersionSchema, { messageId: { $in: rows.map((r) => r.id) } }, { ...NO_MAP, orderBy: { messageId: 'asc', version: 'asc' } });
    const byMessage = new Map<string, MessageVersion[]>();
    for (const v of versions) byMessage.set(v.messageId, [...(byMessage.get(v.messageId) ?? []), { version: Number(v.version), body: v.body, at: date(v.at) }]);
    return rows.map((r) =>
      Message.restore({
        id: asId<MessageId>(r.id),
        schoolId: asId<SchoolId>(r.schoolId),
        threadId: asId<ThreadId>(r.threadId),
        authorId: asId<UserId>(r.authorId),
        seq: Number(r.seq),
        sentAt: date(r.sentAt),
        versions: byMessage.get(r.id) ?? [],
      }),
    );
  }
}
