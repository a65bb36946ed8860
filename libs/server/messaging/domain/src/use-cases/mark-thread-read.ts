import { integrationEvent, outgoingEvent } from '@cadenza/shared/integration-events';
import { Clock, DomainError, UnitOfWork, type Actor } from '@cadenza/shared/kernel';
import type { ThreadId } from '../model/ids.js';
import { MessagingEvents, ReadReceiptRepository, ThreadRepository, type ReadReceipt } from '../ports/index.js';
import { loadOwnThread } from './access.js';

export interface MarkThreadReadInput {
  threadId: ThreadId;
  /** Read up to this message; the latest when absent. */
  upToSeq?: number;
}

/** Records how far the actor has read a thread. A receipt never moves backwards. */
export class MarkThreadRead {
  constructor(
    private readonly threads: ThreadRepository,
    private readonly receipts: ReadReceiptRepository,
    private readonly events: MessagingEvents,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, input: MarkThreadReadInput): Promise<ReadReceipt> {
    const thread = await loadOwnThread(this.threads, actor, input.threadId);
    const upTo = input.upToSeq ?? thread.lastSeq;
    if (!Number.isInteger(upTo) || upTo < 0 || upTo > thread.lastSeq) {
      throw DomainError.invalid('MESSAGING.INVALID_SEQ', 'upToSeq', `Must be a message number from 0 to ${thread.lastSeq}.`);
    }
    const [current] = await this.receipts.ofReader(actor.userId, [thread.id]);
    if (current && current.lastReadSeq >= upTo) return current;
    const now = this.clock.now();
    const receipt: ReadReceipt = { threadId: thread.id, userId: actor.userId, lastReadSeq: upTo, readAt: now };
    await this.uow.run(async () => {
      await this.receipts.save(receipt);
      await this.events.publish([
        outgoingEvent(
          actor.schoolId,
          now,
          integrationEvent('thread.read.v1', { actorId: actor.userId, threadId: thread.id, readerId: actor.userId, lastReadSeq: upTo, participantIds: [...thread.participantIds] }),
        ),
      ]);
    });
    return receipt;
  }
}
