import { integrationEvent, outgoingEvent } from '@cadenza/shared/integration-events';
import { AuditTrail, Clock, UnitOfWork, type Actor } from '@cadenza/shared/kernel';
import type { MessageId } from '../model/ids.js';
import type { Message } from '../model/message.js';
import { MessageRepository, MessagingDirectory, MessagingEvents, ThreadRepository } from '../ports/index.js';
import { assessThread, loadOwnMessage } from './access.js';
import { guardianMustJoin } from '../model/safeguarding.js';

export interface EditMessageInput {
  messageId: MessageId;
  body: string;
}

/**
 * The author, still in the thread, rewords a message: a new version is appended, the earlier ones kept. Like a post,
 * refused while the safeguarding rule needs a guardian to join the thread first.
 */
export class EditMessage {
  constructor(
    private readonly threads: ThreadRepository,
    private readonly messages: MessageRepository,
    private readonly events: MessagingEvents,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly directory: MessagingDirectory,
  ) {}

  async execute(actor: Actor, input: EditMessageInput): Promise<Message> {
    const { message, thread } = await loadOwnMessage(this.messages, this.threads, actor, input.messageId);
    const { guardianNeededFor } = await assessThread(this.directory, thread);
    if (guardianNeededFor) throw guardianMustJoin(guardianNeededFor, thread.kind === 'direct');
    const now = this.clock.now();
    const version = message.edit(actor.userId, input.body, now);
    if (!version) return message;
    await this.uow.run(async () => {
      await this.messages.addVersion(message.id, version);
      await this.audit.record({
        schoolId: actor.schoolId,
        actorId: actor.userId,
        action: 'messaging.message.edited',
        entityType: 'message',
        entityId: message.id,
        after: { threadId: message.threadId, version: version.version },
      });
      await this.events.publish([
        outgoingEvent(
          actor.schoolId,
          now,
          integrationEvent('message.updated.v1', { actorId: actor.userId, threadId: message.threadId, messageId: message.id, version: version.version, participantIds: [...thread.participantIds] }),
        ),
      ]);
    });
    return message;
  }
}
