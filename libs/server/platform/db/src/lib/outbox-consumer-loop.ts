import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { CoalescingRunner } from '@cadenza/server/platform/background';
import type { Clock } from '@cadenza/shared/kernel';
import { consumeOutbox, type ConsumedEvent } from './outbox-consumer.js';
import { OutboxSignal } from './outbox-signal.js';

/** What an outbox consumer reads, and how often it looks without being woken. */
export interface OutboxConsumerSettings {
  /** The consumer's name in `outbox_consumptions`: its claims are its own, whatever other consumers do. */
  name: string;
  /** The event types it handles: it is woken by commits that wrote one of them, and claims only those. All when absent. */
  types?: readonly string[];
  /** At most this many events a pass; a full batch goes again at once. */
  batch: number;
  /** How far back a first start (or a process that was down) reads. */
  maxAgeMs: number;
  /** The safety-net poll, for a lost wake-up or another process's events. */
  pollMs: number;
  /** When to try again after a pass failed. */
  retryMs: number;
}

/**
 * An outbox consumer's life in a process, the same for every context that keeps a copy of another's events or reacts
 * to them: woken by `OutboxSignal` as soon as a commit writes one of its event types, polling as a safety net, one pass
 * at a time (`CoalescingRunner`), each pass claiming a batch in one transaction (`consumeOutbox`) and handing it to
 * `handle` school by school with that school in force. It starts on bootstrap and is stopped, and its pass in flight
 * awaited, when the module is destroyed, before the database closes. A subclass names itself and says what to do with
 * a batch; several processes share the events through their claims.
 */
export abstract class OutboxConsumerLoop implements OnApplicationBootstrap, OnModuleDestroy {
  protected readonly logger: Logger;
  private readonly runner: CoalescingRunner;
  private unsubscribe: (() => void) | null = null;

  protected constructor(
    protected readonly em: EntityManager,
    private readonly signal: OutboxSignal,
    protected readonly clock: Clock,
    private readonly settings: OutboxConsumerSettings,
  ) {
    this.logger = new Logger(new.target.name);
    this.runner = new CoalescingRunner({
      name: `${settings.name} outbox consumer`,
      logger: this.logger,
      afterFailureMs: settings.retryMs,
      pass: async () => ((await this.consumeOnce()) === settings.batch ? 0 : settings.pollMs),
    });
  }

  /** Handles a batch of one school's events, in the claim's transaction with that school in force; idempotent. */
  protected abstract handle(schoolId: string, events: ConsumedEvent[]): Promise<void>;

  onApplicationBootstrap(): void {
    this.unsubscribe = this.signal.subscribe(() => this.runner.request(), { types: this.settings.types });
    this.runner.start();
  }

  async onModuleDestroy(): Promise<void> {
    this.unsubscribe?.();
    await this.runner.stop();
  }

  /** Claims and handles one batch; how many events it claimed. */
  consumeOnce(): Promise<number> {
    const { name, types, batch, maxAgeMs } = this.settings;
    return consumeOutbox(this.em, name, (schoolId, events) => this.handle(schoolId, events), { batch, maxAgeMs, now: this.clock.now(), types });
  }
}
