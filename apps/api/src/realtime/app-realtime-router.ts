import { Injectable } from '@nestjs/common';
import { RealtimeRouter, type RealtimeDelivery, type RelayedEvent } from '@cadenza/server/platform/realtime';
import { CountersAudienceRouter } from './counters-audience-router.js';
import { LessonAudienceRouter } from './lesson-audience-router.js';
import { MessagingAudienceRouter } from './messaging-audience-router.js';
import { NotificationAudienceRouter } from './notification-audience-router.js';

/**
 * The app's router: each context's router picks out its own events (and the counters router, the changes to
 * home-page counters); their deliveries, in turn. The counters, which cost a few queries a batch, come last, and
 * the relay pushes each router's deliveries as it finishes, so lessons, messages and notifications never wait for them.
 */
@Injectable()
export class AppRealtimeRouter extends RealtimeRouter {
  private readonly routers: readonly RealtimeRouter[];

  constructor(lessons: LessonAudienceRouter, messaging: MessagingAudienceRouter, notifications: NotificationAudienceRouter, counters: CountersAudienceRouter) {
    super();
    this.routers = [lessons, messaging, notifications, counters];
  }

  async route(events: readonly RelayedEvent[]): Promise<RealtimeDelivery[]> {
    const deliveries: RealtimeDelivery[] = [];
    for (const router of this.routers) deliveries.push(...(await router.route(events)));
    return deliveries;
  }

  override async routeTo(events: readonly RelayedEvent[], deliver: (deliveries: readonly RealtimeDelivery[]) => void): Promise<void> {
    for (const router of this.routers) deliver(await router.route(events));
  }
}
