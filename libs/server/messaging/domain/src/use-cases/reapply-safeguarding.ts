import { integrationEvent, outgoingEvent } from '@cadenza/shared/integration-events';
import { AuditTrail, Clock, UnitOfWork, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import type { ThreadId } from '../model/ids.js';
import { countsAsMinor, type SafeguardingPolicy } from '../model/safeguarding.js';
import { MessagingDirectory, MessagingEvents, ThreadRepository, ThreadRetention } from '../ports/index.js';
import { assessThread } from './access.js';

/** What applying the rule again changed in one thread. */
export interface SafeguardingChange {
  threadId: ThreadId;
  change: 'guardian_required' | 'lead_oversight';
  minorId: UserId;
}

/** Who or what made the rule apply again: the person whose act caused it, in which school. */
export interface ReapplyCause {
  schoolId: SchoolId;
  actorId: UserId;
}

/**
 * Applies the school's safeguarding rule again to threads that already exist, when whether someone counts as a
 * minor may have changed (their date of birth was recorded or changed) or the school changed its mode. By the
 * policy in force, each thread that now leaves a minor with an adult who is not their guardian either needs a
 * guardian to join before anyone posts again (`require_guardian`: posting is refused meanwhile, see
 * `requireSafeguardedThread`) or goes under the lead's oversight (`visible_to_lead`). Each change is audited and
 * published (`thread.safeguarding_changed.v1`), which tells whoever receives the school's flags.
 * Runs in the caller's unit of work when there is one; each thread is read under its row lock.
 */
export class ReapplySafeguarding {
  constructor(
    private readonly threads: ThreadRepository,
    private readonly retention: ThreadRetention,
    private readonly directory: MessagingDirectory,
    private readonly events: MessagingEvents,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  /** These people's age as the school records it changed: every thread any of them is in. */
  forPeople(cause: ReapplyCause, userIds: readonly UserId[]): Promise<SafeguardingChange[]> {
    return this.uow.run(async () => this.apply(cause, await this.retention.threadsWithAnyOf(userIds), await this.directory.schoolPolicy()));
  }

  /** The school's mode changed (to `policy`): every thread with someone who counts as a minor. */
  forSchool(cause: ReapplyCause, policy: SafeguardingPolicy): Promise<SafeguardingChange[]> {
    return this.uow.run(async () => {
      const minors = (await this.directory.everyone()).filter(countsAsMinor).map((p) => p.id);
      return this.apply(cause, minors.length === 0 ? [] : await this.retention.threadsWithAnyOf(minors), policy);
    });
  }

  private async apply(cause: ReapplyCause, threadIds: readonly ThreadId[], policy: SafeguardingPolicy): Promise<SafeguardingChange[]> {
    const now = this.clock.now();
    const changes: SafeguardingChange[] = [];
    for (const id of threadIds) {
      const thread = await this.threads.byId(id);
      if (!thread) continue;
      const { guardianNeededFor, overseenFor } = await assessThread(this.directory, thread, policy);
      let change: SafeguardingChange | null = null;
      if (guardianNeededFor) {
        change = { threadId: thread.id, change: 'guardian_required', minorId: guardianNeededFor.id };
      } else if (overseenFor && !thread.leadOversight) {
        thread.placeUnderOversight();
        await this.threads.update(thread);
        change = { threadId: thread.id, change: 'lead_oversight', minorId: overseenFor.id };
      }
      if (!change) continue;
      changes.push(change);
      await this.audit.record({
        schoolId: cause.schoolId,
        actorId: cause.actorId,
        action: change.change === 'guardian_required' ? 'messaging.thread.guardian_required' : 'messaging.thread.placed_under_oversight',
        entityType: 'thread',
        entityId: thread.id,
        after: { minorId: change.minorId, participantIds: [...thread.participantIds], minorThreads: policy.minorThreads },
      });
      await this.events.publish([
        outgoingEvent(cause.schoolId, now, integrationEvent('thread.safeguarding_changed.v1', { actorId: cause.actorId, threadId: thread.id, change: change.change, minorId: change.minorId })),
      ]);
    }
    return changes;
  }
}
