import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { EntityManager } from '@mikro-orm/postgresql';
import { SchoolRepository } from '@cadenza/server/identity/domain';
import { DeliverDue, DeliverDueInApp, DeliveryLog, DeliveryQueue, HandleNotificationEvents, PlanReminders } from '@cadenza/server/messaging/domain';
import { BullDeliveries } from '@cadenza/server/messaging/infra-bull';
import { JobsConfig } from '@cadenza/server/platform/config';
import { CoalescingRunner } from '@cadenza/server/platform/background';
import { consumeOutbox, enterSchool, inOwnContext, OutboxSignal } from '@cadenza/server/platform/db';
import { Clock, MINUTE } from '@cadenza/shared/kernel';

/** The outbox consumer's name in `outbox_consumptions`. */
export const NOTIFICATIONS_CONSUMER = 'notifications';
/** The safety-net poll: a commit that writes outbox events wakes the consumer at once (`OutboxSignal`). */
const POLL_MS = 1_000;
const SWEEP_INTERVAL = 'notification-sweep';
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
const INLINE_CONCURRENCY = 16;

/**
 * The notifications' background work, in the worker (and in the api when CADENZA_JOBS=inline):
 * - consumes the outbox (events → notifications, lesson changes → reminders) as soon as events
 *   are committed (LISTEN/NOTIFY through `OutboxSignal`), and every second as a safety net;
 * - runs the Bull processor of deliveries when Redis answers;
 * - sweeps every NOTIFICATIONS_SWEEP_SECONDS: tops up reminder rows within the horizon for
 *   every school, then enqueues whatever is due and unsent (so nothing is lost when Redis
 *   loses its jobs) or, without Redis, delivers it in process.
 * Every step is idempotent, so several workers (or a worker and an api) may run at once.
 */
@Injectable()
export class NotificationJobs implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('NotificationJobs');
  private running = false;
  private bull = false;
  private readonly inFlight = new Set<Promise<unknown>>();
  private sweeping: Promise<void> | null = null;
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
  private unsubscribe: (() => void) | null = null;
  private inAppTimer: NodeJS.Timeout | null = null;
  private pumping: Promise<void> | null = null;

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
    private readonly scheduler: SchedulerRegistry,
    private readonly signal: OutboxSignal,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.running = true;
    this.bull = await this.bullDeliveries.process(INLINE_CONCURRENCY, async (key) => {
      await this.deliver(key);
    });
    this.logger.log({ bull: this.bull, sweepMs: this.config.sweepMs }, 'notification jobs started');
    this.unsubscribe = this.signal.subscribe(() => this.consumer.request());
    this.consumer.start();
    this.inAppTimer = setInterval(() => void this.pumpInApp(), IN_APP_TICK_MS);
    this.inAppTimer.unref();
    this.runSweep();
    this.scheduler.addInterval(SWEEP_INTERVAL, setInterval(() => this.runSweep(), this.config.sweepMs));
  }

  async onModuleDestroy(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    if (this.inAppTimer) clearInterval(this.inAppTimer);
    if (this.scheduler.doesExist('interval', SWEEP_INTERVAL)) this.scheduler.deleteInterval(SWEEP_INTERVAL);
    await Promise.allSettled([this.consumer.stop(), ...this.inFlight]);
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
    const schools = await inOwnContext(this.em, () => this.schools.listAll());
    for (const school of schools) {
      await inOwnContext(this.em, async () => {
        enterSchool(this.em, school.id);
        await this.reminders.sweep();
      });
    }
    await this.triggerDue(this.bull ? this.config.sweepMs * 2 : 0);
  }

  /**
   * Delivers every due in-app row, a thousand per transaction, until none is left. One pump at a
   * time per process; several processes share the rows through their claims.
   */
  pumpInApp(): Promise<void> {
    if (!this.running) return Promise.resolve();
    this.pumping ??= this.track(
      (async () => {
        try {
          while (this.running && (await inOwnContext(this.em, () => this.deliverDueInApp.execute(IN_APP_BATCH))) === IN_APP_BATCH);
        } catch (error) {
          if (this.running) this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'in-app delivery failed; retrying');
        } finally {
          this.pumping = null;
        }
      })(),
    );
    return this.pumping;
  }

  /**
   * Delivers the in-app rows that are due, then enqueues the emails that fall due within
   * `aheadMs` (with Bull), or sends those due now (without).
   */
  private async triggerDue(aheadMs: number): Promise<void> {
    await this.pumpInApp();
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
    const lanes = Array.from({ length: INLINE_CONCURRENCY }, async () => {
      for (let key = keys.shift(); key && this.running; key = keys.shift()) {
        await this.deliver(key).catch((error: unknown) => this.logger.warn({ err: error instanceof Error ? error.message : String(error), key }, 'delivery failed'));
      }
    });
    await Promise.all(lanes);
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work)).catch(() => undefined);
    return work;
  }

  /** One sweep at a time; a tick that finds one running is skipped. */
  private runSweep(): void {
    if (!this.running || this.sweeping) return;
    this.sweeping = this.track(
      this.sweepOnce()
        .catch((error: unknown) => {
          if (this.running) this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'notification sweep failed');
        })
        .finally(() => (this.sweeping = null)),
    );
  }
}
