import { AuditTrail, Clock, DAY, UnitOfWork, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import type { ThreadId } from '../model/ids.js';
import { AttachmentRepository, AttachmentStore, MessagingDirectory, MessagingPolicies, ThreadRepository, ThreadRetention } from '../ports/index.js';

export interface RetentionOutcome {
  /** The threads removed. */
  purged: ThreadId[];
  /** Attachment bytes removed (no remaining record pointed at them). */
  filesRemoved: number;
}

/**
 * The school's retention policy, applied once (a daily sweep runs it for every school, with that
 * school in force): a thread whose every student participant left the school more than
 * `retentionDays` ago is removed with its messages, versions, receipts, flags and attachments,
 * and an audit record keeps what was removed (ids, dates, counts; never what was said).
 * Threads without students, and threads with any student still at the school (or who left
 * more recently), are kept. Safe to run on several instances at once: each thread is removed
 * under its row lock, and one already gone is skipped without a second audit record.
 */
export class ApplyRetention {
  constructor(
    private readonly threads: ThreadRepository,
    private readonly retention: ThreadRetention,
    private readonly attachments: AttachmentRepository,
    private readonly store: AttachmentStore,
    private readonly directory: MessagingDirectory,
    private readonly policies: MessagingPolicies,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(schoolId: SchoolId): Promise<RetentionOutcome> {
    const now = this.clock.now();
    const policy = await this.policies.current();
    const students = await this.directory.studentsWithLeavingDates();
    const leftOn = new Map<UserId, string>();
    const gone = new Set<UserId>();
    for (const s of students) {
      if (s.leftSchoolOn === null) continue;
      leftOn.set(s.id, s.leftSchoolOn);
      if (Date.parse(`${s.leftSchoolOn}T00:00:00Z`) + policy.retentionDays * DAY < now.getTime()) gone.add(s.id);
    }
    const studentIds = new Set(students.map((s) => s.id));
    const outcome: RetentionOutcome = { purged: [], filesRemoved: 0 };
    if (gone.size === 0) return outcome;
    for (const threadId of await this.retention.threadsWithAnyOf([...gone])) {
      const sha256s = await this.uow.run(async () => {
        const thread = await this.threads.byId(threadId); // locks the row: a second sweep waits here, then finds it gone
        if (!thread) return null;
        const own = thread.participantIds.filter((id) => studentIds.has(id));
        if (own.length === 0 || !own.every((id) => gone.has(id))) return null;
        const purged = await this.retention.purge(thread.id);
        if (!purged) return null;
        const { attachmentSha256s, ...counts } = purged;
        await this.audit.record({
          schoolId,
          actorId: null,
          action: 'messaging.thread.purged_by_retention',
          entityType: 'thread',
          entityId: thread.id,
          before: {
            ...counts,
            createdAt: counts.createdAt.toISOString(),
            lastMessageAt: counts.lastMessageAt?.toISOString() ?? null,
            studentsLeftSchoolOn: Object.fromEntries(own.map((id) => [id, leftOn.get(id) ?? null])),
          },
          after: { retentionDays: policy.retentionDays, purgedAt: now.toISOString() },
        });
        return attachmentSha256s;
      });
      if (sha256s === null) continue;
      outcome.purged.push(threadId);
      for (const sha256 of new Set(sha256s)) {
        // Under the bytes' lock, so an upload of the same bytes either comes first (and is counted)
        // or comes after (and writes them again).
        const removed = await this.uow.run(async () => {
          await this.attachments.lockBytes(sha256);
          if ((await this.attachments.countBySha256(sha256)) > 0) return false;
          await this.store.remove(schoolId, sha256);
          return true;
        });
        if (removed) outcome.filesRemoved++;
      }
    }
    return outcome;
  }
}
