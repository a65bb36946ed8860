import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import pg from 'pg';
import { ACROSS_SCHOOLS, AdvisoryLocks, acrossSchoolsCommitted, acrossSchoolsRows, schoolRows, takeAdvisoryLocks } from '@cadenza/server/platform/db';
import { DeliveryLog, type Delivery, type DeliveryChannel, type DeliveryPlan, type DeliveryQuery, type HeldSend, type NotificationKind } from '@cadenza/server/messaging/domain';
import { asId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { DeliverySchema, type DeliveryRow } from './entities.js';
import { NO_MAP, date, json, pgArray, type RawDelivery } from './rows.js';
import {
  DELIVERIES_CLAIM_DUE,
  DELIVERIES_DUE,
  DELIVERIES_HOLD_SENT,
  DELIVERIES_MARK_SENT,
  DELIVERIES_PLAN,
  DELIVERY_CLAIM,
  DELIVERY_CLAIM_WITH_DIGEST,
  DELIVERY_HOLD_SENT,
  DELIVERY_LOG_PAGE,
  DELIVERY_RELEASE,
  OPEN_DIGEST,
} from './statements.js';

/** Sends held open at once, each on a connection of its own. */
const HELD_SENDS = 16;

/** A delivery from a row a named statement returned. */
const fromRaw = (r: RawDelivery): Delivery => ({
  id: r.id,
  schoolId: asId<SchoolId>(r.school_id),
  key: r.key,
  recipientId: asId<UserId>(r.recipient_id),
  kind: r.type as NotificationKind,
  channel: r.channel as Delivery['channel'],
  status: r.status as Delivery['status'],
  reason: r.reason,
  attempts: Number(r.attempts),
  dueAt: date(r.due_at),
  claimToken: r.claim_token,
  sentAt: r.sent_at ? date(r.sent_at) : null,
  lessonId: r.lesson_id,
  offsetMinutes: r.offset_minutes,
  sourceKey: r.source_key,
  feed: r.feed,
  email: r.email,
  digest: r.digest,
  updatedAt: date(r.updated_at),
});

/** A delivery from its entity row. */
const toDelivery = (r: DeliveryRow): Delivery => ({
  id: r.id,
  schoolId: asId<SchoolId>(r.schoolId),
  key: r.key,
  recipientId: asId<UserId>(r.recipientId),
  kind: r.type as NotificationKind,
  channel: r.channel as Delivery['channel'],
  status: r.status as Delivery['status'],
  reason: r.reason,
  attempts: Number(r.attempts),
  dueAt: date(r.dueAt),
  claimToken: r.claimToken,
  sentAt: r.sentAt ? date(r.sentAt) : null,
  lessonId: r.lessonId,
  offsetMinutes: r.offsetMinutes,
  sourceKey: r.sourceKey,
  feed: r.feed,
  email: r.email,
  digest: r.digest,
  updatedAt: date(r.updatedAt),
});

/**
 * The delivery log in `notification_deliveries`: reads and school-scoped changes through its entity schema,
 * the rest through the named statements (`statements.ts`). Claims and their outcomes go straight to the
 * connection pool, outside any caller's transaction, so each commits at once: a claim must be visible to every
 * other worker before the send starts, and `sent` must be committed before the SMTP server is told the
 * message is complete.
 */
@Injectable()
export class PgDeliveryLog extends DeliveryLog implements OnModuleDestroy {
  /** Connections of its own for held sends, whose COMMIT must be written the moment it is asked for. */
  private held: pg.Pool | null = null;

  constructor(private readonly em: EntityManager) {
    super();
  }

  async onModuleDestroy(): Promise<void> {
    const pool = this.held;
    this.held = null;
    await pool?.end();
  }

  /**
   * Opens a transaction on a connection of its own, writes the send as done, and keeps the
   * transaction open. `commit` issues COMMIT synchronously (pg writes a query to its socket
   * in the call when the connection is idle), so it leaves with the end of the message.
   */
  async prepareSent(key: string, claimToken: string, at: Date): Promise<HeldSend | null> {
    return this.hold(DELIVERY_HOLD_SENT.text, [at, key, claimToken], 1);
  }

  /** As `prepareSent`, for every send of a digest at once: held only when each key's claim still holds. */
  async prepareSentAll(keys: readonly string[], claimToken: string, at: Date, reason: string | null): Promise<HeldSend | null> {
    return this.hold(DELIVERIES_HOLD_SENT.text, [at, [...keys], claimToken, reason], new Set(keys).size);
  }

  private async hold(text: string, params: unknown[], expected: number): Promise<HeldSend | null> {
    if (!this.held) {
      // One connection per email being sent at once (the jobs send 16 at a time).
      this.held = new pg.Pool({ connectionString: this.em.config.get('clientUrl'), max: HELD_SENDS });
      // A connection lost while idle is replaced at the next checkout; nothing to do here.
      this.held.on('error', () => undefined);
    }
    const client = await this.held.connect();
    // A connection lost while a send is held rolls the send back; the commit then answers false.
    const lost = () => undefined;
    client.on('error', lost);
    try {
      await client.query('begin');
      const updated = await client.query(text, params);
      if (updated.rowCount !== expected) {
        await client.query('rollback');
        client.off('error', lost);
        client.release();
        return null;
      }
    } catch (error) {
      client.off('error', lost);
      client.release(error as Error);
      throw error;
    }
    return {
      commit: () => {
        const done = client.query('commit');
        return done.then(
          () => {
            client.off('error', lost);
            client.release();
            return true;
          },
          (error: Error) => {
            client.off('error', lost);
            client.release(error);
            return false;
          },
        );
      },
    };
  }


  async plan(plans: readonly DeliveryPlan[]) {
    if (plans.length === 0) return [];
    const inserted = new Set<string>();
    for (let i = 0; i < plans.length; i += 200) {
      const chunk = plans.slice(i, i + 200);
      const rows = await acrossSchoolsRows(this.em, DELIVERIES_PLAN, [
        json(
          chunk.map((p) => ({
            id: globalThis.crypto.randomUUID(),
            school_id: p.schoolId,
            key: p.key,
            recipient_id: p.recipientId,
            type: p.kind,
            channel: p.channel,
            status: p.status,
            reason: p.reason,
            due_at: p.dueAt,
            sent_at: p.status === 'sent' ? p.dueAt : null,
            lesson_id: p.lessonId,
            offset_minutes: p.offsetMinutes,
            source_key: p.sourceKey,
            feed: p.feed,
            email: p.email,
            digest: p.digest ?? false,
          })),
        ),
      ]);
      rows.forEach((r) => inserted.add(r.key));
    }
    return plans.filter((p) => inserted.has(p.key));
  }

  async ofLesson(lessonId: string) {
    return (await this.em.find(DeliverySchema, { lessonId }, NO_MAP)).map(toDelivery);
  }

  async reschedule(key: string, dueAt: Date, plan: Pick<DeliveryPlan, 'status' | 'reason' | 'feed' | 'email'>, at: Date) {
    await this.em.nativeUpdate(
      DeliverySchema,
      { key, status: { $in: ['queued', 'skipped'] } },
      { dueAt, status: plan.status, reason: plan.reason, feed: plan.feed, email: plan.email, claimToken: null, leaseUntil: null, updatedAt: at },
    );
  }

  async skip(keys: readonly string[], reason: string, at: Date) {
    if (keys.length === 0) return;
    await this.em.nativeUpdate(DeliverySchema, { key: { $in: [...keys] }, status: 'queued' }, { status: 'skipped', reason, claimToken: null, leaseUntil: null, updatedAt: at });
  }

  async claimAcrossSchools(key: string, now: Date, leaseMs: number) {
    // Committed at once on a pooled connection: every other worker must see the claim before the send starts.
    const rows = await acrossSchoolsCommitted(this.em, DELIVERY_CLAIM, [globalThis.crypto.randomUUID(), new Date(now.getTime() + leaseMs), now, key]);
    return rows[0] ? fromRaw(rows[0]) : null;
  }

  async claimWithDigestAcrossSchools(key: string, now: Date, leaseMs: number) {
    // Committed at once, as a single claim is; the rows share the claim's token.
    const rows = await acrossSchoolsCommitted(this.em, DELIVERY_CLAIM_WITH_DIGEST, [globalThis.crypto.randomUUID(), new Date(now.getTime() + leaseMs), now, key]);
    return rows.map(fromRaw).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async openDigest(recipientId: UserId, now: Date) {
    // Behind the person's digest lock, held to the end of the caller's transaction: a second planner for the
    // same person waits here and then sees this one's email, so both join one window.
    const locks = AdvisoryLocks.on([`digest:${recipientId}`]);
    if (locks) await takeAdvisoryLocks(this.em, locks);
    const [row] = await schoolRows(this.em, OPEN_DIGEST, [recipientId, now]);
    return row?.due_at ? date(row.due_at) : null;
  }

  async claimDueAcrossSchools(channel: DeliveryChannel, now: Date, leaseMs: number, limit: number) {
    const rows = await acrossSchoolsCommitted(this.em, DELIVERIES_CLAIM_DUE, [new Date(now.getTime() + leaseMs), now, channel, limit]);
    return rows.map(fromRaw).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  }

  async markSentMany(claims: readonly { key: string; claimToken: string }[], at: Date) {
    if (claims.length === 0) return [];
    const rows = await acrossSchoolsRows(this.em, DELIVERIES_MARK_SENT, [
      at,
      pgArray(claims.map((c) => `"${c.key.replace(/["\\]/g, '\\$&')}"`)),
      pgArray(claims.map((c) => c.claimToken)),
    ]);
    return rows.map((r) => r.key);
  }

  async release(key: string, claimToken: string, reason: string, retryAt: Date, at: Date) {
    await acrossSchoolsCommitted(this.em, DELIVERY_RELEASE, [reason, retryAt, at, key, claimToken]);
  }

  async fail(key: string, claimToken: string, reason: string, at: Date) {
    // By the claim's holder, wherever the row's school: the jobs fail sends of every school.
    await this.em.nativeUpdate(DeliverySchema, { key, claimToken }, { status: 'failed', reason, sentAt: null, leaseUntil: null, updatedAt: at }, ACROSS_SCHOOLS);
  }

  async dueAcrossSchools(until: Date, now: Date, limit: number, channel?: DeliveryChannel) {
    const rows = await acrossSchoolsCommitted(this.em, DELIVERIES_DUE, [channel ?? null, until, now, limit]);
    return rows.map((r) => ({ key: r.key, dueAt: date(r.due_at) }));
  }

  async list(query: DeliveryQuery) {
    const rows = await schoolRows(this.em, DELIVERY_LOG_PAGE, [query.status ?? null, query.recipientId ?? null, query.before?.updatedAt ?? null, query.before?.key ?? null, query.limit]);
    return rows.map(fromRaw);
  }
}
