import { AuditTrail, Clock, DomainError, UnitOfWork, type Actor } from '@cadenza/shared/kernel';
import type { MessageFlag } from '../model/flag.js';
import type { FlagId } from '../model/ids.js';
import { FlagRepository, MessagingDirectory } from '../ports/index.js';
import { requireLead } from './access.js';

export interface ReviewFlagInput {
  flagId: FlagId;
  outcome: string;
  note: string;
}

const flagNotFound = () => DomainError.notFound('MESSAGING.FLAG_NOT_FOUND', 'The flag');
const alreadyReviewed = () => new DomainError('MESSAGING.FLAG_ALREADY_REVIEWED', 'conflict', 'This flag has been reviewed already.');

/**
 * The safeguarding lead reviews an open flag: it moves from open to reviewed with an outcome (`no_concern`,
 * `action_taken`, `referred`) and a note, audited (`messaging.flag.reviewed`) in the same transaction. Only the lead
 * may (403 to anyone else, admins included); a flag of another school is not found; a flag already reviewed is a
 * conflict (409), also when two reviews race (the store writes the review only over an open flag).
 */
export class ReviewFlag {
  constructor(
    private readonly flags: FlagRepository,
    private readonly directory: MessagingDirectory,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, input: ReviewFlagInput): Promise<MessageFlag> {
    await requireLead(actor, this.directory);
    const flag = typeof input.flagId === 'string' && input.flagId.length > 0 ? await this.flags.byId(input.flagId) : null;
    if (!flag) throw flagNotFound();
    const now = this.clock.now();
    flag.reviewWith({ outcome: input.outcome, note: input.note, by: actor.userId, now });
    const review = flag.review;
    await this.uow.run(async () => {
      if (!(await this.flags.saveReview(flag))) throw alreadyReviewed();
      await this.audit.record({
        schoolId: actor.schoolId,
        actorId: actor.userId,
        action: 'messaging.flag.reviewed',
        entityType: 'message_flag',
        entityId: flag.id,
        before: { status: 'open' },
        after: { status: 'reviewed', outcome: review?.outcome, note: review?.note, threadId: flag.threadId, messageId: flag.messageId },
      });
    });
    return flag;
  }
}
