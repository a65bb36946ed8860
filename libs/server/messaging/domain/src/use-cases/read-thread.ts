import { AuditTrail, DomainError, UnitOfWork, type UserId, type Actor } from '@cadenza/shared/kernel';
import type { AttachmentSummary } from '../model/attachment.js';
import type { MessageId, ThreadId } from '../model/ids.js';
import type { MessageVersion } from '../model/message.js';
import type { Thread } from '../model/thread.js';
import { AttachmentRepository, MessageRepository, MessagingDirectory, ReadReceiptRepository, ThreadRepository, type ReadReceipt } from '../ports/index.js';
import { loadThread, safeguardingLead, threadNotFound } from './access.js';

export interface ReadThreadInput {
  threadId: ThreadId;
  /** Only messages before this one (for paging back). */
  beforeSeq?: number;
  /** How many of the latest messages; 50 when absent, at most 200. */
  limit?: number;
}

export interface MessageView {
  id: MessageId;
  seq: number;
  authorId: UserId;
  body: string;
  sentAt: Date;
  version: number;
  editedAt: Date | null;
  attachments: AttachmentSummary[];
  /** Earlier wordings, oldest first (empty when never edited). */
  previousVersions: MessageVersion[];
}

export interface ThreadView {
  thread: Thread;
  messages: MessageView[];
  receipts: ReadReceipt[];
  /** True when the safeguarding lead read a thread they are not in (the read was audited). */
  readAsLead: boolean;
}

/**
 * Reads a thread: its participants, or the safeguarding lead, who may open any thread. Every read
 * by the lead from outside the thread is audited as `messaging.thread.read_by_lead`.
 * Reading does not move the reader's receipt; `MarkThreadRead` does.
 */
export class ReadThread {
  constructor(
    private readonly threads: ThreadRepository,
    private readonly messages: MessageRepository,
    private readonly receipts: ReadReceiptRepository,
    private readonly directory: MessagingDirectory,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly attachments: AttachmentRepository,
  ) {}

  async execute(actor: Actor, input: ReadThreadInput): Promise<ThreadView> {
    const limit = input.limit ?? 50;
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw DomainError.invalid('MESSAGING.INVALID_LIMIT', 'limit', 'Must be a whole number from 1 to 200.');
    if (input.beforeSeq !== undefined && (!Number.isInteger(input.beforeSeq) || input.beforeSeq < 1)) {
      throw DomainError.invalid('MESSAGING.INVALID_SEQ', 'beforeSeq', 'Must be a message number from 1.');
    }
    const thread = await loadThread(this.threads, input.threadId);
    const outsider = !thread.includes(actor.userId);
    if (outsider) {
      if (!(await safeguardingLead(actor, this.directory))) throw threadNotFound();
      await this.uow.run(() =>
        this.audit.record({
          schoolId: actor.schoolId,
          actorId: actor.userId,
          action: 'messaging.thread.read_by_lead',
          entityType: 'thread',
          entityId: thread.id,
          after: { beforeSeq: input.beforeSeq ?? null, limit },
        }),
      );
    }
    const messages = await this.messages.ofThread(thread.id, { beforeSeq: input.beforeSeq, limit });
    const files = await this.attachments.ofMessages(messages.map((m) => m.id));
    const filesOf = (id: MessageId) => files.filter((a) => a.messageId === id).map((a) => a.summary());
    return {
      thread,
      messages: messages.map((m) => ({ id: m.id, seq: m.seq, authorId: m.authorId, body: m.body, sentAt: m.sentAt, version: m.version, editedAt: m.editedAt, attachments: filesOf(m.id), previousVersions: m.versions.slice(0, -1) })),
      receipts: await this.receipts.ofThread(thread.id),
      readAsLead: outsider,
    };
  }
}
