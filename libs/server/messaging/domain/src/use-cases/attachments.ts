import { AuditTrail, Clock, DomainError, MINUTE, UnitOfWork, type Actor } from '@cadenza/shared/kernel';
import { Attachment, checkUpload } from '../model/attachment.js';
import type { AttachmentId, ThreadId } from '../model/ids.js';
import { AttachmentRepository, AttachmentStore, MessagingDirectory, MessagingPolicies, ThreadRepository } from '../ports/index.js';
import { loadOwnThread, loadThread, safeguardingLead, threadNotFound } from './access.js';

export interface UploadAttachmentInput {
  threadId: ThreadId;
  /** The name the person's device gave the file; it is sanitised, and never used to find the bytes. */
  name: string;
  /** The content type the client declared; the bytes must bear it out. */
  contentType: string;
  bytes: Uint8Array;
}

/** At most this many uploads per person per rolling 10 minutes. */
export const UPLOAD_LIMIT = { files: 30, windowMs: 10 * MINUTE } as const;

export function attachmentNotFound(): DomainError {
  return DomainError.notFound('MESSAGING.ATTACHMENT_NOT_FOUND', 'The attachment');
}

/**
 * A participant uploads a file into a thread, to attach to their next message. The file must be
 * on the allow-list, within the school's size limit, and its bytes must be what its type says.
 * The bytes are stored by their SHA-256, then the record written and audited.
 */
export class UploadAttachment {
  constructor(
    private readonly threads: ThreadRepository,
    private readonly attachments: AttachmentRepository,
    private readonly store: AttachmentStore,
    private readonly policies: MessagingPolicies,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, input: UploadAttachmentInput): Promise<Attachment> {
    const thread = await loadOwnThread(this.threads, actor, input.threadId);
    const policy = await this.policies.current();
    const contentType = checkUpload(input.contentType, input.bytes, policy.maxAttachmentBytes);
    const now = this.clock.now();
    if ((await this.attachments.countUploadedSince(actor.userId, new Date(now.getTime() - UPLOAD_LIMIT.windowMs))) >= UPLOAD_LIMIT.files) {
      throw new DomainError('MESSAGING.TOO_MANY_UPLOADS', 'rate_limited', `You can upload at most ${UPLOAD_LIMIT.files} files in ${UPLOAD_LIMIT.windowMs / MINUTE} minutes; wait a little and try again.`, {
        retryAfterSeconds: 60,
      });
    }
    // Bytes first: a record never points at bytes that are not there. Bytes without a record
    // (the insert failed) are harmless: nothing can reach them.
    const { sha256 } = await this.store.put(actor.schoolId, input.bytes);
    const attachment = Attachment.create({
      schoolId: actor.schoolId,
      threadId: thread.id,
      uploadedBy: actor.userId,
      name: input.name,
      contentType,
      size: input.bytes.length,
      sha256,
      now,
    });
    await this.uow.run(async () => {
      // The retention sweep may have removed these very bytes (no record pointed at them) between
      // the write above and this lock: writing again under the lock makes sure they are there.
      await this.attachments.lockBytes(sha256);
      await this.store.put(actor.schoolId, input.bytes);
      await this.attachments.add(attachment);
      await this.audit.record({
        schoolId: actor.schoolId,
        actorId: actor.userId,
        action: 'messaging.attachment.uploaded',
        entityType: 'attachment',
        entityId: attachment.id,
        after: { threadId: thread.id, contentType, size: attachment.size, sha256 },
      });
    });
    return attachment;
  }
}

export interface AttachmentDownload {
  attachment: Attachment;
  bytes: Uint8Array;
  /** The safeguarding lead read it from outside the thread (the read was audited). */
  readAsLead: boolean;
}

/**
 * Downloads an attachment of a thread: its participants (an attachment not yet on a message only
 * its uploader), or the safeguarding lead from outside the thread, audited like the lead's reads.
 */
export class DownloadAttachment {
  constructor(
    private readonly threads: ThreadRepository,
    private readonly attachments: AttachmentRepository,
    private readonly store: AttachmentStore,
    private readonly directory: MessagingDirectory,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
  ) {}

  async execute(actor: Actor, input: { threadId: ThreadId; attachmentId: AttachmentId }): Promise<AttachmentDownload> {
    const thread = await loadThread(this.threads, input.threadId);
    const outsider = !thread.includes(actor.userId);
    if (outsider && !(await safeguardingLead(actor, this.directory))) throw threadNotFound();
    const attachment = typeof input.attachmentId === 'string' ? await this.attachments.byId(input.attachmentId) : null;
    if (!attachment || attachment.threadId !== thread.id) throw attachmentNotFound();
    if (attachment.messageId === null && attachment.uploadedBy !== actor.userId) throw attachmentNotFound();
    const bytes = await this.store.get(actor.schoolId, attachment.sha256);
    if (!bytes) throw new DomainError('MESSAGING.ATTACHMENT_GONE', 'gone', 'The file of this attachment is no longer stored.');
    if (outsider) {
      await this.uow.run(() =>
        this.audit.record({
          schoolId: actor.schoolId,
          actorId: actor.userId,
          action: 'messaging.attachment.read_by_lead',
          entityType: 'attachment',
          entityId: attachment.id,
          after: { threadId: thread.id, messageId: attachment.messageId },
        }),
      );
    }
    return { attachment, bytes, readAsLead: outsider };
  }
}
