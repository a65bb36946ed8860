import { AuditTrail, UnitOfWork, type UserId, type Actor } from '@cadenza/shared/kernel';
import type { ThreadId } from '../model/ids.js';
import type { Thread } from '../model/thread.js';
import { MessagingDirectory, ThreadRepository } from '../ports/index.js';
import { enforceSafeguarding, loadOwnThread, loadPeople, requireMayManage } from './access.js';

export interface RemoveParticipantInput {
  threadId: ThreadId;
  userId: UserId;
}

/**
 * Removes someone from a thread (anyone may leave; staff and the creator may remove others).
 * Refused when the people left would break the safeguarding rule, e.g. the last guardian leaving
 * a minor alone with a teacher under `require_guardian`. Their messages stay in the thread.
 */
export class RemoveParticipant {
  constructor(
    private readonly threads: ThreadRepository,
    private readonly directory: MessagingDirectory,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
  ) {}

  async execute(actor: Actor, input: RemoveParticipantInput): Promise<Thread> {
    const thread = await loadOwnThread(this.threads, actor, input.threadId);
    if (input.userId !== actor.userId) requireMayManage(actor, thread);
    const rest = thread.withRemoved(input.userId);
    const { leadOversight } = await enforceSafeguarding(this.directory, await loadPeople(this.directory, rest));
    thread.remove(input.userId);
    if (leadOversight) thread.placeUnderOversight();
    await this.uow.run(async () => {
      await this.threads.update(thread);
      await this.audit.record({
        schoolId: actor.schoolId,
        actorId: actor.userId,
        action: 'messaging.thread.participant_removed',
        entityType: 'thread',
        entityId: thread.id,
        after: { userId: input.userId, participantIds: [...thread.participantIds] },
      });
    });
    return thread;
  }
}
