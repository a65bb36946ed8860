import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { currentSchool } from '@cadenza/server/platform/db';
import { asId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { Message, MessageRepository, type MessageId, type MessageVersion, type ThreadId } from '@cadenza/server/messaging/domain';
import { date, pgArray, type RawMessage, type RawVersion } from './rows.js';

/** Messages and their versions; both only ever inserted (the database refuses changes to versions). */
@Injectable()
export class MikroOrmMessageRepository extends MessageRepository {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async add(message: Message): Promise<void> {
    const s = message.snapshot();
    await this.em.execute(`insert into messages (id, school_id, thread_id, author_id, seq, sent_at) values (?, ?, ?, ?, ?, ?)`, [s.id, s.schoolId, s.threadId, s.authorId, s.seq, s.sentAt]);
    for (const version of s.versions) await this.insertVersion(s.id, s.schoolId, version);
  }

  async addVersion(messageId: MessageId, version: MessageVersion): Promise<void> {
    await this.insertVersion(messageId, currentSchool(this.em), version);
  }

  private async insertVersion(messageId: string, schoolId: string, version: MessageVersion): Promise<void> {
    await this.em.execute(`insert into message_versions (message_id, version, school_id, body, at) values (?, ?, ?, ?, ?)`, [messageId, version.version, schoolId, version.body, version.at]);
  }

  async byId(id: MessageId): Promise<Message | null> {
    const rows = await this.em.execute<RawMessage[]>(`select * from messages where id = ? and school_id = ?`, [id, currentSchool(this.em)]);
    return (await this.withVersions(rows))[0] ?? null;
  }

  async ofThread(threadId: ThreadId, page: { beforeSeq?: number; limit?: number } = {}): Promise<Message[]> {
    const params: unknown[] = [threadId, currentSchool(this.em)];
    let sql = `select * from messages where thread_id = ? and school_id = ?`;
    if (page.beforeSeq !== undefined) {
      sql += ' and seq < ?';
      params.push(page.beforeSeq);
    }
    sql += ' order by seq desc';
    if (page.limit !== undefined) {
      sql += ' limit ?';
      params.push(page.limit);
    }
    const rows = await this.em.execute<RawMessage[]>(sql, params);
    return (await this.withVersions(rows)).reverse();
  }

  async countSentSince(authorId: UserId, since: Date): Promise<number> {
    const [row] = await this.em.execute<{ n: string }[]>(`select count(*)::text as n from messages where school_id = ? and author_id = ? and sent_at >= ?`, [
      currentSchool(this.em),
      authorId,
      since,
    ]);
    return Number(row?.n ?? 0);
  }

  async unreadCounts(readerId: UserId, marks: readonly { threadId: ThreadId; afterSeq: number }[]): Promise<Map<ThreadId, number>> {
    const out = new Map<ThreadId, number>(marks.map((m) => [m.threadId, 0]));
    if (marks.length === 0) return out;
    const rows = await this.em.execute<{ thread_id: string; n: string }[]>(
      `select m.thread_id, count(*)::text as n
         from unnest(?::uuid[], ?::int[]) as k(thread_id, after_seq)
         join messages m on m.thread_id = k.thread_id and m.seq > k.after_seq
        where m.school_id = ? and m.author_id <> ?
        group by m.thread_id`,
      [pgArray(marks.map((m) => m.threadId)), pgArray(marks.map((m) => m.afterSeq)), currentSchool(this.em), readerId],
    );
    for (const row of rows) out.set(asId<ThreadId>(row.thread_id), Number(row.n));
    return out;
  }

  async search(threadIds: readonly ThreadId[], text: string, limit: number): Promise<Message[]> {
    if (threadIds.length === 0) return [];
    const pattern = `%${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;
    const rows = await this.em.execute<RawMessage[]>(
      `select m.* from messages m
         join lateral (select v.body from message_versions v where v.message_id = m.id order by v.version desc limit 1) cur on true
        where m.school_id = ? and m.thread_id = any(?::uuid[]) and cur.body ilike ? escape '!'
        order by m.sent_at desc, m.seq desc
        limit ?`,
      [currentSchool(this.em), pgArray(threadIds), pattern, limit],
    );
    return this.withVersions(rows);
  }

  private async withVersions(rows: RawMessage[]): Promise<Message[]> {
    if (rows.length === 0) return [];
    const versions = await this.em.execute<RawVersion[]>(
      `select message_id, version, body, at from message_versions where message_id = any(?::uuid[]) and school_id = ? order by message_id, version`,
      [pgArray(rows.map((r) => r.id)), currentSchool(this.em)],
    );
    const byMessage = new Map<string, MessageVersion[]>();
    for (const v of versions) byMessage.set(v.message_id, [...(byMessage.get(v.message_id) ?? []), { version: Number(v.version), body: v.body, at: date(v.at) }]);
    return rows.map((r) =>
      Message.restore({
        id: asId<MessageId>(r.id),
        schoolId: asId<SchoolId>(r.school_id),
        threadId: asId<ThreadId>(r.thread_id),
        authorId: asId<UserId>(r.author_id),
        seq: Number(r.seq),
        sentAt: date(r.sent_at),
        versions: byMessage.get(r.id) ?? [],
      }),
    );
  }
}
