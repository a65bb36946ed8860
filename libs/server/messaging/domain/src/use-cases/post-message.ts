import { integrationEvent, outgoingEvent } from '@cadenza/shared/integration-events';
import { AuditTrail, Clock, DomainError, MINUTE, UnitOfWork, type Actor } from '@cadenza/shared/kernel';
import { MAX_ATTACHMENTS_PER_MESSAGE } from '../model/attachment.js';
import type { AttachmentId, ThreadId } from '../model/ids.js';
import { Message } from '../model/message.js';
import { cleanBody } from '../model/text.js';
import { AttachmentRepository, MessagePosts, MessageRepository, MessagingDirectory, ThreadRepository, type MessagingEvent } from '../ports/index.js';
import { loadOwnThread, requireSafeguardedThread } from './access.js';

/** At most this many messages per person per rolling minute. */
export const SEND_LIMIT = { messages: 20, windowMs: MINUTE } as const;

export interface PostMessageInput {
  threadId: ThreadId;
  body: string;
  /** Files the author uploaded into this thread and has not attached yet. */
  attachmentIds?: readonly AttachmentId[];
}

function unavailable(index: number): DomainError {
  return DomainError.invalid('MESSAGING.ATTACHMENT_UNAVAILABLE', `attachmentIds.${index}`, 'Attach only files you uploaded to this thread and have not attached to another message.');
}

/**
 * Posts a message to a thread the actor is in; it counts as read by its author. Reading the thread
 * locks it until the unit ends (two posts take their `seq` one after the other), so only what needs
 * the `seq` comes after that read, and the post's writes go to `MessagePosts` together. Before that, the
 * safeguarding rule is applied to the thread's people as they are now (`requireSafeguardedThread`), outside the
 * lock: refused until a guardian joins, or the thread goes under the lead's oversight and the lead is told.
 */
export class PostMessage {
  constructor(
    private readonly threads: ThreadRepository,
    private readonly messages: MessageRepository,
    private readonly posts: MessagePosts,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly attachments: AttachmentRepository,
    private readonly directory: MessagingDirectory,
  ) {}

  async execute(actor: Actor, input: PostMessageInput): Promise<Message> {
    const body = cleanBody(input.body);
    const attachmentIds = [...(input.attachmentIds ?? [])];
    if (attachmentIds.length > MAX_ATTACHMENTS_PER_MESSAGE) {
      throw DomainError.invalid('MESSAGING.TOO_MANY_ATTACHMENTS', 'attachmentIds', `A message can carry at most ${MAX_ATTACHMENTS_PER_MESSAGE} files.`);
    }
    attachmentIds.forEach((id, index) => {
      if (attachmentIds.indexOf(id) !== index) throw DomainError.invalid('MESSAGING.DUPLICATE_ATTACHMENT', `attachmentIds.${index}`, 'This file is already in the list.');
    });
    const now = this.clock.now();
    const overseenFor = await requireSafeguardedThread(this.directory, await loadOwnThread(this.threads, actor, input.threadId));
    return this.uow.run(async () => {
      // Counted before the thread's lock is taken: the limit is per person, across threads, and needs no lock.
      const recent = await this.messages.countSentSince(actor.userId, new Date(now.getTime() - SEND_LIMIT.windowMs));
      const thread = await loadOwnThread(this.threads, actor, input.threadId);
      if (recent >= SEND_LIMIT.messages) {
        throw new DomainError('MESSAGING.TOO_MANY_MESSAGES', 'rate_limited', `You can send at most ${SEND_LIMIT.messages} messages a minute; wait a moment and try again.`, {
          retryAfterSeconds: 60,
        });
      }
      const events: MessagingEvent[] = [];
      if (overseenFor && !thread.leadOversight) {
        thread.placeUnderOversight();
        await this.threads.update(thread);
        events.push(outgoingEvent(actor.schoolId, now, integrationEvent('thread.safeguarding_changed.v1', { actorId: actor.userId, threadId: thread.id, change: 'lead_oversight', minorId: overseenFor.id })));
      }
      const seq = thread.nextSeq(now);
      const message = Message.create({ schoolId: actor.schoolId, threadId: thread.id, authorId: actor.userId, seq, body, now });
      for (const [index, id] of attachmentIds.entries()) {
        const attachment = await this.attachments.byId(id);
        if (!attachment || attachment.threadId !== thread.id || attachment.uploadedBy !== actor.userId || attachment.messageId !== null) throw unavailable(index);
      }
      await this.audit.record({
        schoolId: actor.schoolId,
        actorId: actor.userId,
        action: 'messaging.message.posted',
        entityType: 'message',
        entityId: message.id,
        after: { threadId: thread.id, seq, attachmentIds },
      });
      await this.posts.record({
        message,
        thread,
        receipt: { threadId: thread.id, userId: actor.userId, lastReadSeq: seq, readAt: now },
        events: [
          ...events,
          outgoingEvent(actor.schoolId, now, integrationEvent('message.created.v1', { actorId: actor.userId, threadId: thread.id, messageId: message.id, seq, participantIds: [...thread.participantIds] })),
        ],
      });
      // After the message is written (an attachment points at it); a file taken meanwhile undoes the whole post.
      if (attachmentIds.length > 0 && (await this.attachments.attach(attachmentIds, message.id)) !== attachmentIds.length) {
        throw new DomainError('MESSAGING.ATTACHMENT_TAKEN', 'conflict', 'One of these files was just attached to another message.');
      }
      return message;
    });
  }
}
