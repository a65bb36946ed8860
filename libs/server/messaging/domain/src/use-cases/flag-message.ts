import { integrationEvent, outgoingEvent } from '@cadenza/shared/integration-events';
import { AuditTrail, Clock, MINUTE, RateLimiter, UnitOfWork, rateLimited, type Actor } from '@cadenza/shared/kernel';
import { MessageFlag } from '../model/flag.js';
import type { MessageId } from '../model/ids.js';
import { MAX_REASON_LENGTH, cleanText } from '../model/text.js';
import { FlagRepository, MessageRepository, MessagingEvents, ThreadRepository } from '../ports/index.js';
import { loadOwnMessage } from './access.js';

export interface FlagMessageInput {
  messageId: MessageId;
  reason: string;
}

/**
 * Any participant flags a message with a reason. The flag escalates to the safeguarding lead:
 * `message.flagged` is published, the flag audited, and the thread put under the lead's oversight.
 * Flagging the same message twice returns the first flag.
 */
/** Each flag mails whoever receives the school's flags: a person flags 10 at once, then one a minute. */
export const FLAGS_PER_PERSON = { burst: 10, everyMs: MINUTE } as const;

export class FlagMessage {
  constructor(
    private readonly threads: ThreadRepository,
    private readonly messages: MessageRepository,
    private readonly flags: FlagRepository,
    private readonly events: MessagingEvents,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly limiter: RateLimiter,
  ) {}

  async execute(actor: Actor, input: FlagMessageInput): Promise<MessageFlag> {
    const reason = cleanText(input.reason, 'reason', MAX_REASON_LENGTH);
    const { message, thread } = await loadOwnMessage(this.messages, this.threads, actor, input.messageId);
    const [existing] = await this.flags.list({ messageId: message.id, flaggedBy: actor.userId });
    if (existing) return existing;
    const now = this.clock.now();
    const flag = MessageFlag.create({ schoolId: actor.schoolId, threadId: thread.id, messageId: message.id, messageVersion: message.version, flaggedBy: actor.userId, reason, now });
    const turn = await this.limiter.take([{ key: `messaging.flag.by:${actor.userId}`, ...FLAGS_PER_PERSON }], now);
    if (!turn.granted) throw rateLimited('MESSAGING.TOO_MANY_FLAGS', 'You have flagged several messages just now; wait a moment before the next.', turn.retryAfterMs);
    thread.placeUnderOversight();
    await this.uow.run(async () => {
      await this.flags.add(flag);
      await this.threads.update(thread);
      await this.audit.record({
        schoolId: actor.schoolId,
        actorId: actor.userId,
        action: 'messaging.message.flagged',
        entityType: 'message',
        entityId: message.id,
        after: { flagId: flag.id, threadId: thread.id, messageVersion: flag.messageVersion },
      });
      await this.events.publish([
        outgoingEvent(actor.schoolId, now, integrationEvent('message.flagged.v1', { actorId: actor.userId, threadId: thread.id, flagId: flag.id, messageId: message.id, flaggedBy: actor.userId })),
      ]);
    });
    return flag;
  }
}
