import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { outboxRow, schoolWrite } from '@cadenza/server/platform/db';
import { MessagePosts, type MessagePost } from '@cadenza/server/messaging/domain';
import { json } from './rows.js';
import { POST_MESSAGE } from './statements.js';

/**
 * A post's writes as one statement (`POST_MESSAGE`) in the unit of work's transaction: the thread's row
 * is locked from the post's read of it until the commit, so every round trip in between holds up the next
 * post to the thread.
 */
@Injectable()
export class MikroOrmMessagePosts extends MessagePosts {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async record({ message, thread, receipt, events }: MessagePost): Promise<void> {
    const m = message.snapshot();
    const t = thread.snapshot();
    const outbox = events.map((event) => {
      const row = outboxRow(event);
      return { id: row.id, type: row.type, payload: row.payload, occurred_at: row.occurredAt };
    });
    await schoolWrite(this.em, POST_MESSAGE, [
      m.id,
      m.threadId,
      m.authorId,
      m.seq,
      m.sentAt,
      json(m.versions),
      t.lastSeq,
      t.lastMessageAt,
      t.id,
      receipt.threadId,
      receipt.userId,
      receipt.lastReadSeq,
      receipt.readAt,
      json(outbox),
    ]);
  }
}
