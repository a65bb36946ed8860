import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import pg from 'pg';

/** The channel that the `outbox_events` trigger notifies when a transaction that wrote events commits. */
export const OUTBOX_CHANNEL = 'cadenza_outbox';
const RECONNECT_MS = 2_000;

/** What a listener is woken for: every commit that wrote outbox events, or only those that wrote events of these types. */
export interface OutboxInterest {
  types?: readonly string[];
}

/**
 * Tells the outbox's readers that new events were committed, through PostgreSQL's
 * LISTEN/NOTIFY on one dedicated connection per process (opened at the first listener).
 * Each notification names one type of event the commit wrote, so a reader of a few types
 * (`subscribe(listener, { types })`) is not woken by everyone else's events; a notification
 * without a type wakes every reader.
 * A hint only: a reader still polls, so a lost connection or a missed notification
 * delays events by one poll interval and never loses them.
 */
@Injectable()
export class OutboxSignal implements OnModuleDestroy {
  private readonly logger = new Logger('OutboxSignal');
  private readonly listeners = new Map<() => void, ReadonlySet<string> | null>();
  private client: pg.Client | null = null;
  private retry: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly databaseUrl: string) {}

  /**
   * Calls `listener` after each commit that wrote outbox events (with `types`, events of one of those types), and
   * whenever the connection comes back; returns the unsubscribe function.
   */
  subscribe(listener: () => void, interest: OutboxInterest = {}): () => void {
    this.listeners.set(listener, interest.types ? new Set(interest.types) : null);
    if (!this.client && !this.retry) void this.connect();
    return () => this.listeners.delete(listener);
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.databaseUrl, application_name: 'cadenza-outbox-listener' });
    client.on('notification', ({ payload }) => {
      for (const [listener, types] of this.listeners) {
        if (!types || !payload || types.has(payload)) listener();
      }
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    this.client = client;
    try {
      await client.connect();
      await client.query(`listen ${OUTBOX_CHANNEL}`);
      // Anything committed while we were away: let the readers look now.
      for (const listener of this.listeners.keys()) listener();
    } catch (error) {
      this.lost(client, error);
    }
  }

  private lost(client: pg.Client, error?: unknown): void {
    if (this.client !== client) return;
    this.client = null;
    client.removeAllListeners('end');
    void client.end().catch(() => undefined);
    if (this.closed) return;
    if (error) this.logger.warn({ err: error }, 'outbox listener connection lost; reconnecting');
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.connect();
    }, RECONNECT_MS);
    this.retry.unref();
  }
}
