import { Controller, Get, HttpCode, Injectable, type OnModuleDestroy, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Redis } from 'ioredis';
import { RedisConfig } from '@cadenza/server/platform/config';
import { DatabaseHealth } from '@cadenza/server/platform/db';
import { z } from 'zod';
import { Endpoint, Public } from '@cadenza/server/platform/http';

const Live = z.object({ status: z.literal('ok') }).meta({ id: 'Live' });
const Ready = z
  .object({ status: z.enum(['ready', 'not_ready']), checks: z.record(z.string(), z.object({ ok: z.boolean(), detail: z.string().optional() })) })
  .meta({ id: 'Ready' });

/** Redis readiness, when Redis is configured. */
@Injectable()
export class RedisHealth implements OnModuleDestroy {
  private client: Redis | null = null;

  constructor(private readonly config: RedisConfig) {}

  async check(): Promise<{ ok: boolean; detail?: string } | null> {
    if (!this.config.url) return null;
    let timer: NodeJS.Timeout | undefined;
    // No background reconnecting: each check connects again if the last connection ended.
    this.client ??= new Redis(this.config.url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000, retryStrategy: () => null });
    try {
      if (this.client.status === 'wait' || this.client.status === 'end') await this.client.connect();
      const pong = await Promise.race([
        this.client.ping(),
        new Promise<string>((_, reject) => {
          timer = setTimeout(() => reject(new Error('timed out')), 2000);
        }),
      ]);
      return { ok: pong === 'PONG' };
    } catch (error) {
      // Drop the failed connection (and its timers); the next check connects afresh.
      this.client?.disconnect();
      this.client = null;
      return { ok: false, detail: error instanceof Error ? error.message : 'unreachable' };
    } finally {
      clearTimeout(timer);
    }
  }

  onModuleDestroy(): void {
    this.client?.disconnect();
  }
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly database: DatabaseHealth,
    private readonly redis: RedisHealth,
  ) {}

  @Get('live')
  @HttpCode(200)
  @Public('Probed by the orchestrator.')
  @Endpoint({ summary: 'Is the process alive', response: Live })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public('Probed by the orchestrator; says which dependency is down, nothing more.')
  @Endpoint({ summary: 'Can the process serve', description: 'Answers 503 with the same shape when a dependency is down.', response: Ready })
  async ready(@Res({ passthrough: true }) response: Response): Promise<{ status: 'ready' | 'not_ready'; checks: Record<string, { ok: boolean; detail?: string }> }> {
    const [database, redis] = await Promise.all([this.database.check(), this.redis.check()]);
    const checks: Record<string, { ok: boolean; detail?: string }> = { database };
    if (redis) checks['redis'] = redis;
    const ok = Object.values(checks).every((c) => c.ok);
    response.status(ok ? 200 : 503);
    return { status: ok ? 'ready' : 'not_ready', checks };
  }
}
