import { listingAudience, type LessonQuery } from '@cadenza/server/scheduling/domain';
import { asId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { CALENDAR_CACHE_ENTRIES, CalendarCache, encodedBody } from './calendar-cache.js';
import { CalendarVersions } from './calendar-versions.js';

/** Fingerprints set by the test, per range start. */
class FakeVersions extends CalendarVersions {
  readonly current = new Map<string, string>();
  calls = 0;
  async ofRange(query: LessonQuery): Promise<string> {
    this.calls++;
    return this.current.get(query.from.toISOString()) ?? 'v0';
  }
}

const week = (day = 1): LessonQuery => ({ from: new Date(Date.UTC(2030, 0, day)), to: new Date(Date.UTC(2030, 0, day + 7)) });

describe('CalendarCache', () => {
  let versions: FakeVersions;
  let cache: CalendarCache;
  beforeEach(() => {
    versions = new FakeVersions();
    cache = new CalendarCache(versions);
  });

  it('builds once per fingerprint, serves the same bytes, and rebuilds when the fingerprint changes', async () => {
    let builds = 0;
    const build = async () => [{ n: ++builds }];
    const one = await cache.read('s1|admin', week(), build);
    const two = await cache.read('s1|admin', week(), build);
    expect(JSON.parse(one.body.toString())).toEqual([{ n: 1 }]);
    expect(two).toBe(one);
    expect(one.etag).toMatch(/^"[\w-]+"$/);
    versions.current.set(week().from.toISOString(), 'v1');
    const three = await cache.read('s1|admin', week(), build);
    expect(JSON.parse(three.body.toString())).toEqual([{ n: 2 }]);
    expect(three.etag).not.toBe(one.etag);
    expect(versions.calls).toBe(3);
    expect(cache.size.entries).toBe(1);
  });

  it('keeps each answer in every encoding: gzip made with it, brotli made once on first use', async () => {
    const answer = await cache.read('s1|admin', week(), async () => [{ lesson: 'x'.repeat(2000) }]);
    expect(encodedBody(answer, 'identity')).toBe(answer.body);
    expect(gunzipSync(encodedBody(answer, 'gzip')).equals(answer.body)).toBe(true);
    expect(answer.brotli).toBeUndefined();
    const brotli = encodedBody(answer, 'br');
    expect(brotliDecompressSync(brotli).equals(answer.body)).toBe(true);
    expect(brotli.length).toBeLessThan(answer.body.length);
    expect(encodedBody(answer, 'br')).toBe(brotli);
  });

  it('keeps keys and queries apart', async () => {
    const a = await cache.read('s1|admin', week(), async () => ['a']);
    const b = await cache.read('s2|admin', week(), async () => ['b']);
    const c = await cache.read('s1|admin', { ...week(), includeCancelled: true }, async () => ['c']);
    expect([a, b, c].map((x) => x.body.toString())).toEqual(['["a"]', '["b"]', '["c"]']);
  });

  it('builds concurrent misses of the same answer once, and does not keep failures', async () => {
    let builds = 0;
    const slow = async () => {
      builds++;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return [builds];
    };
    const answers = await Promise.all([1, 2, 3].map(() => cache.read('s1|admin', week(), slow)));
    expect(builds).toBe(1);
    expect(new Set(answers).size).toBe(1);
    await expect(cache.read('s1|admin', week(8), async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect((await cache.read('s1|admin', week(8), async () => ['ok'])).body.toString()).toBe('["ok"]');
  });

  it('drops the least recently used answers beyond its bound', async () => {
    for (let i = 0; i < CALENDAR_CACHE_ENTRIES + 5; i++) await cache.read(`s1|user:${i}`, week(), async () => [i]);
    expect(cache.size.entries).toBe(CALENDAR_CACHE_ENTRIES);
    let rebuilt = false;
    await cache.read('s1|user:0', week(), async () => ((rebuilt = true), [0]));
    expect(rebuilt).toBe(true);
  });
});

describe('listingAudience', () => {
  const actor = (roles: string[]) => ({ userId: asId<UserId>('u1'), schoolId: asId<SchoolId>('s1'), roles });
  it('shares admins’ answers, keeps others’ per user and roles, and never caches parents', () => {
    expect(listingAudience(actor(['admin']))).toBe('admin');
    expect(listingAudience(actor(['admin', 'parent']))).toBe('admin');
    expect(listingAudience(actor(['teacher', 'accompanist']))).toBe('user:u1:accompanist,teacher');
    expect(listingAudience(actor(['student']))).toBe('user:u1:student');
    expect(listingAudience(actor(['teacher', 'parent']))).toBeNull();
    expect(listingAudience(actor(['parent']))).toBeNull();
  });
});
