import { MINUTE } from './clock.js';
import { InMemoryRateLimiter } from '../testing/in-memory-rate-limiter.js';

const limit = { key: 'k', burst: 3, everyMs: MINUTE };
const at = (minutes: number) => new Date(Date.parse('2026-12-07T10:00:00Z') + minutes * MINUTE);

describe('RateLimiter turns (token bucket)', () => {
  it('grants the burst at once, then one turn per interval, saying how long to wait', async () => {
    const limiter = new InMemoryRateLimiter();
    for (let i = 0; i < 3; i++) expect(await limiter.take([limit], at(0))).toEqual({ granted: true });
    expect(await limiter.take([limit], at(0))).toEqual({ granted: false, retryAfterMs: MINUTE });
    expect(await limiter.take([limit], at(0.5))).toEqual({ granted: false, retryAfterMs: MINUTE / 2 });
    expect(await limiter.take([limit], at(1))).toEqual({ granted: true });
    expect(await limiter.take([limit], at(1))).toMatchObject({ granted: false });
  });

  it('grants the last turn of a burst to a take whose clock is a little behind the one before it, and no more', async () => {
    const limiter = new InMemoryRateLimiter();
    const behind = new Date(at(0).getTime() - 300);
    expect(await limiter.take([limit], at(0))).toEqual({ granted: true });
    expect(await limiter.take([limit], behind)).toEqual({ granted: true });
    expect(await limiter.take([limit], behind)).toEqual({ granted: true });
    expect(await limiter.take([limit], at(0))).toMatchObject({ granted: false });
  });

  it('takes from every limit or from none', async () => {
    const limiter = new InMemoryRateLimiter();
    const narrow = { key: 'narrow', burst: 1, everyMs: MINUTE };
    expect(await limiter.take([narrow], at(0))).toEqual({ granted: true });
    expect(await limiter.take([limit, narrow], at(0))).toMatchObject({ granted: false });
    for (let i = 0; i < 3; i++) expect(await limiter.take([limit], at(0))).toEqual({ granted: true });
  });

  it('gives a turn back, and forgets a key', async () => {
    const limiter = new InMemoryRateLimiter();
    for (let i = 0; i < 3; i++) await limiter.take([limit], at(0));
    await limiter.giveBack([limit], at(0));
    expect(await limiter.take([limit], at(0))).toEqual({ granted: true });
    await limiter.forget(['k']);
    expect(await limiter.take([limit], at(0))).toEqual({ granted: true });
  });
});
