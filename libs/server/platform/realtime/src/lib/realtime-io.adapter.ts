import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';
import { RedisConfig } from '@cadenza/server/platform/config';

/**
 * The socket.io server on the api's HTTP server. When Redis is configured, it installs
 * `@socket.io/redis-adapter` (one publishing and one subscribing connection), so an
 * event emitted on any api instance reaches the clients of every instance; the channel
 * is `<REDIS_KEY_PREFIX>:socket.io`. Without Redis, socket.io's in-process adapter.
 *
 * Use it with `app.useWebSocketAdapter(new RealtimeIoAdapter(app))` before `init()`.
 */
export class RealtimeIoAdapter extends IoAdapter {
  private readonly log = new Logger('Realtime');
  private readonly clients: Redis[] = [];

  constructor(private readonly app: INestApplicationContext) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, options) as Server;
    const redis = this.app.get(RedisConfig);
    if (redis.url) {
      const pub = new Redis(redis.url, { maxRetriesPerRequest: 3 });
      const sub = pub.duplicate();
      for (const client of [pub, sub]) {
        client.on('error', (error: Error) => this.log.warn({ err: error }, 'Redis connection for realtime failed; retrying'));
        this.clients.push(client);
      }
      // The adapter publishes without awaiting: while Redis is away, a failed publish must be
      // logged (those events miss the other instances), not crash the process as an unhandled rejection.
      const publish = pub.publish.bind(pub) as (channel: string, message: string | Buffer) => Promise<number>;
      Object.assign(pub, {
        publish: (channel: string, message: string | Buffer) =>
          publish(channel, message).catch((error: unknown) => {
            this.log.warn({ err: error }, 'realtime event not published to Redis');
            return 0;
          }),
      });
      server.adapter(createAdapter(pub, sub, { key: `${redis.keyPrefix}:socket.io` }));
    }
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    await this.quitRedis();
  }

  override async dispose(): Promise<void> {
    await super.dispose();
    await this.quitRedis();
  }

  private async quitRedis(): Promise<void> {
    const clients = this.clients.splice(0);
    await Promise.all(clients.map((c) => c.quit().catch(() => c.disconnect())));
  }
}
