import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { schoolRows } from '@cadenza/server/platform/db';
import { asId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { Attachment, AttachmentRepository, type AttachmentId, type MessageId, type ThreadId } from '@cadenza/server/messaging/domain';
import { AttachmentSchema, type AttachmentRow } from './entities.js';
import { NO_MAP, date } from './rows.js';
import { LOCK_ATTACHMENT_BYTES } from './statements.js';

const toAttachment = (r: AttachmentRow) =>
  Attachment.restore({
    id: asId<AttachmentId>(r.id),
    schoolId: asId<SchoolId>(r.schoolId),
    threadId: asId<ThreadId>(r.threadId),
    messageId: r.messageId === null ? null : asId<MessageId>(r.messageId),
    uploadedBy: asId<UserId>(r.uploadedBy),
    uploadedAt: date(r.uploadedAt),
    name: r.name,
    contentType: r.contentType,
    size: Number(r.size),
    sha256: r.sha256,
  });

/** Attachment records through their entity schema, scoped to the school in force. Attaching sets `message_id` once. */
@Injectable()
export class MikroOrmAttachmentRepository extends AttachmentRepository {
  constructor(private readonly em: EntityManager) {
    super();
  }
  async add(attachment: Attachment): Promise<void> {
    await this.em.insert(AttachmentSchema, attachment.snapshot());
  }
  async byId(id: AttachmentId): Promise<Attachment | null> {
    const row = await this.em.findOne(AttachmentSchema, { id }, NO_MAP);
    return row ? toAttachment(row) : null;
  }
  async attach(ids: readonly AttachmentId[], messageId: MessageId): Promise<number> {
    if (ids.length === 0) return 0;
    return this.em.nativeUpdate(AttachmentSchema, { id: { $in: [...ids] }, messageId: null }, { messageId });
  }
  async ofMessages(messageIds: readonly MessageId[]): Promise<Attachment[]> {
    if (messageIds.length === 0) return [];
    return (await this.em.find(AttachmentSchema, { messageId: { $in: [...messageIds] } }, { ...NO_MAP, orderBy: { uploadedAt: 'asc', id: 'asc' } })).map(toAttachment);
  }
  async countBySha256(sha256: string): Promise<number> {
    return this.em.count(AttachmentSchema, { sha256 });
  }
  async countUploadedSince(userId: UserId, since: Date): Promise<number> {
    return this.em.count(AttachmentSchema, { uploadedBy: userId, uploadedAt: { $gte: since } });
  }
  /** A transaction-level advisory lock on (school, bytes), released at commit or rollback. */
  async lockBytes(sha256: string): Promise<void> {
    if (!this.em.isInTransaction()) throw new Error('AttachmentRepository.lockBytes runs inside a unit of work.');
    await schoolRows(this.em, LOCK_ATTACHMENT_BYTES, [sha256]);
  }
}
