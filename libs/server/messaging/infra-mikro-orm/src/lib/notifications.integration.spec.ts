import { deliveryLogContract } from '@cadenza/server/messaging/domain/testing';
import { MailConfig } from '@cadenza/server/platform/config';
import { consumeOutbox, enterSchool } from '@cadenza/server/platform/db';
import { MailCapture, MailTransport } from '@cadenza/server/platform/mail';
import { contextSpecParts, openSpecDatabase, type SpecDatabase } from '@cadenza/server/spec-database';
import { withClient } from '@cadenza/server/testing';
import { isEventOf, type ThreadReadV1 } from '@cadenza/shared/integration-events';
import { newId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { PgDeliveryLog } from './pg-delivery-log.js';
import { messagingPersistence } from './messaging-persistence.module.js';

let db: SpecDatabase & { close(): Promise<void> };
const logs: PgDeliveryLog[] = [];
const schoolId = newId<SchoolId>();
const userId = newId<UserId>();
/** The payload of a read receipt up to `seq`. */
const readUpTo = (seq: number): ThreadReadV1 => ({ actorId: userId, threadId: newId(), readerId: userId, lastReadSeq: seq, participantIds: [userId] });

beforeAll(async () => {
  db = await openSpecDatabase(contextSpecParts(messagingPersistence));
  await withClient(db.url, async (sql) => {
    await sql.query('insert into schools (id, name) values ($1, $2)', [schoolId, 'School']);
    await sql.query('insert into users (id, school_id, name) values ($1, $2, $3)', [userId, schoolId, 'Someone']);
  });
}, 60_000);

afterAll(async () => {
  for (const log of logs) await log.onModuleDestroy();
  await db?.close();
});

function pgLog(): PgDeliveryLog {
  const em = db.orm.em.fork();
  enterSchool(em, schoolId);
  const log = new PgDeliveryLog(em);
  logs.push(log);
  return log;
}

deliveryLogContract('PostgreSQL', async () => ({ log: pgLog(), schoolId, recipientId: userId }));

describe('a held send on PostgreSQL and SMTP', () => {
  const plan = (key: string) => ({
    key,
    schoolId,
    recipientId: userId,
    kind: 'lesson.reminder' as const,
    channel: 'email' as const,
    status: 'queued' as const,
    reason: null,
    dueAt: new Date('2031-01-01T00:00:00Z'),
    lessonId: null,
    offsetMinutes: null,
    sourceKey: key,
    feed: { title: 'T', body: 'B', link: null },
    email: { to: 'a@example.com', subject: 'Held', text: 'Body\n.\nwith a lone dot', html: '<p>Body</p>' },
  });
  const status = (key: string) => withClient(db.url, async (sql) => (await sql.query<{ status: string }>('select status from notification_deliveries where key = $1', [key])).rows[0]?.status);

  it('leaves the send uncommitted until commit, and rolls it back when its connection dies', async () => {
    const log = pgLog();
    await log.plan([plan('held:1')]);
    const claim = await log.claimAcrossSchools('held:1', new Date('2031-01-01T00:00:01Z'), 60_000);
    const held = await log.prepareSent('held:1', claim?.claimToken as string, new Date());
    expect(held).not.toBeNull();
    expect(await status('held:1')).toBe('queued');
    // The process dies with the transaction open: its connection goes, and PostgreSQL rolls back.
    await withClient(db.url, (sql) => sql.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and state = 'idle in transaction'`));
    expect(await status('held:1')).toBe('queued');
    expect(await held?.commit()).toBe(false);
    // The lease runs out and the send is someone else's to make.
    expect(await log.claimAcrossSchools('held:1', new Date('2031-01-01T00:02:00Z'), 60_000)).toMatchObject({ attempts: 2 });
  });

  it('ends the message only with the commit; abandoned, the server keeps nothing', async () => {
    const capture = await new MailCapture().start(0);
    const mail = new MailTransport(new MailConfig(capture.url, 'Cadenza <no-reply@cadenza.local>', 'http://localhost'));
    try {
      const log = pgLog();
      await log.plan([plan('held:2'), plan('held:3')]);
      const at = new Date('2031-01-01T00:00:01Z');
      const claim = await log.claimAcrossSchools('held:2', at, 60_000);
      const sent = await mail.sendHeld({ ...plan('held:2').email, messageId: '<held-2@test>' }, () => log.prepareSent('held:2', claim?.claimToken as string, at));
      expect(sent).toBe('sent');
      expect(await status('held:2')).toBe('sent');
      expect(capture.messages).toHaveLength(1);
      expect(capture.messages[0].text).toMatch(/Body\r?\n\.\r?\nwith a lone dot/);

      // A lost claim: the message was transmitted but for its end; the server discards it.
      const abandoned = await mail.sendHeld({ ...plan('held:3').email, messageId: '<held-3@test>' }, () => log.prepareSent('held:3', newId(), at));
      expect(abandoned).toBe('abandoned');
      await new Promise((r) => setTimeout(r, 300));
      expect(capture.messages).toHaveLength(1);
      expect(await status('held:3')).toBe('queued');
    } finally {
      mail.onModuleDestroy();
      await capture.stop();
    }
  });

  it('refuses at RCPT before anything is recorded', async () => {
    const capture = await new MailCapture({ rejectRecipient: () => true }).start(0);
    const mail = new MailTransport(new MailConfig(capture.url, 'Cadenza <no-reply@cadenza.local>', 'http://localhost'));
    let prepared = false;
    try {
      await expect(
        mail.sendHeld({ to: 'gone@example.com', subject: 's', text: 't', html: 'h', messageId: '<x@test>' }, async () => {
          prepared = true;
          return null;
        }),
      ).rejects.toMatchObject({ stage: 'before', permanent: true, responseCode: 550 });
      expect(prepared).toBe(false);
    } finally {
      await capture.stop();
    }
  });
});

describe('the outbox with several consumers', () => {
  it('hands every event to each consumer once, however many processes of it run, without touching the relay’s column', async () => {
    const now = new Date();
    await withClient(db.url, async (sql) => {
      for (let i = 0; i < 60; i++) {
        // A read receipt numbered i stands for any event: the consumer does not look inside.
        await sql.query(`insert into outbox_events (id, school_id, type, payload, occurred_at) values ($1, $2, 'thread.read.v1', $3, $4)`, [newId(), schoolId, JSON.stringify(readUpTo(i)), new Date(now.getTime() - 1000 + i)]);
      }
    });
    const seen: Record<string, number[]> = { a: [], b: [] };
    const consume = (name: 'a' | 'b') =>
      consumeOutbox(
        db.orm.em,
        name,
        async (_school, events) => {
          await new Promise((r) => setTimeout(r, 1 + (events.length % 4)));
          seen[name].push(...events.filter((e) => isEventOf(e, 'thread.read.v1')).map((e) => e.payload.lastReadSeq));
        },
        { batch: 7, maxAgeMs: 60_000, now: new Date() },
      );
    // Five processes of consumer a race, and two of consumer b; each drains until it finds nothing to claim.
    const drain = async (name: 'a' | 'b') => {
      while ((await consume(name)) > 0);
    };
    await Promise.all([drain('a'), drain('a'), drain('a'), drain('a'), drain('a'), drain('b'), drain('b')]);
    // A process can stop early (what it picked was claimed by another meanwhile): one more pass finds nothing left.
    expect(await consume('a')).toBe(0);
    expect(await consume('b')).toBe(0);
    const all = Array.from({ length: 60 }, (_, i) => i);
    expect([...seen.a].sort((x, y) => x - y)).toEqual(all);
    expect([...seen.b].sort((x, y) => x - y)).toEqual(all);
    const published = await withClient(db.url, async (sql) => (await sql.query(`select count(*)::int as n from outbox_events where published_at is not null`)).rows[0].n);
    expect(published).toBe(0);
  });

  it('hands the events again when the handler fails, so none is lost', async () => {
    await withClient(db.url, async (sql) => {
      await sql.query(`insert into outbox_events (id, school_id, type, payload, occurred_at) values ($1, $2, 'thread.read.v1', $3, now())`, [newId(), schoolId, JSON.stringify(readUpTo(-1))]);
    });
    const take = (fail: boolean) =>
      consumeOutbox(
        db.orm.em,
        'c',
        async (_school, events) => {
          if (fail && events.some((e) => isEventOf(e, 'thread.read.v1') && e.payload.lastReadSeq === -1)) throw new Error('handler failed');
        },
        { batch: 100, maxAgeMs: 60_000, now: new Date() },
      );
    await expect(take(true)).rejects.toThrow('handler failed');
    expect(await take(false)).toBeGreaterThan(0);
    expect(await take(false)).toBe(0);
  });

  it('claims an event of an unknown type or version and reports it, without handing it to the handler', async () => {
    await withClient(db.url, async (sql) => {
      for (const type of ['lesson.booked.v1', 'thread.read.v7']) {
        await sql.query(`insert into outbox_events (id, school_id, type, payload, occurred_at) values ($1, $2, $3, '{}', now())`, [newId(), schoolId, type]);
      }
      await sql.query(`insert into outbox_events (id, school_id, type, payload, occurred_at) values ($1, $2, 'thread.read.v1', $3, now())`, [newId(), schoolId, JSON.stringify(readUpTo(7))]);
    });
    const handed: string[] = [];
    const unreadable: string[] = [];
    const take = () =>
      consumeOutbox(db.orm.em, 'd', async (_school, events) => void handed.push(...events.map((e) => e.type)), {
        batch: 100,
        maxAgeMs: 60_000,
        now: new Date(),
        unreadable: (u) => unreadable.push(`${u.record.type}: ${u.reason}`),
      });
    expect(await take()).toBeGreaterThanOrEqual(3);
    expect(handed).not.toContain('lesson.booked.v1');
    expect(handed).toContain('thread.read.v1');
    expect(unreadable.sort()).toEqual(['lesson.booked.v1: unknown event type', 'thread.read.v7: unknown event type']);
    // Claimed: they are not read again.
    expect(await take()).toBe(0);
  });
});

describe('a digest on PostgreSQL', () => {
  const digestPlan = (key: string, dueAt: Date) => ({
    key,
    schoolId,
    recipientId: userId,
    kind: 'lesson-request.updated' as const,
    channel: 'email' as const,
    status: 'queued' as const,
    reason: null,
    dueAt,
    lessonId: null,
    offsetMinutes: null,
    sourceKey: key,
    feed: { title: 'A new request', body: 'Waiting', link: '/requests' },
    email: { to: 'a@example.com', subject: 'A new request', text: 'Waiting', html: '<p>Waiting</p>' },
    digest: true,
  });

  it('makes a second planner for the same person wait for the first one’s transaction, then join its window', async () => {
    const now = new Date('2032-01-01T00:00:00Z');
    const due = new Date(now.getTime() + 120_000);
    /** Runs `work` with a delivery log inside a transaction of its own, in the spec's school. */
    const inTransaction = (work: (log: PgDeliveryLog) => Promise<void>) =>
      db.orm.em.fork().transactional(async (tx) => {
        enterSchool(tx, schoolId);
        await work(new PgDeliveryLog(tx));
      });
    let release = () => undefined as void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let planned = () => undefined as void;
    const holding = new Promise<void>((resolve) => (planned = resolve));
    let seen: Date | null | undefined;
    const first = inTransaction(async (a) => {
      expect(await a.openDigest(userId, now)).toBeNull();
      await a.plan([digestPlan('digest-race:1', due)]);
      planned();
      await gate;
    });
    try {
      await holding;
      const second = inTransaction(async (b) => {
        seen = await b.openDigest(userId, now);
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      // Still waiting on the first planner's lock: it would otherwise have found nothing and opened a window of its own.
      expect(seen).toBeUndefined();
      release();
      await first;
      await second;
      expect(seen).toEqual(due);
    } finally {
      release();
      await first.catch(() => undefined);
      await pgLog().skip(['digest-race:1'], 'done', now);
    }
  }, 30_000);

  it('holds a digest’s sends uncommitted together, and sends none when one of them was taken back', async () => {
    const at = new Date('2032-02-01T00:00:00Z');
    const log = pgLog();
    await log.plan([digestPlan('digest-held:1', at), digestPlan('digest-held:2', at)]);
    const claims = await log.claimWithDigestAcrossSchools('digest-held:2', at, 60_000);
    expect(claims.map((c) => c.key)).toEqual(['digest-held:1', 'digest-held:2']);
    const token = claims[0].claimToken as string;
    const status = (key: string) => withClient(db.url, async (sql) => (await sql.query<{ status: string; reason: string | null }>('select status, reason from notification_deliveries where key = $1', [key])).rows[0]);
    const held = await log.prepareSentAll(['digest-held:1', 'digest-held:2'], token, at, 'one email of 2');
    expect(await status('digest-held:1')).toMatchObject({ status: 'queued' });
    expect(await held?.commit()).toBe(true);
    expect(await status('digest-held:1')).toEqual({ status: 'sent', reason: 'one email of 2' });
    expect(await status('digest-held:2')).toEqual({ status: 'sent', reason: 'one email of 2' });

    await log.plan([digestPlan('digest-held:3', at), digestPlan('digest-held:4', at)]);
    const again = await log.claimWithDigestAcrossSchools('digest-held:3', at, 60_000);
    await log.skip(['digest-held:4'], 'taken back', at);
    expect(await log.prepareSentAll(again.map((c) => c.key), again[0].claimToken as string, at, null)).toBeNull();
    expect(await status('digest-held:3')).toMatchObject({ status: 'queued' });
  }, 30_000);
});
