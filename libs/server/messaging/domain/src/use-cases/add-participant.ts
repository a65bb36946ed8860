import { AuditTrail, UnitOfWork, type UserId, type Actor } from '@cadenza/shared/kernel';
import { forbidden, isStaffRoles } from '../model/actor.js';
import type { ThreadId } from '../model/ids.js';
import type { Thread } from '../model/thread.js';
import { MessagingDirectory, ThreadRepository } from '../ports/index.js';
import { loadOwnThread, loadPeople, requireMayInclude, requireMayManage } from './access.js';
import { changeParticipants } from './change-participants.js';

export interface AddParticipantInput {
  threadId: ThreadId;
  userId: UserId;
}

/** Adds someone to a thread (not a private one), re-checking the safeguarding rule on the new set of people. */
export class AddParticipant {
  constructor(
    private readonly threads: ThreadRepository,
    private readonly directory: MessagingDirectory,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
  ) {}

  async execute(actor: Actor, input: AddParticipantInput): Promise<Thread> {
    const thread = await loadOwnThread(this.threads, actor, input.threadId);
    requireMayManage(actor, thread);
    const [newcomer] = await loadPeople(this.directory, [input.userId]);
    const next = thread.withAdded(newcomer.id);
    if (thread.kind === 'staff' && !isStaffRoles(newcomer.roles)) throw forbidden('A staff thread holds staff only.');
    await requireMayInclude(actor, [newcomer], this.directory);
    await changeParticipants({ threads: this.threads, directory: this.directory, audit: this.audit, uow: this.uow }, actor, thread, {
      next,
      apply: () => thread.add(newcomer.id),
      action: 'messaging.thread.participant_added',
      after: (t) => ({ userId: newcomer.id, participantIds: [...t.participantIds], leadOversight: t.leadOversight }),
    });
    return thread;
  }
}
