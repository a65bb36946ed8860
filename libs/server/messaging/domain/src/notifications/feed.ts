import { Clock, DomainError, UnitOfWork, type Actor } from '@cadenza/shared/kernel';
import type { FeedEntry } from './model.js';
import { NotificationFeed } from './ports.js';

export const notificationNotFound = () => DomainError.notFound('NOTIFICATIONS.NOT_FOUND', 'The notification');

/** The person's own feed, newest first, with their unread count. */
export class ListNotifications {
  constructor(private readonly feed: NotificationFeed) {}

  execute(actor: Actor, query: { unread?: boolean; before?: Date; limit?: number }): Promise<{ items: FeedEntry[]; unreadCount: number }> {
    return this.feed.page(actor.userId, { unread: query.unread, before: query.before, limit: query.limit ?? 50 });
  }
}

/**
 * Marks the person's notifications read: the given ones, or all. Someone else's id is
 * "not found", and then nothing is marked.
 */
export class MarkNotificationsRead {
  constructor(
    private readonly feed: NotificationFeed,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, input: { ids?: readonly string[] }): Promise<{ marked: number }> {
    return this.uow.run(async () => {
      if (input.ids) {
        const unique = [...new Set(input.ids)];
        const own = await this.feed.ownedBy(actor.userId, unique);
        if (own.length !== unique.length) throw notificationNotFound();
      }
      return { marked: await this.feed.markRead(actor.userId, input.ids ?? null, this.clock.now()) };
    });
  }
}
