import { DomainError, type UserId, type Actor } from '@cadenza/shared/kernel';
import type { MessageId, ThreadId } from '../model/ids.js';
import { cleanText } from '../model/text.js';
import { MessageRepository, ThreadRepository } from '../ports/index.js';

export interface SearchMyMessagesInput {
  text: string;
  limit?: number;
}

export interface MessageHit {
  threadId: ThreadId;
  messageId: MessageId;
  seq: number;
  authorId: UserId;
  body: string;
  sentAt: Date;
}

/**
 * Searches the current wording of messages in the threads the actor is in now: never other
 * people's threads (the lead included: their reach is `ReadThread`, audited) and never old versions.
 */
export class SearchMyMessages {
  constructor(
    private readonly threads: ThreadRepository,
    private readonly messages: MessageRepository,
  ) {}

  async execute(actor: Actor, input: SearchMyMessagesInput): Promise<MessageHit[]> {
    const text = cleanText(input.text, 'text', 100);
    if ([...text].length < 2) throw DomainError.invalid('MESSAGING.SEARCH_TOO_SHORT', 'text', 'Enter at least 2 characters.');
    const limit = input.limit ?? 50;
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw DomainError.invalid('MESSAGING.INVALID_LIMIT', 'limit', 'Must be a whole number from 1 to 200.');
    const mine = await this.threads.ofParticipant(actor.userId);
    if (mine.length === 0) return [];
    const found = await this.messages.search(mine.map((t) => t.id), text, limit);
    return found.map((m) => ({ threadId: m.threadId, messageId: m.id, seq: m.seq, authorId: m.authorId, body: m.body, sentAt: m.sentAt }));
  }
}
