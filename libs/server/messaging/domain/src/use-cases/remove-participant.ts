import { AuditTrail, UnitOfWork, type UserId, type Actor } from '@cadenza/shared/kernel';
import type { ThreadId } from '../model/ids.js';
import type { Thread } from '../model/thread.js';
import { MessagingDirectory, ThreadRepository } from '../ports/index.js';
import { loadOwnThread, requireMayManage } from './access.js';
import { changeParticipants } from './change-participants.js';

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
    await changeParticipants({ threads: this.threads, directory: this.directory, audit: this.audit, uow: this.uow }, actor, thread, {
      next: thread.withRemoved(input.userId),
      apply: () => thread.remove(input.userId),
      action: 'messaging.thread.participant_removed',
      after: (t) => ({ userId: input.userId, participantIds: [...t.participantIds] }),
    });
    return thread;
  }
}
