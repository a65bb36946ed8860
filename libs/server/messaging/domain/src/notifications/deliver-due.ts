import { Clock, MINUTE, UnitOfWork } from '@cadenza/shared/kernel';
import { DeliveryLog, EmailFailure, EmailSender, NotificationFeed } from './ports.js';
import type { Delivery } from './model.js';

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
    const claimed = await this.log.claimAcrossSchools(key, this.clock.now(), this.leaseMs);
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
    try {
      const result = await this.email.send(key, claimed.email, () => this.log.prepareSent(key, token, this.clock.now()));
      return result;
    } catch (error) {
      if (!(error instanceof EmailFailure)) throw error;
      const now = this.clock.now();
      if (error.permanent || claimed.attempts >= MAX_EMAIL_ATTEMPTS) {
        await this.uow.run(async () => {
          await this.log.fail(key, token, error.message, now);
          await this.addToFeed(claimed);
          await this.log.plan([
            { ...claimed, key: `${key}:fallback`, channel: 'in_app', status: 'sent', reason: `fallback after email failed: ${error.message}`, dueAt: now, email: null },
          ]);
        });
        return 'failed';
      }
      await this.log.release(key, token, error.message, new Date(now.getTime() + backoff(claimed.attempts)), now);
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
