import { Injectable } from '@nestjs/common';
import { RealtimeRouter, type RealtimeDelivery, type RelayedEvent } from '@cadenza/server/platform/realtime';
import { BillingAudienceRouter } from './billing-audience-router.js';
import { CountersAudienceRouter } from './counters-audience-router.js';
import { CountersInBackground } from './counters-in-background.js';
import { LessonAudienceRouter } from './lesson-audience-router.js';
import { MessagingAudienceRouter } from './messaging-audience-router.js';
import { NotificationAudienceRouter } from './notification-audience-router.js';
import { RegisterAudienceRouter } from './register-audience-router.js';

/**
 * The app's router: each context's router picks out its own events (and the counters router, the changes to
 * home-page counters); their deliveries, in turn. The relay pushes each router's deliveries as it finishes, and
 * the counters, which cost a few queries a batch, are computed after the batch (`CountersInBackground`), so
 * neither this batch's lessons, messages and notifications nor the next batch wait for them.
 */
@Injectable()
export class AppRealtimeRouter extends RealtimeRouter {
  private readonly routers: readonly RealtimeRouter[];
  /** The parts whose deliveries the relay waits for; the counters come after the batch. */
  private readonly promptly: readonly RealtimeRouter[];

  constructor(
    lessons: LessonAudienceRouter,
    messaging: MessagingAudienceRouter,
    notifications: NotificationAudienceRouter,
    counters: CountersAudienceRouter,
    private readonly background: CountersInBackground,
    registers: RegisterAudienceRouter,
    billing: BillingAudienceRouter,
  ) {
    super();
    this.promptly = [lessons, messaging, notifications, registers, billing];
    this.routers = [...this.promptly, counters];
  }

  async route(events: readonly RelayedEvent[]): Promise<RealtimeDelivery[]> {
    const deliveries: RealtimeDelivery[] = [];
    for (const router of this.routers) deliveries.push(...(await router.route(events)));
    return deliveries;
  }

  override async routeTo(events: readonly RelayedEvent[], deliver: (deliveries: readonly RealtimeDelivery[]) => void): Promise<void> {
    for (const router of this.promptly) deliver(await router.route(events));
    this.background.push(events, deliver);
  }
}
