import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import pg from 'pg';
import { currentSchool } from '@cadenza/server/platform/db';
import { DeliveryLog, type Delivery, type DeliveryChannel, type DeliveryPlan, type DeliveryQuery, type HeldSend, type NotificationKind } from '@cadenza/server/messaging/domain';
import { asId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { date, json, pgArray } from './rows.js';

/** Sends held open at once, each on a connection of its own. */
const HELD_SENDS = 16;

interface DeliveryRow {
  id: string;
  school_id: string;
  key: string;
  recipient_id: string;
  type: string;
  channel: string;
  status: string;
  reason: string | null;
  attempts: number;
  due_at: Date | string;
  claim_token: string | null;
  sent_at: Date | string | null;
  lesson_id: string | null;
  offset_minutes: number | null;
  source_key: string;
  feed: Delivery['feed'];
  email: Delivery['email'];
  updated_at: Date | string;
}

const toDelivery = (r: DeliveryRow): Delivery => ({
  id: r.id,
  schoolId: asId<SchoolId>(r.school_id),
  key: r.key,
  recipientId: asId<UserId>(r.recipient_id),
  kind: r.type as NotificationKind,
  channel: r.channel as Delivery['channel'],
  status: r.status as Delivery['status'],
  reason: r.reason,
  attempts: r.attempts,
  dueAt: date(r.due_at),
  claimToken: r.claim_token,
  sentAt: r.sent_at ? date(r.sent_at) : null,
  lessonId: r.lesson_id,
  offsetMinutes: r.offset_minutes,
  sourceKey: r.source_key,
  feed: r.feed,
  email: r.email,
  updatedAt: date(r.updated_at),
});

/**
 * The delivery log in `notification_deliveries`, in plain SQL. Claims and their outcomes go
 * straight to the connection pool, outside any caller's transaction, so each commits at once:
 * a claim must be visible to every other worker before the send starts, and `sent` must be
 * committed before the SMTP server is told the message is complete.
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
      const updated = await client.query(
        `update notification_deliveries set status = 'sent', sent_at = $1, lease_until = null, updated_at = $1 where key = $2 and claim_token = $3 and status = 'queued' returning key`,
        [at, key, claimToken],
      );
      if (updated.rowCount !== 1) {
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

  /** Runs on its own pooled connection and commits at once, whatever transaction the caller is in. */
  private committed<T>(sql: string, params: unknown[]): Promise<T> {
    return this.em.getConnection().execute(sql, params, 'all') as Promise<T>;
  }

  async plan(plans: readonly DeliveryPlan[]) {
    if (plans.length === 0) return [];
    const inserted = new Set<string>();
    for (let i = 0; i < plans.length; i += 200) {
      const chunk = plans.slice(i, i + 200);
      const rows = await this.em.execute<{ key: string }[]>(
        `insert into notification_deliveries (id, school_id, key, recipient_id, type, channel, status, reason, attempts, due_at, sent_at, lesson_id, offset_minutes, source_key, feed, email, created_at, updated_at)
         values ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, now(), now())').join(', ')}
         on conflict (key) do nothing returning key`,
        chunk.flatMap((p) => [
          globalThis.crypto.randomUUID(),
          p.schoolId,
          p.key,
          p.recipientId,
          p.kind,
          p.channel,
          p.status,
          p.reason,
          p.dueAt,
          p.status === 'sent' ? p.dueAt : null,
          p.lessonId,
          p.offsetMinutes,
          p.sourceKey,
          json(p.feed),
          p.email ? json(p.email) : null,
        ]),
      );
      rows.forEach((r) => inserted.add(r.key));
    }
    return plans.filter((p) => inserted.has(p.key));
  }

  async ofLesson(lessonId: string) {
    const rows = await this.em.execute<DeliveryRow[]>(`select * from notification_deliveries where school_id = ? and lesson_id = ?`, [currentSchool(this.em), lessonId]);
    return rows.map(toDelivery);
  }

  async reschedule(key: string, dueAt: Date, plan: Pick<DeliveryPlan, 'status' | 'reason' | 'feed' | 'email'>, at: Date) {
    await this.em.execute(
      `update notification_deliveries set due_at = ?, status = ?, reason = ?, feed = ?::jsonb, email = ?::jsonb, claim_token = null, lease_until = null, updated_at = ?
        where key = ? and status in ('queued', 'skipped')`,
      [dueAt, plan.status, plan.reason, json(plan.feed), plan.email ? json(plan.email) : null, at, key],
    );
  }

  async skip(keys: readonly string[], reason: string, at: Date) {
    if (keys.length === 0) return;
    await this.em.execute(
      `update notification_deliveries set status = 'skipped', reason = ?, claim_token = null, lease_until = null, updated_at = ? where key = any(?::text[]) and status = 'queued'`,
      [reason, at, pgArray(keys.map((k) => `"${k}"`))],
    );
  }

  async claimAcrossSchools(key: string, now: Date, leaseMs: number) {
    const rows = await this.committed<DeliveryRow[]>(
      `update notification_deliveries set claim_token = ?, lease_until = ?, attempts = attempts + 1, updated_at = ?
        where key = ? and status = 'queued' and due_at <= ? and (lease_until is null or lease_until <= ?) returning *`,
      [globalThis.crypto.randomUUID(), new Date(now.getTime() + leaseMs), now, key, now, now],
    );
    return rows[0] ? toDelivery(rows[0]) : null;
  }

  async claimDueAcrossSchools(channel: DeliveryChannel, now: Date, leaseMs: number, limit: number) {
    const rows = await this.committed<DeliveryRow[]>(
      `update notification_deliveries d set claim_token = gen_random_uuid(), lease_until = ?, attempts = d.attempts + 1, updated_at = ?
        where d.id in (
          select id from notification_deliveries
           where status = 'queued' and channel = ? and due_at <= ? and (lease_until is null or lease_until <= ?)
           order by due_at limit ? for update skip locked)
        returning d.*`,
      [new Date(now.getTime() + leaseMs), now, channel, now, now, limit],
    );
    return rows.map(toDelivery).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  }

  async markSentMany(claims: readonly { key: string; claimToken: string }[], at: Date) {
    if (claims.length === 0) return [];
    const rows = await this.em.execute<{ key: string }[]>(
      `update notification_deliveries d set status = 'sent', sent_at = ?, lease_until = null, updated_at = ?
         from unnest(?::text[], ?::uuid[]) as c(key, token)
        where d.key = c.key and d.claim_token = c.token and d.status = 'queued' returning d.key`,
      [at, at, pgArray(claims.map((c) => `"${c.key.replace(/["\\]/g, '\\$&')}"`)), pgArray(claims.map((c) => c.claimToken))],
    );
    return rows.map((r) => r.key);
  }

  async release(key: string, claimToken: string, reason: string, retryAt: Date, at: Date) {
    await this.committed(
      `update notification_deliveries set status = 'queued', reason = ?, due_at = ?, sent_at = null, claim_token = null, lease_until = null, updated_at = ? where key = ? and claim_token = ?`,
      [reason, retryAt, at, key, claimToken],
    );
  }

  async fail(key: string, claimToken: string, reason: string, at: Date) {
    await this.em.execute(
      `update notification_deliveries set status = 'failed', reason = ?, sent_at = null, lease_until = null, updated_at = ? where key = ? and claim_token = ?`,
      [reason, at, key, claimToken],
    );
  }

  async dueAcrossSchools(until: Date, now: Date, limit: number, channel?: DeliveryChannel) {
    const rows = await this.committed<{ key: string; due_at: Date | string }[]>(
      `select key, due_at from notification_deliveries where status = 'queued' ${channel ? 'and channel = ?' : ''} and due_at <= ? and (lease_until is null or lease_until <= ?) order by due_at limit ?`,
      [...(channel ? [channel] : []), until, now, limit],
    );
    return rows.map((r) => ({ key: r.key, dueAt: date(r.due_at) }));
  }

  async list(query: DeliveryQuery) {
    // Ordered on the millisecond, as the API shows times, and keys byte by byte (whatever the database's collation):
    // a page ends where the next page's cursor can name it exactly.
    const rows = await this.em.execute<DeliveryRow[]>(
      `select * from notification_deliveries where school_id = ? ${query.status ? 'and status = ?' : ''} ${query.recipientId ? 'and recipient_id = ?' : ''}
          ${query.before ? `and (date_trunc('milliseconds', updated_at), key collate "C") < (?::timestamptz, ? collate "C")` : ''}
        order by date_trunc('milliseconds', updated_at) desc, key collate "C" desc limit ?`,
      [
        currentSchool(this.em),
        ...(query.status ? [query.status] : []),
        ...(query.recipientId ? [query.recipientId] : []),
        ...(query.before ? [query.before.updatedAt, query.before.key] : []),
        query.limit,
      ],
    );
    return rows.map(toDelivery);
  }
}
