import { Injectable } from '@nestjs/common';
import { UserRepository } from '@cadenza/server/identity/domain';
import { MessageRepository, ThreadRepository, safeguardingRecipients, type ThreadId } from '@cadenza/server/messaging/domain';
import type { UserId } from '@cadenza/shared/kernel';
import { RealtimeRooms, RealtimeRouter, type RealtimeDelivery, type RelayedEvent } from '@cadenza/server/platform/realtime';
import { REALTIME_EVENTS } from '@cadenza/shared/contracts';
import { isEventOf, type IntegrationEventType } from '@cadenza/shared/integration-events';

/** The events whose audience is their thread's participants (they carry ids only; the outbox holds no message text). */
const THREAD_EVENTS = ['message.created.v1', 'message.updated.v1', 'thread.read.v1'] as const satisfies readonly IntegrationEventType[];

/**
 * Who hears of messaging's events: a message posted or edited, and a thread read, go to
 * the thread's current participants (read now, so someone removed since hears nothing);
 * a flag goes to the school's safeguarding lead(s), or to its admins if none is designated.
 * Only ids travel: clients re-read over REST, so no message text reaches a socket.
 * Joins messaging's threads with identity's users, so it lives in the app.
 */
@Injectable()
export class MessagingAudienceRouter extends RealtimeRouter {
  constructor(
    private readonly threads: ThreadRepository,
    private readonly messages: MessageRepository,
    private readonly users: UserRepository,
  ) {
    super();
  }

  async route(events: readonly RelayedEvent[]): Promise<RealtimeDelivery[]> {
    // Everyone in the batch's threads, in one read that takes no lock: the relay holds its transaction open until
    // the batch is pushed, and a post to one of these threads must not wait for that.
    const threadIds = [...new Set<ThreadId>(events.filter((e) => isEventOf(e, ...THREAD_EVENTS)).map((e) => e.payload.threadId))];
    const participants = threadIds.length > 0 ? await this.threads.participantsOf(threadIds) : new Map<ThreadId, UserId[]>();
    const participantRooms = (threadId: ThreadId) => (participants.get(threadId) ?? []).map(RealtimeRooms.user);
    let leadRooms: Promise<string[]> | null = null;

    const deliveries: RealtimeDelivery[] = [];
    for (const event of events) {
      switch (event.type) {
        case 'message.created.v1': {
          const payload = event.payload;
          const rooms = participantRooms(payload.threadId);
          if (rooms.length === 0) continue;
          deliveries.push({ rooms, event: REALTIME_EVENTS.messageCreated, payload: { threadId: payload.threadId, messageId: payload.messageId, seq: payload.seq } });
          break;
        }
        case 'message.updated.v1': {
          const payload = event.payload;
          const rooms = participantRooms(payload.threadId);
          if (rooms.length === 0) continue;
          // The event carries the message's version; its seq (where it sits in the thread) is the message's own.
          const message = await this.messages.byId(payload.messageId);
          if (!message) continue;
          deliveries.push({ rooms, event: REALTIME_EVENTS.messageUpdated, payload: { threadId: payload.threadId, messageId: payload.messageId, seq: message.seq } });
          break;
        }
        case 'thread.read.v1': {
          const payload = event.payload;
          const rooms = participantRooms(payload.threadId);
          if (rooms.length === 0) continue;
          deliveries.push({ rooms, event: REALTIME_EVENTS.threadRead, payload: { threadId: payload.threadId, userId: payload.readerId, lastReadSeq: payload.lastReadSeq } });
          break;
        }
        case 'message.flagged.v1': {
          const payload = event.payload;
          leadRooms ??= this.safeguardingLeadRooms();
          const rooms = await leadRooms;
          if (rooms.length === 0) continue;
          deliveries.push({ rooms, event: REALTIME_EVENTS.messageFlagged, payload: { threadId: payload.threadId, messageId: payload.messageId, flagId: payload.flagId } });
          break;
        }
      }
    }
    return deliveries;
  }

  /** The rooms of whoever receives the school's flags, by messaging's rule (its lead(s), else every admin). */
  private async safeguardingLeadRooms(): Promise<string[]> {
    const admins = (await this.users.list({ role: 'admin' })).map((user) => ({ id: user.id, safeguardingLead: user.snapshot().safeguardingLead }));
    return safeguardingRecipients(admins).map((admin) => RealtimeRooms.user(admin.id));
  }
}
