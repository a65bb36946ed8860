import { Clock, HOUR, MINUTE, UnitOfWork, type UserId } from '@cadenza/shared/kernel';
import { reminderKey, type DeliveryPlan, type FeedContent, type NotificationPreferences } from './model.js';
import { enqueuePlans, NotificationLinks, preferencesOf } from './notifier.js';
import { DeliveryLog, DeliveryQueue, NotificationDirectory, NotificationPreferenceStore, type LessonFacts } from './ports.js';
import { lessonTime, offsetWords, renderEmail } from './templates.js';

/**
 * Reminder rows are written only for sends due within this horizon; the sweep tops them up,
 * so a 12-week term does not create thousands of rows at once.
 */
export const REMINDER_HORIZON_MS = 48 * HOUR;

/** JSON with keys in a fixed order, for comparing what a store may hand back reordered (jsonb does). */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));
}

/**
 * Keeps a lesson's reminders in step with the lesson: writes the rows due within the horizon
 * (teacher, accompanist, students, and the guardians of students who are minors; each at
 * their own offsets or the school's, in-app and by email as they prefer, email after their
 * quiet hours), moves the unsent ones when the lesson moves, and skips them when it is cancelled.
 * A sent reminder stays sent: its key (lesson, person, offset, channel) never sends twice.
 */
