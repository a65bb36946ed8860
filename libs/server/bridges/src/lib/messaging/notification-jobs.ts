import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { SchoolRepository } from '@cadenza/server/identity/domain';
import { DeliverDue, DeliverDueInApp, DeliveryLog, DeliveryQueue, HandleNotificationEvents, PlanReminders } from '@cadenza/server/messaging/domain';
import { BullDeliveries } from '@cadenza/server/messaging/infra-bull';
import { JobsConfig } from '@cadenza/server/platform/config';
import { CoalescingRunner } from '@cadenza/server/platform/background';
import { consumeOutbox, inOwnContext, OutboxSignal } from '@cadenza/server/platform/db';
import { inEachSchool } from '../identity/in-each-school.js';
import { Clock, MINUTE } from '@cadenza/shared/kernel';

/** The outbox consumer's name in `outbox_consumptions`. */
export const NOTIFICATIONS_CONSUMER = 'notifications';
/** The safety-net poll: a commit that writes outbox events wakes the consumer at once (`OutboxSignal`). */
const POLL_MS = 1_000;
const RETRY_MS = 2_000;
const BATCH = 100;
/** In-app rows delivered per statement pair when many fall due together. */
const IN_APP_BATCH = 1_000;
/** Emails enqueued (or, without Redis, sent) per sweep at most: ten thousand falling due in a minute fit in one. */
const EMAIL_BATCH = 20_000;
/** How often due in-app rows are looked for (they need no queue: delivering one is one database write). */
const IN_APP_TICK_MS = 1_000;
/** Events older than this are not turned into notifications (a first start does not replay history). */
const MAX_EVENT_AGE_MS = 10 * MINUTE;
/**
 * Sends (emails, one SMTP session each) run this many at a time per process, from Bull or, without
 * Redis, in process: most of a send is waiting on the SMTP server and the database.
 */
export const DELIVERY_CONCURRENCY = 16;

/**
 * The notifications' background work, in the worker (and in the api when CADENZA_JOBS=inline):
 * - consumes the outbox (events → notifications, lesson changes → reminders) as soon as events
 *   are committed (LISTEN/NOTIFY through `OutboxSignal`), and every second as a safety net;
 * - runs the Bull processor of deliveries when Redis answers;
 * - sweeps every NOTIFICATIONS_SWEEP_SECONDS: tops up reminder rows within the horizon for
 *   every school, then enqueues whatever is due and unsent (so nothing is lost when Redis
 *   loses its jobs) or, without Redis, delivers it in process;
 * - delivers due in-app rows every second, and at once when the consumer or the sweep asks.
 * Each loop runs on a `CoalescingRunner` (one pass at a time, stopped and awaited on shutdown).
 * Every step is idempotent, so several workers (or a worker and an api) may run at once.
 */
