import type { ServerToClientEvents } from '@cadenza/shared/contracts';
import type { StoredEvent } from '@cadenza/shared/integration-events';

/** An unpublished outbox event, as the relay hands it to the router: typed, its type and version known. */
export type RelayedEvent = StoredEvent;

/** One typed event for a set of rooms. */
export type RealtimeDelivery = {
  [E in keyof ServerToClientEvents]: { rooms: string[]; event: E; payload: Parameters<ServerToClientEvents[E]>[0] };
}[keyof ServerToClientEvents];

/**
 * Decides which outbox events sockets hear of, and who hears them. The app implements it,
 * since only the app knows the contexts (who may read a lesson is scheduling's and
 * identity's business, not the platform's). Called with the events' school in context.
 */
export abstract class RealtimeRouter {
  abstract route(events: readonly RelayedEvent[]): Promise<RealtimeDelivery[]>;

  /**
   * Routes `events`, handing deliveries to `deliver` as soon as they are known: by default all at once, when `route`
   * has finished. A router made of parts hands over each part's as that part finishes, so that a cheap part's
   * pushes (a message to its thread) do not wait for a costly one's (everyone's counters). The relay pushes them
   * at once, inside its transaction, as it did with `route`'s.
   */
  async routeTo(events: readonly RelayedEvent[], deliver: (deliveries: readonly RealtimeDelivery[]) => void): Promise<void> {
    deliver(await this.route(events));
  }
}
