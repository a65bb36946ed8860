import { RedisConfig } from '@cadenza/server/platform/config';
import { RedisHealth } from './health.js';

describe('Redis readiness', () => {
  it('is ready against the running Redis', async () => {
    const health = new RedisHealth(new RedisConfig('redis://127.0.0.1:6379'));
    await expect(health.check()).resolves.toEqual({ ok: true });
    health.onModuleDestroy();
  });

  it('reports an unreachable Redis as not ready', async () => {
    const health = new RedisHealth(new RedisConfig('redis://127.0.0.1:1'));
    const result = await health.check();
    expect(result?.ok).toBe(false);
    health.onModuleDestroy();
  });

  it('is silent when Redis is not configured', async () => {
    await expect(new RedisHealth(new RedisConfig(null)).check()).resolves.toBeNull();
  });
});
