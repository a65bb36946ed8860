import type { Thread } from '../model/thread.js';
import { MessageRepository, MessagingDirectory, ReadReceiptRepository, ThreadRepository } from '../ports/index.js';
import { requireLead } from './access.js';
import type { Actor } from '@cadenza/shared/kernel';

export interface ThreadSummary {
  thread: Thread;
  unreadCount: number;
  lastReadSeq: number;
}

export interface ListMyThreadsInput {
  /** The safeguarding lead only: the threads under their oversight instead of their own. */
  overseen?: boolean;
}

/** The actor's threads, latest activity first, each with how many messages from others they have not read. */
export class ListMyThreads {
  constructor(
    private readonly threads: ThreadRepository,
    private readonly messages: MessageRepository,
    private readonly receipts: ReadReceiptRepository,
    private readonly directory: MessagingDirectory,
  ) {}

  async execute(actor: Actor, input: ListMyThreadsInput = {}): Promise<ThreadSummary[]> {
    let threads: Thread[];
    if (input.overseen) {
      await requireLead(actor, this.directory);
      threads = await this.threads.underOversight();
    } else {
      threads = await this.threads.ofParticipant(actor.userId);
    }
    if (threads.length === 0) return [];
    const receipts = new Map((await this.receipts.ofReader(actor.userId, threads.map((t) => t.id))).map((r) => [r.threadId, r.lastReadSeq]));
    const marks = threads.map((t) => ({ threadId: t.id, afterSeq: receipts.get(t.id) ?? 0 }));
    const counts = await this.messages.unreadCounts(actor.userId, marks);
    return threads.map((thread) => ({ thread, unreadCount: counts.get(thread.id) ?? 0, lastReadSeq: receipts.get(thread.id) ?? 0 }));
  }
}
