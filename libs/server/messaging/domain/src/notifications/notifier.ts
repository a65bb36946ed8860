import type { SchoolId, UserId } from '@cadenza/shared/kernel';
import { NotificationPreferences, type DeliveryPlan, type FeedContent, type NotificationKind } from './model.js';
import { DeliveryLog, DeliveryQueue, NotificationDirectory, NotificationFeed, NotificationPreferenceStore, type Recipient } from './ports.js';
import { renderEmail } from './templates.js';

/**
 * Where links in emails point: the deployment's public address, in the app the reader uses. Both apps
 * answer the same paths (`/lessons/:id`, `/messages/:id`); staff read theirs in the console, at `/console`.
 */
export class NotificationLinks {
  constructor(readonly publicUrl: string) {}

  /** The address a recipient's email links start with. */
  baseFor(recipient: Pick<Recipient, 'staff'>): string {
    const root = this.publicUrl.replace(/\/$/, '');
    return recipient.staff ? `${root}/console` : root;
  }
}

/** Everyone's preferences, loaded at once; defaults for whoever has chosen nothing. */
export async function preferencesOf(store: NotificationPreferenceStore, schoolId: SchoolId, people: readonly Recipient[]): Promise<Map<UserId, NotificationPreferences>> {
  const saved = new Map((await store.ofMany(people.map((p) => p.id))).map((s) => [s.userId, s]));
  return new Map(
    people.map((p) => {
      const state = saved.get(p.id);
      return [p.id, state ? NotificationPreferences.restore(state) : NotificationPreferences.defaults(p.id, schoolId, p.timeZone)];
    }),
  );
}

export interface NotificationRequest {
  schoolId: SchoolId;
  kind: NotificationKind;
  /** What caused it: one feed entry per person and source, however often it is handled. */
  sourceKey: string;
  recipientIds: readonly UserId[];
  content: (recipient: Recipient) => FeedContent;
}

/**
 * Writes a notification for each person: in the feed at once (always), and by email when
 * the person wants this type by email, after their quiet hours. Each send is a row of the
 * delivery log keyed by source, person and channel, so handling a cause twice sends nothing twice.
 *
 * With a digest window (`digestWindowMs` > 0), an email waits: it joins the person's open digest
 * (an email of theirs already waiting to go) or opens one that goes when the window ends, and
 * every email of the digest goes out together as one email (see DeliverDue). Quiet hours hold
 * the digest until they end. With no window, each email goes at once, on its own.
 */
export class Notifier {
  constructor(
    private readonly feed: NotificationFeed,
    private readonly preferences: NotificationPreferenceStore,
    private readonly log: DeliveryLog,
    private readonly directory: NotificationDirectory,
    private readonly links: NotificationLinks,
    private readonly digestWindowMs = 0,
  ) {}

  /** Writes the feed entries and plans the emails; returns the planned emails, for the queue. */
  async notify(request: NotificationRequest, now: Date): Promise<DeliveryPlan[]> {
    const ids = [...new Set(request.recipientIds)];
    if (ids.length === 0) return [];
    const people = await this.directory.recipients(ids);
    const prefs = await preferencesOf(this.preferences, request.schoolId, people);
    const plans: DeliveryPlan[] = [];
    for (const person of people) {
      const content = request.content(person);
      const base = { schoolId: request.schoolId, recipientId: person.id, kind: request.kind, sourceKey: request.sourceKey, lessonId: null, offsetMinutes: null, feed: content };
      await this.feed.add({ id: globalThis.crypto.randomUUID(), schoolId: request.schoolId, userId: person.id, kind: request.kind, sourceKey: request.sourceKey, createdAt: now, readAt: null, ...content });
      plans.push({ ...base, key: `${request.sourceKey}:${person.id}:in_app`, channel: 'in_app', status: 'sent', reason: null, dueAt: now, email: null });
      const pref = prefs.get(person.id);
      const key = `${request.sourceKey}:${person.id}:email`;
      if (!pref?.wantsEmail(request.kind)) {
        plans.push({ ...base, key, channel: 'email', status: 'skipped', reason: 'email is off for this type in the preferences', dueAt: now, email: null });
      } else if (!person.email) {
        plans.push({ ...base, key, channel: 'email', status: 'skipped', reason: 'no email address', dueAt: now, email: null });
      } else {
        const digest = this.digestWindowMs > 0;
        // The end of the person's open digest, or of a new window; either way no earlier than their quiet hours allow.
        const windowEnd = digest ? ((await this.log.openDigest(person.id, now)) ?? new Date(now.getTime() + this.digestWindowMs)) : now;
        const release = pref.emailReleaseAt(windowEnd);
        plans.push({
          ...base,
          key,
          channel: 'email',
          status: 'queued',
          reason: release.getTime() > windowEnd.getTime() ? 'held until quiet hours end' : digest ? 'waiting to go with any others in one email' : null,
          dueAt: release,
          email: renderEmail(person.email, content, this.links.baseFor(person)),
          digest,
        });
      }
    }
    const inserted = await this.log.plan(plans);
    return inserted.filter((p) => p.status === 'queued');
  }
}

/** Hands planned sends to the queue; the sweep catches whatever this misses. */
export async function enqueuePlans(queue: DeliveryQueue, plans: readonly DeliveryPlan[]): Promise<void> {
  const jobs = plans.filter((p) => p.status === 'queued').map((p) => ({ key: p.key, dueAt: p.dueAt }));
  if (jobs.length > 0) await queue.enqueue(jobs);
}
