import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { currentSchool } from '@cadenza/server/platform/db';
import { asId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { Attachment, AttachmentRepository, type AttachmentId, type MessageId, type ThreadId } from '@cadenza/server/messaging/domain';
import { date, pgArray, type RawAttachment } from './rows.js';

const toAttachment = (r: RawAttachment) =>
  Attachment.restore({
    id: asId<AttachmentId>(r.id),
    schoolId: asId<SchoolId>(r.school_id),
    threadId: asId<ThreadId>(r.thread_id),
    messageId: r.message_id === null ? null : asId<MessageId>(r.message_id),
    uploadedBy: asId<UserId>(r.uploaded_by),
    uploadedAt: date(r.uploaded_at),
    name: r.name,
    contentType: r.content_type,
    size: Number(r.size),
    sha256: r.sha256,
  });

/** Attachment records in plain SQL, scoped to the school in force. Attaching sets `message_id` once. */
@Injectable()
export class MikroOrmAttachmentRepository extends AttachmentRepository {
  constructor(private readonly em: EntityManager) {
    super();
  }
  async add(attachment: Attachment): Promise<void> {
    const s = attachment.snapshot();
    await this.em.execute(
      `insert into message_attachments (id, school_id, thread_id, message_id, uploaded_by, uploaded_at, name, content_type, size, sha256) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [s.id, s.schoolId, s.threadId, s.messageId, s.uploadedBy, s.uploadedAt, s.name, s.contentType, s.size, s.sha256],
    );
  }
  async byId(id: AttachmentId): Promise<Attachment | null> {
    const rows = await this.em.execute<RawAttachment[]>(`select * from message_attachments where id = ? and school_id = ?`, [id, currentSchool(this.em)]);
    return rows[0] ? toAttachment(rows[0]) : null;
  }
  async attach(ids: readonly AttachmentId[], messageId: MessageId): Promise<number> {
    if (ids.length === 0) return 0;
    const rows = await this.em.execute<{ id: string }[]>(
      `update message_attachments set message_id = ? where id = any(?::uuid[]) and school_id = ? and message_id is null returning id`,
      [messageId, pgArray(ids), currentSchool(this.em)],
    );
    return rows.length;
  }
  async ofMessages(messageIds: readonly MessageId[]): Promise<Attachment[]> {
    if (messageIds.length === 0) return [];
    const rows = await this.em.execute<RawAttachment[]>(
      `select * from message_attachments where message_id = any(?::uuid[]) and school_id = ? order by uploaded_at, id`,
      [pgArray(messageIds), currentSchool(this.em)],
    );
    return rows.map(toAttachment);
  }
  async countBySha256(sha256: string): Promise<number> {
    const [row] = await this.em.execute<{ n: string }[]>(`select count(*)::text as n from message_attachments where school_id = ? and sha256 = ?`, [currentSchool(this.em), sha256]);
    return Number(row?.n ?? 0);
  }
  async countUploadedSince(userId: UserId, since: Date): Promise<number> {
    const [row] = await this.em.execute<{ n: string }[]>(`select count(*)::text as n from message_attachments where school_id = ? and uploaded_by = ? and uploaded_at >= ?`, [
      currentSchool(this.em),
      userId,
      since,
    ]);
    return Number(row?.n ?? 0);
  }
  /** A transaction-level advisory lock on (school, bytes), released at commit or rollback. */
  async lockBytes(sha256: string): Promise<void> {
    if (!this.em.isInTransaction()) throw new Error('AttachmentRepository.lockBytes runs inside a unit of work.');
    await this.em.execute(`select pg_advisory_xact_lock(hashtextextended(? || ':' || ?, 0))`, [currentSchool(this.em), sha256]);
  }
}
