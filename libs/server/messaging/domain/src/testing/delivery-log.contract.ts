import { MINUTE, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import type { DeliveryPlan } from '../notifications/model.js';
import type { DeliveryLog } from '../notifications/ports.js';

export interface DeliveryLogSetup {
  log: DeliveryLog;
  schoolId: SchoolId;
  recipientId: UserId;
}

/**
 * What every DeliveryLog must do, run against the in-memory fake and the PostgreSQL adapter,
 * so the fake the use-case specs rely on cannot drift from the real thing.
 */
export function deliveryLogContract(name: string, setup: () => Promise<DeliveryLogSetup>): void {
  describe(`DeliveryLog contract: ${name}`, () => {
    const t0 = new Date('2031-03-02T09:00:00.000Z');
    let s: DeliveryLogSetup;
    let n = 0;
    const plan = (over: Partial<DeliveryPlan> = {}): DeliveryPlan => ({
      key: `contract:${name}:${++n}:email`,
      schoolId: s.schoolId,
      recipientId: s.recipientId,
      kind: 'lesson.reminder',
      channel: 'email',
      status: 'queued',
      reason: null,
      dueAt: t0,
      lessonId: null,
      offsetMinutes: null,
      sourceKey: `contract:${name}:${n}`,
      feed: { title: 'Title', body: 'Body', link: null },
      email: { to: 'someone@example.com', subject: 'Title', text: 'Body', html: '<p>Body</p>' },
      ...over,
    });

    beforeAll(async () => {
      s = await setup();
    });

    it('plans a key once', async () => {
      const p = plan();
      expect(await s.log.plan([p])).toHaveLength(1);
      expect(await s.log.plan([p, { ...p, reason: 'again' }])).toHaveLength(0);
    });

    it('lets one claim of many win, and only once it is due', async () => {
      const p = plan();
      await s.log.plan([p]);
      expect(await s.log.claimAcrossSchools(p.key, new Date(t0.getTime() - 1), MINUTE)).toBeNull();
      const claims = await Promise.all(Array.from({ length: 8 }, () => s.log.claimAcrossSchools(p.key, t0, MINUTE)));
      const won = claims.filter((c) => c !== null);
      expect(won).toHaveLength(1);
      expect(won[0]).toMatchObject({ key: p.key, attempts: 1, status: 'queued', email: p.email, feed: p.feed });
    });

    it('records a held send only for the claim that holds, and only once committed', async () => {
      const p = plan();
      await s.log.plan([p]);
      const first = await s.log.claimAcrossSchools(p.key, t0, MINUTE);
      // The lease runs out; someone else takes it over.
      const second = await s.log.claimAcrossSchools(p.key, new Date(t0.getTime() + MINUTE), MINUTE);
      expect(second?.attempts).toBe(2);
      expect(await s.log.prepareSent(p.key, first?.claimToken as string, t0)).toBeNull();
      const held = await s.log.prepareSent(p.key, second?.claimToken as string, t0);
      expect(held).not.toBeNull();
      expect(await held?.commit()).toBe(true);
      expect(await s.log.claimAcrossSchools(p.key, new Date(t0.getTime() + 10 * MINUTE), MINUTE)).toBeNull();
      expect(await s.log.markSentMany([{ key: p.key, claimToken: second?.claimToken as string }], t0)).toEqual([]);
    });

    it('lists due keys not under a live claim, earliest first', async () => {
      const late = plan({ dueAt: new Date(t0.getTime() + 5 * MINUTE) });
      const early = plan({ dueAt: new Date(t0.getTime() - 5 * MINUTE) });
      await s.log.plan([late, early]);
      const due = (await s.log.dueAcrossSchools(new Date(t0.getTime() + 5 * MINUTE), t0, 1000)).map((d) => d.key);
      expect(due.indexOf(early.key)).toBeLessThan(due.indexOf(late.key));
      await s.log.claimAcrossSchools(early.key, t0, MINUTE);
      expect((await s.log.dueAcrossSchools(new Date(t0.getTime() + 5 * MINUTE), t0, 1000)).map((d) => d.key)).not.toContain(early.key);
    });

    it('claims due rows of one channel in a batch, each row once however many race, and records them sent together', async () => {
      const inApp = (over: Partial<DeliveryPlan> = {}) => {
        const p = plan({ channel: 'in_app', email: null, ...over });
        return { ...p, key: p.key.replace(/:email$/, ':in_app') };
      };
      const due = [inApp(), inApp(), inApp({ dueAt: new Date(t0.getTime() - MINUTE) })];
      const later = inApp({ dueAt: new Date(t0.getTime() + 5 * MINUTE) });
      const mail = plan();
      await s.log.plan([...due, later, mail]);
      const races = await Promise.all(Array.from({ length: 4 }, () => s.log.claimDueAcrossSchools('in_app', t0, MINUTE, 100)));
      const mine = new Set([...due, later, mail].map((p) => p.key));
      const claimed = races.flat().filter((c) => mine.has(c.key));
      expect(claimed.map((c) => c.key).sort()).toEqual(due.map((p) => p.key).sort());
      expect(claimed.every((c) => c.attempts === 1 && c.channel === 'in_app')).toBe(true);

      const tokens = claimed.map((c) => ({ key: c.key, claimToken: c.claimToken as string }));
      const wrong = { key: tokens[0].key, claimToken: globalThis.crypto.randomUUID() };
      expect(await s.log.markSentMany([wrong], t0)).toEqual([]);
      expect((await s.log.markSentMany(tokens, t0)).sort()).toEqual(due.map((p) => p.key).sort());
      expect(await s.log.markSentMany(tokens, t0)).toEqual([]);
      expect((await s.log.claimDueAcrossSchools('in_app', new Date(t0.getTime() + 10 * MINUTE), MINUTE, 100)).map((c) => c.key)).not.toContain(due[0].key);
    });

    it('revokes a claim when the send is moved or skipped', async () => {
      const p = plan();
      await s.log.plan([p]);
      const claim = await s.log.claimAcrossSchools(p.key, t0, MINUTE);
      await s.log.reschedule(p.key, new Date(t0.getTime() + 30 * MINUTE), { status: 'queued', reason: null, feed: p.feed, email: p.email }, t0);
      expect(await s.log.prepareSent(p.key, claim?.claimToken as string, t0)).toBeNull();
      const again = await s.log.claimAcrossSchools(p.key, new Date(t0.getTime() + 30 * MINUTE), MINUTE);
      await s.log.skip([p.key], 'lesson cancelled', t0);
      expect(await s.log.markSentMany([{ key: p.key, claimToken: again?.claimToken as string }], t0)).toEqual([]);
      expect((await s.log.list({ limit: 500 })).find((d) => d.key === p.key)).toMatchObject({ status: 'skipped', reason: 'lesson cancelled' });
    });

    it('pages through the log newest change first, losing and repeating nothing when changes share a time', async () => {
      await s.log.plan(Array.from({ length: 7 }, () => plan()));
      const whole = (await s.log.list({ limit: 500 })).map((d) => `${d.updatedAt.toISOString()} ${d.key}`);
      const paged: string[] = [];
      for (let page = await s.log.list({ limit: 3 }); page.length > 0; ) {
        paged.push(...page.map((d) => `${d.updatedAt.toISOString()} ${d.key}`));
        const last = page[page.length - 1];
        page = await s.log.list({ limit: 3, before: { updatedAt: last.updatedAt, key: last.key } });
      }
      expect(whole.length).toBeGreaterThanOrEqual(7);
      expect(paged).toEqual(whole);
      expect([...whole].sort().reverse()).toEqual(whole);
    });

    it('claims a digest email with the person’s other due digest emails under one claim, once however many race', async () => {
      const at = new Date(t0.getTime() + 60 * MINUTE);
      const digest = (over: Partial<DeliveryPlan> = {}) => plan({ kind: 'lesson-request.updated', digest: true, dueAt: at, ...over });
      const together = [digest(), digest(), digest({ dueAt: new Date(at.getTime() - MINUTE) })];
      const later = digest({ dueAt: new Date(at.getTime() + MINUTE) });
      const alone = plan({ dueAt: at });
      await s.log.plan([...together, later, alone]);
      expect(await s.log.claimWithDigestAcrossSchools(together[0].key, new Date(at.getTime() - 2 * MINUTE), MINUTE)).toEqual([]);

      const races = await Promise.all(together.map((p) => s.log.claimWithDigestAcrossSchools(p.key, at, MINUTE)));
      const won = races.filter((r) => r.length > 0);
      expect(won).toHaveLength(1);
      const claims = won[0];
      const order = [...together].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || (a.key < b.key ? -1 : 1)).map((p) => p.key);
      expect(claims.map((c) => c.key)).toEqual(order);
      expect(new Set(claims.map((c) => c.claimToken)).size).toBe(1);
      expect(claims.every((c) => c.attempts === 1 && c.digest === true)).toBe(true);
      // A send that is no digest is claimed alone, as a single claim would be.
      expect((await s.log.claimWithDigestAcrossSchools(alone.key, at, MINUTE)).map((c) => c.key)).toEqual([alone.key]);

      const token = claims[0].claimToken as string;
      const keys = claims.map((c) => c.key);
      expect(await s.log.prepareSentAll(keys, globalThis.crypto.randomUUID(), at, null)).toBeNull();
      expect(await s.log.prepareSentAll([...keys, later.key], token, at, null)).toBeNull();
      const held = await s.log.prepareSentAll(keys, token, at, 'sent in one email of 3 notifications');
      expect(await held?.commit()).toBe(true);
      const log = await s.log.list({ status: 'sent', limit: 500 });
      expect(log.filter((d) => keys.includes(d.key)).map((d) => d.reason)).toEqual(Array(3).fill('sent in one email of 3 notifications'));
      expect(await s.log.claimWithDigestAcrossSchools(together[1].key, new Date(at.getTime() + 10 * MINUTE), MINUTE)).toEqual([]);
      expect((await s.log.claimWithDigestAcrossSchools(later.key, new Date(at.getTime() + 10 * MINUTE), MINUTE)).map((c) => c.key)).toEqual([later.key]);
      await s.log.skip([later.key, alone.key], 'done', at);
    });

    it('finds the open digest of a person: the earliest digest email still to go', async () => {
      const at = new Date(t0.getTime() + 120 * MINUTE);
      const [first, second] = [plan({ kind: 'message.flagged', digest: true, dueAt: new Date(at.getTime() + 2 * MINUTE) }), plan({ kind: 'message.flagged', digest: true, dueAt: new Date(at.getTime() + 5 * MINUTE) })];
      const reminder = plan({ dueAt: new Date(at.getTime() + MINUTE) });
      expect(await s.log.openDigest(s.recipientId, at)).toBeNull();
      await s.log.plan([second, first, reminder]);
      expect(await s.log.openDigest(s.recipientId, at)).toEqual(first.dueAt);
      // Once it is due it is no longer open: a notification after then starts a new window.
      expect(await s.log.openDigest(s.recipientId, first.dueAt)).toEqual(second.dueAt);
      await s.log.skip([first.key, second.key, reminder.key], 'done', at);
      expect(await s.log.openDigest(s.recipientId, at)).toBeNull();
    });

    it('gives a claim back for a retry, or fails it', async () => {
      const [a, b] = [plan(), plan()];
      await s.log.plan([a, b]);
      const claimA = await s.log.claimAcrossSchools(a.key, t0, MINUTE);
      await s.log.release(a.key, claimA?.claimToken as string, '421 busy', new Date(t0.getTime() + MINUTE), t0);
      expect(await s.log.claimAcrossSchools(a.key, t0, MINUTE)).toBeNull();
      expect(await s.log.claimAcrossSchools(a.key, new Date(t0.getTime() + MINUTE), MINUTE)).toMatchObject({ attempts: 2, reason: '421 busy' });
      const claimB = await s.log.claimAcrossSchools(b.key, t0, MINUTE);
      await s.log.fail(b.key, claimB?.claimToken as string, '550 no such mailbox', t0);
      expect((await s.log.list({ status: 'failed', limit: 500 })).map((d) => d.key)).toContain(b.key);
    });
  });
}
