import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { CoalescingRunner } from '@cadenza/server/platform/background';
import { enterSchool, inOwnContext } from '@cadenza/server/platform/db';
import type { RealtimeDelivery, RelayedEvent } from '@cadenza/server/platform/realtime';
import { CountersAudienceRouter } from './counters-audience-router.js';

type Deliver = (deliveries: readonly RealtimeDelivery[]) => void;

/**
 * The home-page counters of relayed events, computed after the relay's batch rather than inside its transaction.
 * They cost a few queries a batch, and the relay holds its transaction, and starts no other batch, until it has
 * routed everything: computed there, they held up the next batch's messages (the message-latency bench's tail).
 * Counters are derived from records already committed (the events are), so they need nothing of the relay's
 * transaction, and a push that comes a moment later is still right: each one carries the person's counters as
 * they are when computed.
 *
 * One loop per process (a `CoalescingRunner`), started on bootstrap outside any request or transaction, so its work
 * runs in contexts of its own. Events that arrive while it computes are taken together next time, one computation
 * per school.
 */
@Injectable()
export class CountersInBackground implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('CountersInBackground');
  private queued: RelayedEvent[] = [];
  /** Where computed counters go: the relay's push (every batch hands over the same one). */
  private deliver: Deliver | null = null;
  private readonly runner = new CoalescingRunner({ name: 'counters in the background', logger: this.logger, pass: () => this.computeQueued() });

  constructor(
    private readonly em: EntityManager,
    private readonly counters: CountersAudienceRouter,
  ) {}

  onApplicationBootstrap(): void {
    this.runner.start(null);
  }

  async onModuleDestroy(): Promise<void> {
    await this.runner.stop();
  }

  /** Takes a batch's events; their counters go to `deliver` once computed. */
  push(events: readonly RelayedEvent[], deliver: Deliver): void {
    if (events.length === 0) return;
    this.queued.push(...events);
    this.deliver = deliver;
    this.runner.request();
  }

  /** Everything queued, a school at a time; a school whose computation fails is logged and the others go on. */
  private async computeQueued(): Promise<void> {
    const deliver = this.deliver;
    const bySchool = new Map<string, RelayedEvent[]>();
    for (const event of this.queued.splice(0)) {
      const ofSchool = bySchool.get(event.schoolId);
      if (ofSchool) ofSchool.push(event);
      else bySchool.set(event.schoolId, [event]);
    }
    for (const [schoolId, events] of bySchool) {
      try {
        const deliveries = await inOwnContext(this.em, async () => {
          enterSchool(this.em, schoolId);
          return this.counters.route(events);
        });
        deliver?.(deliveries);
      } catch (error) {
        this.logger.warn({ err: error, events: events.length }, 'counters not pushed for these events');
      }
    }
  }
}
