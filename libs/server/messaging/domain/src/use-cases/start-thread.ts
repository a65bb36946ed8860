import { AuditTrail, Clock, UnitOfWork, type UserId, type Actor } from '@cadenza/shared/kernel';
import { forbidden, isStaffRoles } from '../model/actor.js';
import { Thread, type ThreadKind } from '../model/thread.js';
import { MessagingDirectory, ThreadRepository } from '../ports/index.js';
import { enforceSafeguarding, loadPeople, requireMayInclude } from './access.js';

export interface StartThreadInput {
  kind: ThreadKind;
  /** The other people; the actor is always in the thread. */
  participantIds: UserId[];
  subject?: string | null;
}

/**
 * Starts a thread. Staff may start any kind; families only with staff and their own family;
 * `staff` threads hold staff only. The safeguarding rule applies to the whole set of people.
 * Two people have one private thread: starting a `direct` thread again, from either side,
 * gives back the one they have (once the same checks pass), rather than a second.
 */
export class StartThread {
  constructor(
    private readonly threads: ThreadRepository,
    private readonly directory: MessagingDirectory,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, input: StartThreadInput): Promise<Thread> {
    const thread = Thread.create({
      schoolId: actor.schoolId,
      kind: input.kind,
      subject: input.subject,
      createdBy: actor.userId,
      participantIds: Array.isArray(input.participantIds) ? input.participantIds : [],
      now: this.clock.now(),
    });
    const others = await loadPeople(this.directory, thread.participantIds.filter((id) => id !== actor.userId));
    const me = await loadPeople(this.directory, [actor.userId]);
    if (thread.kind === 'staff' && ![actor, ...others].every((p) => isStaffRoles(p.roles))) throw forbidden('A staff thread holds staff only.');
    await requireMayInclude(actor, others, this.directory);
    const { leadOversight } = await enforceSafeguarding(this.directory, [...me, ...others]);
    if (thread.kind === 'direct') {
      const [a, b] = thread.participantIds;
      const existing = await this.threads.directBetween(a, b);
      if (existing) return existing;
    }
    if (leadOversight) thread.placeUnderOversight();
    await this.uow.run(async () => {
      await this.threads.add(thread);
      await this.audit.record({
        schoolId: actor.schoolId,
        actorId: actor.userId,
        action: 'messaging.thread.started',
        entityType: 'thread',
        entityId: thread.id,
        after: { kind: thread.kind, participantIds: [...thread.participantIds], leadOversight: thread.leadOversight },
      });
    });
    return thread;
  }
}
