import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { AuthConfig } from '@cadenza/server/platform/config';
import { RevokedSessions } from '@cadenza/server/platform/http';
import { Clock } from '@cadenza/shared/kernel';

/** How often the api reads the sessions other processes ended: the longest a revoked access token may still pass elsewhere without Redis. */
export const REVOKED_SESSIONS_POLL_MS = 2_000;
/** Each read looks this far behind the previous one, for revocations committed late. */
const OVERLAP_MS = 30_000;

interface Row {
  family_id: string;
  at: Date | string;
}

/**
 * Reads the sessions ended in PostgreSQL (revoked refresh-token families) into this process's
 * `RevokedSessions`, at start and then every two seconds: how sessions that another api process
 * ended reach this one when no Redis joins them, and the safety net when it does.
 */
@Injectable()
export class RevokedSessionsPoll implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('RevokedSessionsPoll');
  private timer: NodeJS.Timeout | null = null;
  private since: Date | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly em: EntityManager,
    private readonly revoked: RevokedSessions,
    private readonly auth: AuthConfig,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.poll();
    this.timer = setInterval(() => void this.poll(), REVOKED_SESSIONS_POLL_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private poll(): Promise<void> {
    this.running ??= this.read().finally(() => (this.running = null));
    return this.running;
  }

  private async read(): Promise<void> {
    const now = this.clock.now();
    const since = this.since ?? new Date(now.getTime() - this.auth.accessTokenTtlSeconds * 1000);
    try {
      const rows = await this.em
        .fork()
        .execute<Row[]>('select family_id, max(revoked_at) as at from refresh_tokens where revoked_at >= ? group by family_id', [since]);
      this.revoked.record(rows.map((r) => ({ sessionId: r.family_id, at: new Date(r.at) })), 'elsewhere');
      this.since = new Date(now.getTime() - OVERLAP_MS);
    } catch (error) {
      this.logger.warn({ err: error }, 'reading ended sessions failed; trying again');
    }
  }
}
