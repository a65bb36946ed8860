import type { Actor, AuditTrail, UnitOfWork, UserId } from '@cadenza/shared/kernel';
import type { Thread } from '../model/thread.js';
import type { MessagingDirectory, ThreadRepository } from '../ports/index.js';
import { enforceSafeguarding, loadPeople } from './access.js';

export interface ParticipantChange {
  /** The people the thread would hold once changed. */
  readonly next: readonly UserId[];
  /** Makes the change on the thread. */
  apply(): void;
  readonly action: string;
  /** What the audit event records, read from the changed thread. */
  after(thread: Thread): unknown;
}

/**
 * Changes who is in a thread: the safeguarding rule is checked on the people it would hold
 * (refused with nothing changed), the thread goes under the lead's oversight when the rule asks,
 * and it is saved with its audit event in one unit of work.
 */
export async function changeParticipants(
  ports: { threads: ThreadRepository; directory: MessagingDirectory; audit: AuditTrail; uow: UnitOfWork },
  actor: Actor,
  thread: Thread,
  change: ParticipantChange,
): Promise<void> {
  const { leadOversight } = await enforceSafeguarding(ports.directory, await loadPeople(ports.directory, change.next));
  change.apply();
  if (leadOversight) thread.placeUnderOversight();
  await ports.uow.run(async () => {
    await ports.threads.update(thread);
    await ports.audit.record({
      schoolId: actor.schoolId,
      actorId: actor.userId,
      action: change.action,
      entityType: 'thread',
      entityId: thread.id,
      after: change.after(thread),
    });
  });
}
