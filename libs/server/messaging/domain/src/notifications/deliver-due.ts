import { Clock, MINUTE, UnitOfWork } from '@cadenza/shared/kernel';
import { DeliveryLog, EmailFailure, EmailSender, NotificationFeed } from './ports.js';
import type { Delivery, EmailContent } from './model.js';
import { renderDigest } from './templates.js';

/** How long a claim holds before someone else may retry the send. */
export const CLAIM_LEASE_MS = 2 * MINUTE;
/** Attempts at an email before it counts as failed and falls back to the feed. */
export const MAX_EMAIL_ATTEMPTS = 4;
const backoff = (attempts: number) => Math.min(30 * MINUTE, 15_000 * 2 ** (attempts - 1));

export type DeliveryOutcome = 'sent' | 'failed' | 'retrying' | 'abandoned' | 'not-due';

/**
 * Delivers one due row of the delivery log, at most once however often it is called, by
 * however many workers: the row is claimed in its own committed transaction (a lease), the
 * feed entry is written and the row marked sent in one transaction, and an email is marked
 * sent before the SMTP server is told the message is complete (see EmailSender), by the
 * claim's holder only. A passing failure gives the claim back for a later retry; a permanent
 * one, or too many, fails the row and falls back to the feed (which the person always allows).
 * A digest email takes, with the row, the person's other digest emails due by then under the same
 * claim, and sends them as one email that is recorded sent for all of them or for none.
 */
export class DeliverDue {
  constructor(
    private readonly log: DeliveryLog,
    private readonly feed: NotificationFeed,
    private readonly email: EmailSender,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly leaseMs: number = CLAIM_LEASE_MS,
  ) {}

  async execute(key: string): Promise<DeliveryOutcome> {
    const claims = await this.log.claimWithDigestAcrossSchools(key, this.clock.now(), this.leaseMs);
    const claimed = claims.find((c) => c.key === key) ?? claims[0];
    if (!claimed) return 'not-due';
    const token = claimed.claimToken as string;
    if (claimed.channel === 'in_app' || !claimed.email) {
      const written = await this.uow.run(async () => {
        await this.addToFeed(claimed);
        // Recorded inside this transaction, so the entry and the mark commit together or not at all.
        if ((await this.log.markSentMany([{ key, claimToken: token }], this.clock.now())).length !== 1) throw new ClaimLost();
        return true;
      }).catch((error: unknown) => {
        if (error instanceof ClaimLost) return false;
        throw error;
      });
      return written ? 'sent' : 'abandoned';
    }
    const digest = composeDigest(claims);
    try {
      return await this.email.send(digest.key, digest.mail, () =>
        claims.length === 1 ? this.log.prepareSent(key, token, this.clock.now()) : this.log.prepareSentAll(digest.keys, token, this.clock.now(), digest.reason),
      );
    } catch (error) {
      if (!(error instanceof EmailFailure)) throw error;
      const now = this.clock.now();
      const attempts = Math.max(...claims.map((c) => c.attempts));
      if (error.permanent || attempts >= MAX_EMAIL_ATTEMPTS) {
        await this.uow.run(async () => {
          for (const row of claims) {
            await this.log.fail(row.key, token, error.message, now);
            await this.addToFeed(row);
            await this.log.plan([
              { ...row, key: `${row.key}:fallback`, channel: 'in_app', status: 'sent', reason: `fallback after email failed: ${error.message}`, dueAt: now, email: null, digest: false },
            ]);
          }
        });
        return 'failed';
      }
      const retryAt = new Date(now.getTime() + backoff(attempts));
      for (const row of claims) await this.log.release(row.key, token, error.message, retryAt, now);
      return 'retrying';
    }
  }

  private async addToFeed(delivery: Delivery): Promise<void> {
    await this.feed.add({
      id: globalThis.crypto.randomUUID(),
      schoolId: delivery.schoolId,
      userId: delivery.recipientId,
      kind: delivery.kind,
      sourceKey: delivery.sourceKey,
      createdAt: this.clock.now(),
      readAt: null,
      ...delivery.feed,
    });
  }
}

class ClaimLost extends Error {}

/**
 * The one email that carries claimed sends: a single send as it was planned, under its own key; several (a digest)
 * as one email listing them all, under a key made of the first one's, so a retry of the same digest sends the same
 * Message-ID.
 */
export function composeDigest(claims: readonly Delivery[]): { key: string; keys: string[]; mail: EmailContent; reason: string | null } {
  const [first] = claims;
  if (claims.length === 1) return { key: first.key, keys: [first.key], mail: first.email as EmailContent, reason: null };
  const key = `digest:${first.key}`;
  return {
    key,
    keys: claims.map((c) => c.key),
    mail: renderDigest(claims.map((c) => ({ feed: c.feed, email: c.email as EmailContent }))),
    reason: `sent in one email of ${claims.length} notifications (${key})`,
  };
}

/**
 * Delivers due in-app rows many at a time, for a burst of reminders falling due together: the
 * rows are claimed in one committed statement (racing workers never share one), then their feed
 * entries are written and the rows marked sent in one transaction. A crash after the claim
 * leaves the rows to be taken over when the lease ends; the feed's one entry per person and
 * source keeps a takeover from adding anything twice.
 */
export class DeliverDueInApp {
  constructor(
    private readonly log: DeliveryLog,
    private readonly feed: NotificationFeed,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly leaseMs: number = CLAIM_LEASE_MS,
  ) {}

  /** Delivers up to `limit` due in-app rows; how many it delivered. */
  async execute(limit: number): Promise<number> {
    const claimed = await this.log.claimDueAcrossSchools('in_app', this.clock.now(), this.leaseMs, limit);
    if (claimed.length === 0) return 0;
    return this.uow.run(async () => {
      const at = this.clock.now();
      const sent = new Set(await this.log.markSentMany(claimed.map((c) => ({ key: c.key, claimToken: c.claimToken as string })), at));
      await this.feed.addMany(
        claimed
          .filter((c) => sent.has(c.key))
          .map((c) => ({ id: globalThis.crypto.randomUUID(), schoolId: c.schoolId, userId: c.recipientId, kind: c.kind, sourceKey: c.sourceKey, createdAt: at, readAt: null, ...c.feed })),
      );
      return sent.size;
    });
  }
}
