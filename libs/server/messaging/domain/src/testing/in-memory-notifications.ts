import type { SchoolId, UserId } from '@cadenza/shared/kernel';
import type { Delivery, DeliveryChannel, DeliveryPlan, EmailContent, FeedEntry, PreferencesState } from '../notifications/model.js';
import {
  DeliveryLog,
  DeliveryQueue,
  EmailFailure,
  EmailSender,
  NotificationDirectory,
  NotificationFeed,
  NotificationPreferenceStore,
  type DeliveryQuery,
  type HeldSend,
  type LessonFacts,
  type Recipient,
} from '../notifications/ports.js';

/** In-memory notification ports: copies in and out, as a database would. */
const copy = <T>(value: T): T => structuredClone(value);

export class InMemoryFeed extends NotificationFeed {
  readonly rows: FeedEntry[] = [];
  async add(entry: FeedEntry) {
    if (this.rows.some((r) => r.userId === entry.userId && r.sourceKey === entry.sourceKey)) return false;
    this.rows.push(copy(entry));
    return true;
  }
  async addMany(entries: readonly FeedEntry[]) {
    let added = 0;
    for (const entry of entries) if (await this.add(entry)) added++;
    return added;
  }
  async page(userId: UserId, query: { unread?: boolean; before?: Date; limit: number }) {
    const mine = this.rows.filter((r) => r.userId === userId);
    const items = mine
      .filter((r) => (!query.unread || !r.readAt) && (!query.before || r.createdAt < query.before))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .slice(0, query.limit)
      .map(copy);
    return { items, unreadCount: mine.filter((r) => !r.readAt).length };
  }
  async ownedBy(userId: UserId, ids: readonly string[]) {
    return ids.filter((id) => this.rows.some((r) => r.id === id && r.userId === userId));
  }
  async markRead(userId: UserId, ids: readonly string[] | null, at: Date) {
    let n = 0;
    for (const r of this.rows) {
      if (r.userId === userId && !r.readAt && (!ids || ids.includes(r.id))) {
        r.readAt = at;
        n++;
      }
    }
    return n;
  }
}

export class InMemoryPreferences extends NotificationPreferenceStore {
  readonly rows = new Map<string, PreferencesState>();
  async of(userId: UserId) {
    const row = this.rows.get(userId);
    return row ? copy(row) : null;
  }
  async ofMany(userIds: readonly UserId[]) {
    return userIds.flatMap((id) => (this.rows.has(id) ? [copy(this.rows.get(id) as PreferencesState)] : []));
  }
  async largestReminderOffset() {
    const all = [...this.rows.values()].flatMap((r) => r.reminderOffsets ?? []);
    return all.length ? Math.max(...all) : null;
  }
  async save(state: PreferencesState) {
    this.rows.set(state.userId, copy(state));
  }
}

/** As PostgreSQL's jsonb does, hands objects back with their keys in another order. */
const reordered = <T>(value: T): T => (value && typeof value === 'object' ? (Object.fromEntries(Object.entries(value).reverse()) as T) : value);