@Injectable()
export class NotificationJobs implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('NotificationJobs');
  private stopping = false;
  private bull = false;
  /**
   * The outbox consumer, one batch at a time: at once when events are committed (or again right after the batch in
   * flight), at once after a full batch, every POLL_MS as a safety net, RETRY_MS after a failure.
   */
  private readonly consumer = new CoalescingRunner({
    name: 'notification outbox poll',
    logger: this.logger,
    afterFailureMs: RETRY_MS,
    pass: async () => {
      const handled = await this.consumeOnce();
      if (handled > 0) await this.triggerDue(1_000);
      return handled === BATCH ? 0 : POLL_MS;
    },
  });
  /** The reminder sweep: at start, then NOTIFICATIONS_SWEEP_SECONDS after each sweep ends (a sweep never overlaps the next). */
  private readonly sweeper = new CoalescingRunner({
    name: 'notification sweep',
    logger: this.logger,
    afterFailureMs: () => this.config.sweepMs,
    pass: async () => {
      await this.sweepOnce();
      return this.config.sweepMs;
    },
  });
  /**
   * The in-app pump: a thousand due rows per transaction, at once again after a full batch, every IN_APP_TICK_MS,
   * and soon when asked (rows that fell due in a consumer's batch or a sweep). Processes share rows through their claims.
   */
  private readonly inApp = new CoalescingRunner({
    name: 'in-app delivery',
    logger: this.logger,
    afterFailureMs: IN_APP_TICK_MS,
    pass: async () => ((await this.deliverInAppOnce()) === IN_APP_BATCH ? 0 : IN_APP_TICK_MS),
  });
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly em: EntityManager,
    private readonly handleEvents: HandleNotificationEvents,
    private readonly reminders: PlanReminders,
    private readonly deliverDue: DeliverDue,
    private readonly deliverDueInApp: DeliverDueInApp,
    private readonly log: DeliveryLog,
    private readonly queue: DeliveryQueue,
    private readonly bullDeliveries: BullDeliveries,
    private readonly schools: SchoolRepository,
    private readonly config: JobsConfig,
    private readonly clock: Clock,
    private readonly signal: OutboxSignal,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // The queue's processor (`DeliveryProcessor`) is registered by @nestjs/bull; whether it answers decides who sends.
    this.bull = (await this.bullDeliveries.connect()) !== null;
    this.logger.log({ bull: this.bull, sweepMs: this.config.sweepMs }, 'notification jobs started');
    this.unsubscribe = this.signal.subscribe(() => this.consumer.request());
    this.consumer.start();
    this.inApp.start(IN_APP_TICK_MS);
    this.sweeper.start();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    this.unsubscribe?.();
    await Promise.all([this.consumer.stop(), this.sweeper.stop(), this.inApp.stop()]);
  }

  /** One delivery in its own persistence context. */
  deliver(key: string) {
    return inOwnContext(this.em, () => this.deliverDue.execute(key));
  }

  /** Handles one batch of outbox events; how many. */
  consumeOnce(): Promise<number> {
    return consumeOutbox(
      this.em,
      NOTIFICATIONS_CONSUMER,
      async (_schoolId, events) => this.handleEvents.execute(events),
      { batch: BATCH, maxAgeMs: MAX_EVENT_AGE_MS, now: this.clock.now() },
    );
  }

  /** Tops up reminders in every school, then triggers what is due. */
  async sweepOnce(): Promise<void> {
    await inEachSchool(this.em, this.schools, () => this.reminders.sweep());
    await this.triggerDue(this.bull ? this.config.sweepMs * 2 : 0);
  }

  /** Delivers one batch of due in-app rows; how many. */
  deliverInAppOnce(): Promise<number> {
    return inOwnContext(this.em, () => this.deliverDueInApp.execute(IN_APP_BATCH));
  }

  /**
   * Asks the in-app pump for the rows that are due, then enqueues the emails that fall due within
   * `aheadMs` (with Bull), or sends those due now (without).
   */
  private async triggerDue(aheadMs: number): Promise<void> {
    this.inApp.request();
    const now = this.clock.now();
    const due = await this.log.dueAcrossSchools(new Date(now.getTime() + aheadMs), now, EMAIL_BATCH, 'email');
    if (due.length === 0) return;
    let keys = due.map((d) => d.key);
    if (this.bull) {
      try {
        await this.queue.enqueue(due);
        // What is overdue by more than two sweeps the queue has evidently lost (Redis restarted, or
        // its job is stuck with a dead worker until Bull notices the stall): deliver it from here.
        const overdue = now.getTime() - 2 * this.config.sweepMs;
        keys = due.filter((d) => d.dueAt.getTime() < overdue).map((d) => d.key);
      } catch (error) {
        // Redis is away: deliver what is due from here until it is back.
        this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'enqueue failed; delivering in process');
        keys = due.filter((d) => d.dueAt.getTime() <= now.getTime()).map((d) => d.key);
      }
    }
    const lanes = Array.from({ length: DELIVERY_CONCURRENCY }, async () => {
      for (let key = keys.shift(); key && !this.stopping; key = keys.shift()) {
        await this.deliver(key).catch((error: unknown) => this.logger.warn({ err: error instanceof Error ? error.message : String(error), key }, 'delivery failed'));
      }
    });
    await Promise.all(lanes);
  }
}
