import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { RateLimiter, decideTurn, returnTurn, type RateDecision, type RateLimit } from '@cadenza/shared/kernel';
import { Migration20261207000100_rate_limits } from './migrations/Migration20261207000100_rate_limits.js';

interface Row {
  tat: Date | string;
}

/** The rate limiter's table: no entity, one migration. */
export const rateLimitPersistence = { entities: [], migrations: [Migration20261207000100_rate_limits] };

/** How many spent buckets (empty again, so the same as no row) one take clears away. */
const SWEEP = 100;

/**
 * The rate limiter on PostgreSQL: one row per key with the instant its bucket is empty
 * until (`tat`). A take locks its keys' rows in key order inside its own transaction (an
 * upsert that returns the row), decides, and writes the new instants: concurrent takes of
 * one key queue at the row lock, in every api process, so no more turns are ever granted
 * than the limit holds. It runs on a fork of the entity manager, so it commits on its own
 * even when called inside a unit of work.
 */
@Injectable()
export class PostgresRateLimiter extends RateLimiter {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async take(limits: readonly RateLimit[], now: Date): Promise<RateDecision> {
    const sorted = [...limits].sort((a, b) => a.key.localeCompare(b.key));
    const fork = this.em.fork();
    const decision = await fork.transactional(async (tx) => {
      const decisions = [];
      for (const limit of sorted) {
        const [row] = await tx.execute<Row[]>('insert into rate_limits (key, tat) values (?, ?) on conflict (key) do update set key = excluded.key returning tat', [limit.key, now]);
        decisions.push({ limit, ...decideTurn(limit, new Date(row.tat), now) });
      }
      const refused = decisions.filter((d) => !d.granted);
      if (refused.length > 0) return { granted: false as const, retryAfterMs: Math.max(...refused.map((d) => d.retryAfterMs)) };
      for (const d of decisions) await tx.execute('update rate_limits set tat = ? where key = ?', [d.tat, d.limit.key]);
      return { granted: true as const };
    });
    await fork.execute(`delete from rate_limits where key in (select key from rate_limits where tat < ? limit ${SWEEP} for update skip locked)`, [now]);
    return decision;
  }

  async giveBack(limits: readonly RateLimit[], now: Date): Promise<void> {
    const sorted = [...limits].sort((a, b) => a.key.localeCompare(b.key));
    await this.em.fork().transactional(async (tx) => {
      for (const limit of sorted) {
        const [row] = await tx.execute<Row[]>('select tat from rate_limits where key = ? for update', [limit.key]);
        if (row) await tx.execute('update rate_limits set tat = ? where key = ?', [returnTurn(limit, new Date(row.tat), now), limit.key]);
      }
    });
  }

  async forget(keys: readonly string[]): Promise<void> {
    const fork = this.em.fork();
    for (const key of keys) await fork.execute('delete from rate_limits where key = ?', [key]);
  }
}
