import { Injectable } from '@nestjs/common';
import { RealtimeRouter, type RealtimeDelivery, type RelayedEvent } from '@cadenza/server/platform/realtime';
import { LessonAudienceRouter } from './lesson-audience-router.js';
import { MessagingAudienceRouter } from './messaging-audience-router.js';

/** The app's router: each context's router picks out its own events; their deliveries, in turn. */
@Injectable()
export class AppRealtimeRouter extends RealtimeRouter {
  private readonly routers: readonly RealtimeRouter[];

  constructor(lessons: LessonAudienceRouter, messaging: MessagingAudienceRouter) {
    super();
    this.routers = [lessons, messaging];
  }

  async route(events: readonly RelayedEvent[]): Promise<RealtimeDelivery[]> {
    const deliveries: RealtimeDelivery[] = [];
    for (const router of this.routers) deliveries.push(...(await router.route(events)));
    return deliveries;
  }
}