export class PlanReminders {
  constructor(
    private readonly directory: NotificationDirectory,
    private readonly preferences: NotificationPreferenceStore,
    private readonly log: DeliveryLog,
    private readonly queue: DeliveryQueue,
    private readonly links: NotificationLinks,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  /** After a lesson event. */
  async forLesson(lessonId: string): Promise<void> {
    const lesson = await this.directory.lesson(lessonId);
    if (lesson) await this.forLessons([lesson]);
  }

  /** The sweep's top-up: every lesson whose reminders may fall due within the horizon. */
  async sweep(): Promise<number> {
    const now = this.clock.now();
    const largest = Math.max(...(await this.directory.schoolReminderOffsets()), (await this.preferences.largestReminderOffset()) ?? 0);
    const lessons = await this.directory.lessonsStarting(now, new Date(now.getTime() + REMINDER_HORIZON_MS + largest * MINUTE));
    return this.forLessons(lessons);
  }

  /** After someone changes their preferences: their own reminders only. */
  async forPerson(userId: UserId): Promise<void> {
    const now = this.clock.now();
    const largest = Math.max(...(await this.directory.schoolReminderOffsets()), (await this.preferences.largestReminderOffset()) ?? 0);
    const lessons = await this.directory.lessonsStarting(now, new Date(now.getTime() + REMINDER_HORIZON_MS + largest * MINUTE));
    await this.forLessons(lessons, userId);
  }

  /** Returns how many rows were added. */
  async forLessons(lessons: readonly LessonFacts[], onlyFor?: UserId): Promise<number> {
    const now = this.clock.now();
    const schoolOffsets = await this.directory.schoolReminderOffsets();
    const zone = await this.directory.schoolTimeZone();
    let added = 0;
    const queued: DeliveryPlan[] = [];
    for (const lesson of lessons) {
      const desired = lesson.cancelled || lesson.start.getTime() <= now.getTime() ? [] : await this.desired(lesson, schoolOffsets, zone);
      const wanted = onlyFor ? desired.filter((p) => p.recipientId === onlyFor) : desired;
      const byKey = new Map(wanted.map((p) => [p.key, p]));
      await this.uow.run(async () => {
        const existing = (await this.log.ofLesson(lesson.id)).filter((row) => !onlyFor || row.recipientId === onlyFor);
        const known = new Set(existing.map((row) => row.key));
        const gone: string[] = [];
        const late: string[] = [];
        for (const row of existing) {
          if (row.status !== 'queued' && row.status !== 'skipped') continue;
          const plan = byKey.get(row.key);
          if (!plan) {
            if (row.status === 'queued') gone.push(row.key);
            continue;
          }
          // A row already tried keeps the time its retries gave it, unless the lesson itself changed (its wording did).
          const sameContent = plan.status === row.status && canonical([plan.feed, plan.email]) === canonical([row.feed, row.email]);
          const same = sameContent && (row.attempts > 0 || (plan.dueAt.getTime() === row.dueAt.getTime() && plan.reason === row.reason));
          if (same) continue;
          if (plan.dueAt.getTime() < now.getTime()) {
            // Moved so close that this reminder's moment has passed: not sent late.
            if (row.status === 'queued') late.push(row.key);
          } else {
            await this.log.reschedule(row.key, plan.dueAt, plan, now);
            if (plan.status === 'queued') queued.push(plan);
          }
        }
        if (late.length > 0) await this.log.skip(late, 'lesson moved: too late for this reminder', now);
        if (gone.length > 0) await this.log.skip(gone, lesson.cancelled ? 'lesson cancelled' : 'lesson moved: this reminder no longer applies', now);
        const fresh = wanted.filter((p) => !known.has(p.key) && p.dueAt.getTime() >= now.getTime() && p.dueAt.getTime() <= now.getTime() + REMINDER_HORIZON_MS);
        const inserted = await this.log.plan(fresh);
        added += inserted.length;
        queued.push(...inserted.filter((p) => p.status === 'queued'));
      });
    }
    await enqueuePlans(this.queue, queued);
    return added;
  }

  /**
   * Every reminder the lesson should have before it starts, inside the horizon or not, due or
   * not (a row that has just fallen due must not look unwanted); only future ones are inserted.
   */
  private async desired(lesson: LessonFacts, schoolOffsets: readonly number[], schoolZone: string): Promise<DeliveryPlan[]> {
    const ids = new Set<UserId>([lesson.teacherId, ...lesson.studentIds]);
    if (lesson.accompanistId) ids.add(lesson.accompanistId);
    const students = await this.directory.recipients(lesson.studentIds);
    for (const student of students) if (student.minor) for (const guardian of await this.directory.guardiansOf(student.id)) ids.add(guardian);
    const people = await this.directory.recipients([...ids]);
    const prefs = await preferencesOf(this.preferences, lesson.schoolId, people);
    const plans: DeliveryPlan[] = [];
    for (const person of people) {
      const pref = prefs.get(person.id) as NotificationPreferences;
      for (const offset of pref.reminderOffsets ?? schoolOffsets) {
        const dueAt = new Date(lesson.start.getTime() - offset * MINUTE);
        const feed: FeedContent = {
          title: `Lesson in ${offsetWords(offset)}`,
          body: `Your lesson starts ${lessonTime(lesson.start, pref.timeZone || schoolZone)} (${pref.timeZone || schoolZone}).`,
          link: `/lessons/${lesson.id}`,
        };
        const base = { schoolId: lesson.schoolId, recipientId: person.id, kind: 'lesson.reminder' as const, lessonId: lesson.id, offsetMinutes: offset, sourceKey: `reminder:${lesson.id}:${person.id}:${offset}`, feed };
        plans.push({ ...base, key: reminderKey(lesson.id, person.id, offset, 'in_app'), channel: 'in_app', status: 'queued', reason: null, dueAt, email: null });
        const key = reminderKey(lesson.id, person.id, offset, 'email');
        if (!pref.wantsEmail('lesson.reminder')) {
          plans.push({ ...base, key, channel: 'email', status: 'skipped', reason: 'email is off for this type in the preferences', dueAt, email: null });
        } else if (!person.email) {
          plans.push({ ...base, key, channel: 'email', status: 'skipped', reason: 'no email address', dueAt, email: null });
        } else {
          const release = pref.emailReleaseAt(dueAt);
          const held = release.getTime() > dueAt.getTime();
          if (release.getTime() >= lesson.start.getTime()) {
            plans.push({ ...base, key, channel: 'email', status: 'skipped', reason: 'quiet hours last until the lesson starts', dueAt, email: null });
          } else {
            plans.push({ ...base, key, channel: 'email', status: 'queued', reason: held ? 'held until quiet hours end' : null, dueAt: release, email: renderEmail(person.email, feed, this.links.baseFor(person)) });
          }
        }
      }
    }
    return plans;
  }
}