export class InMemoryDeliveryLog extends DeliveryLog {
  readonly rows = new Map<string, Delivery & { leaseUntil: Date | null }>();
  async plan(plans: readonly DeliveryPlan[]) {
    const inserted: DeliveryPlan[] = [];
    for (const p of plans) {
      if (this.rows.has(p.key)) continue;
      this.rows.set(p.key, {
        ...copy(p),
        digest: p.digest ?? false,
        feed: reordered(copy(p.feed)),
        email: reordered(copy(p.email)),
        id: globalThis.crypto.randomUUID(),
        attempts: 0,
        claimToken: null,
        sentAt: p.status === 'sent' ? p.dueAt : null,
        updatedAt: p.dueAt,
        leaseUntil: null,
      });
      inserted.push(copy(p));
    }
    return inserted;
  }
  async ofLesson(lessonId: string) {
    return [...this.rows.values()].filter((r) => r.lessonId === lessonId).map(copy);
  }
  async reschedule(key: string, dueAt: Date, plan: Pick<DeliveryPlan, 'status' | 'reason' | 'feed' | 'email'>, at: Date) {
    const row = this.rows.get(key);
    if (!row || (row.status !== 'queued' && row.status !== 'skipped')) return;
    Object.assign(row, copy(plan), { feed: reordered(copy(plan.feed)), email: reordered(copy(plan.email)), dueAt, claimToken: null, leaseUntil: null, updatedAt: at });
  }
  async skip(keys: readonly string[], reason: string, at: Date) {
    for (const key of keys) {
      const row = this.rows.get(key);
      if (row?.status === 'queued') Object.assign(row, { status: 'skipped', reason, claimToken: null, leaseUntil: null, updatedAt: at });
    }
  }
  async claimAcrossSchools(key: string, now: Date, leaseMs: number) {
    const row = this.rows.get(key);
    if (!row || row.status !== 'queued' || row.dueAt > now || (row.leaseUntil && row.leaseUntil > now)) return null;
    Object.assign(row, { claimToken: globalThis.crypto.randomUUID(), leaseUntil: new Date(now.getTime() + leaseMs), attempts: row.attempts + 1, updatedAt: now });
    return copy(row);
  }
  async claimWithDigestAcrossSchools(key: string, now: Date, leaseMs: number) {
    const row = this.rows.get(key);
    const claimable = (r: Delivery & { leaseUntil: Date | null }) => r.status === 'queued' && r.dueAt <= now && (!r.leaseUntil || r.leaseUntil <= now);
    if (!row || !claimable(row)) return [];
    const token = globalThis.crypto.randomUUID();
    const leaseUntil = new Date(now.getTime() + leaseMs);
    const together = row.digest && row.channel === 'email' ? [...this.rows.values()].filter((r) => r.digest && r.channel === 'email' && r.recipientId === row.recipientId && claimable(r)) : [row];
    return together
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map((r) => {
        Object.assign(r, { claimToken: token, leaseUntil, attempts: r.attempts + 1, updatedAt: now });
        return copy(r) as Delivery;
      });
  }
  async openDigest(recipientId: UserId, now: Date) {
    const open = [...this.rows.values()].filter((r) => r.digest && r.channel === 'email' && r.recipientId === recipientId && r.status === 'queued' && r.dueAt > now && (!r.leaseUntil || r.leaseUntil <= now));
    return open.length === 0 ? null : new Date(Math.min(...open.map((r) => r.dueAt.getTime())));
  }
  async prepareSentAll(keys: readonly string[], token: string, at: Date, reason: string | null) {
    const rows = keys.map((key) => this.rows.get(key));
    if (rows.some((row) => !row || row.status !== 'queued' || row.claimToken !== token)) return null;
    return {
      commit: async () => {
        if (rows.some((row) => !row || row.status !== 'queued' || row.claimToken !== token)) return false;
        for (const row of rows) if (row) Object.assign(row, { status: 'sent', sentAt: at, updatedAt: at, reason: reason ?? row.reason });
        return true;
      },
    };
  }
  private markSent(key: string, token: string, at: Date) {
    const row = this.rows.get(key);
    if (!row || row.status !== 'queued' || row.claimToken !== token) return false;
    Object.assign(row, { status: 'sent', sentAt: at, updatedAt: at });
    return true;
  }
  async prepareSent(key: string, token: string, at: Date) {
    const row = this.rows.get(key);
    if (!row || row.status !== 'queued' || row.claimToken !== token) return null;
    return { commit: async () => this.markSent(key, token, at) };
  }
  async release(key: string, token: string, reason: string, retryAt: Date, at: Date) {
    const row = this.rows.get(key);
    if (row?.claimToken === token) Object.assign(row, { status: 'queued', reason, dueAt: retryAt, claimToken: null, leaseUntil: null, sentAt: null, updatedAt: at });
  }
  async fail(key: string, token: string, reason: string, at: Date) {
    const row = this.rows.get(key);
    if (row?.claimToken === token) Object.assign(row, { status: 'failed', reason, leaseUntil: null, sentAt: null, updatedAt: at });
  }
  async claimDueAcrossSchools(channel: DeliveryChannel, now: Date, leaseMs: number, limit: number) {
    // Chosen and claimed in one step, as `for update skip locked` does: racing callers never share a row.
    return [...this.rows.values()]
      .filter((r) => r.status === 'queued' && r.channel === channel && r.dueAt <= now && (!r.leaseUntil || r.leaseUntil <= now))
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())
      .slice(0, limit)
      .map((row) => {
        Object.assign(row, { claimToken: globalThis.crypto.randomUUID(), leaseUntil: new Date(now.getTime() + leaseMs), attempts: row.attempts + 1, updatedAt: now });
        return copy(row) as Delivery;
      });
  }
  async markSentMany(claims: readonly { key: string; claimToken: string }[], at: Date) {
    const sent: string[] = [];
    for (const claim of claims) if (this.markSent(claim.key, claim.claimToken, at)) sent.push(claim.key);
    return sent;
  }
  async dueAcrossSchools(until: Date, now: Date, limit: number, channel?: DeliveryChannel) {
    return [...this.rows.values()]
      .filter((r) => r.status === 'queued' && (!channel || r.channel === channel) && r.dueAt <= until && (!r.leaseUntil || r.leaseUntil <= now))
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())
      .slice(0, limit)
      .map((r) => ({ key: r.key, dueAt: r.dueAt }));
  }
  async list(query: DeliveryQuery) {
    // Newest change first, then key descending, as the PostgreSQL log orders them.
    const order = (a: Delivery, b: Delivery) => b.updatedAt.getTime() - a.updatedAt.getTime() || (a.key < b.key ? 1 : a.key > b.key ? -1 : 0);
    const before = query.before;
    return [...this.rows.values()]
      .filter((r) => (!query.status || r.status === query.status) && (!query.recipientId || r.recipientId === query.recipientId))
      .filter((r) => !before || order({ updatedAt: before.updatedAt, key: before.key } as Delivery, r) < 0)
      .sort(order)
      .slice(0, query.limit)
      .map(copy);
  }
}

