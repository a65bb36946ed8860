import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { CoalescingRunner } from '@cadenza/server/platform/background';
import { acrossSchoolsRows, enterSchool, inOwnContext, OUTBOX_RELAY_BATCH, OutboxSignal } from '@cadenza/server/platform/db';
import { readOutboxRecord } from '@cadenza/shared/integration-events';
import { Clock } from '@cadenza/shared/kernel';
import { RealtimePublisher } from './realtime-publisher.js';
import { RealtimeRouter, type RelayedEvent } from './realtime-router.js';

/** At most this many events per transaction. */
export const RELAY_BATCH = 200;
/**
 * Pause between polls when the outbox is drained. A commit that writes events wakes the
 * relay (LISTEN/NOTIFY through `OutboxSignal`); the poll is the safety net.
 */
export const RELAY_INTERVAL_MS = 1_000;
/**
 * How long a wake-up waits before polling, so that the commits of a busy moment go out as one
 * batch (one transaction, one read of guardians and counters) rather than one poll each. It is
 * the most a push is delayed by it.
 */
export const RELAY_GATHER_MS = 10;
/** Pause after a failed poll (database away, say). */
const RELAY_RETRY_MS = 2_000;
/**
 * Events older than this are marked published without a socket push: a client that was
 * connected then has long re-read over REST, and a deployment's first start must not
 * replay its whole history to whoever is connected.
 */
export const RELAY_MAX_AGE_MS = 10 * 60_000;

/**
 * Pushes integration events from `outbox_events` to sockets. Each poll marks up to 200
 * unpublished rows published in occurrence order, in one statement that also returns them
 * (`for update skip locked`, so api instances share the work without sending a row twice),
 * emits what the router makes of them, and commits. Delivery is at least once: a crash or
 * failed commit after the emit leaves the rows unpublished, and they are sent again.
 *
 * Started on bootstrap, stopped (and awaited) when the module is destroyed, before the
 * database closes.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('OutboxRelay');
  /**
   * One poll at a time: a commit's wake-up polls after `RELAY_GATHER_MS` (or again right after the poll in flight),
   * a full batch goes again at once, a drained outbox waits `RELAY_INTERVAL_MS`, a failed poll `RELAY_RETRY_MS`.
   */
  private readonly runner = new CoalescingRunner({
    name: 'outbox relay poll',
    logger: this.logger,
    gatherMs: RELAY_GATHER_MS,
    afterFailureMs: RELAY_RETRY_MS,
    pass: async () => ((await this.relayOnce()) === RELAY_BATCH ? 0 : RELAY_INTERVAL_MS),
  });
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly em: EntityManager,
    private readonly router: RealtimeRouter,
    private readonly publisher: RealtimePublisher,
    private readonly clock: Clock,
    private readonly signal: OutboxSignal,
  ) {}

  onApplicationBootstrap(): void {
    this.unsubscribe = this.signal.subscribe(() => this.runner.request());
    this.runner.start();
  }

  async onModuleDestroy(): Promise<void> {
    this.unsubscribe?.();
    await this.runner.stop();
  }

  /** Relays one batch; the number of outbox rows it marked published. */
  async relayOnce(): Promise<number> {
    return inOwnContext(this.em, () =>
      this.em.transactional(async (tx) => {
        const now = this.clock.now();
        const rows = await acrossSchoolsRows(tx, OUTBOX_RELAY_BATCH, [RELAY_BATCH, now]);
        if (rows.length === 0) return 0;
        // Only known event types go on; an unknown one is marked published and reported, never cast.
        const events: RelayedEvent[] = [];
        for (const r of rows) {
          const read = readOutboxRecord({ id: r.id, schoolId: r.school_id, type: r.type, payload: r.payload, occurredAt: new Date(r.occurred_at) });
          if (read.known) events.push(read.event);
          else this.logger.warn({ eventId: r.id, type: r.type, reason: read.reason }, 'outbox event not relayed');
        }
        // `returning` keeps no order: put the batch back in occurrence order.
        const fresh = events
          .filter((e) => now.getTime() - e.occurredAt.getTime() <= RELAY_MAX_AGE_MS)
          .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
        const bySchool = new Map<string, RelayedEvent[]>();
        for (const event of fresh) {
          const ofSchool = bySchool.get(event.schoolId);
          if (ofSchool) ofSchool.push(event);
          else bySchool.set(event.schoolId, [event]);
        }
        for (const [schoolId, events] of bySchool) {
          enterSchool(tx, schoolId);
          await this.router.routeTo(events, (deliveries) => {
            for (const delivery of deliveries) this.publisher.deliver(delivery);
          });
        }
        return rows.length;
      }),
    );
  }
}