export class InMemoryNotificationDirectory extends NotificationDirectory {
  readonly people = new Map<string, Recipient>();
  readonly guardians = new Map<string, UserId[]>();
  readonly lessons = new Map<string, LessonFacts>();
  leads: UserId[] = [];
  adminIds: UserId[] = [];
  offsets = [1440, 60, 30];
  zone = 'Europe/London';
  async recipients(ids: readonly UserId[]) {
    return ids.flatMap((id) => (this.people.has(id) ? [copy(this.people.get(id) as Recipient)] : []));
  }
  async guardiansOf(studentId: UserId) {
    return [...(this.guardians.get(studentId) ?? [])];
  }
  async safeguardingLeads() {
    return [...this.leads];
  }
  async admins() {
    return [...this.adminIds];
  }
  async lesson(id: string) {
    const l = this.lessons.get(id);
    return l ? copy(l) : null;
  }
  async lessonsStarting(from: Date, to: Date) {
    return [...this.lessons.values()].filter((l) => !l.cancelled && l.start >= from && l.start < to).map(copy);
  }
  async schoolReminderOffsets() {
    return [...this.offsets];
  }
  async schoolTimeZone() {
    return this.zone;
  }
}

/** Records what it sends; told to, it fails (permanently or not) or crashes after confirming. */
export class RecordingEmailSender extends EmailSender {
  readonly sent: { key: string; mail: EmailContent }[] = [];
  failWith: EmailFailure | null = null;
  async send(key: string, mail: EmailContent, prepare: () => Promise<HeldSend | null>) {
    if (this.failWith) throw this.failWith;
    const held = await prepare();
    if (!held || !(await held.commit())) return 'abandoned' as const;
    this.sent.push({ key, mail: copy(mail) });
    return 'sent' as const;
  }
}

export class RecordingQueue extends DeliveryQueue {
  readonly jobs = new Map<string, Date>();
  async enqueue(jobs: readonly { key: string; dueAt: Date }[]) {
    for (const job of jobs) this.jobs.set(`${job.key}@${job.dueAt.getTime()}`, job.dueAt);
  }
}

export const SCHOOL = '00000000-0000-4000-8000-000000000001' as SchoolId;
