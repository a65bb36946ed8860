import { Clock, UnitOfWork, type UserId } from '@cadenza/shared/kernel';
import { enqueuePlans, Notifier } from './notifier.js';
import { PlanReminders } from './plan-reminders.js';
import { DeliveryQueue, NotificationDirectory, type IncomingEvent } from './ports.js';
import { calendarDay, lessonTime } from './templates.js';
import type { DeliveryPlan } from './model.js';

const REQUEST_WORDS = {
  'lesson_request.approved.v1': 'approved',
  'lesson_request.declined.v1': 'declined',
  'lesson_request.countered.v1': 'answered with another time',
} as const;

/**
 * Turns integration events into notifications and keeps reminders in step with lessons:
 * a flag, and a thread the safeguarding rule newly holds (a guardian must join, or the lead now oversees it), go to the
 * safeguarding lead; a moved or cancelled lesson to its people (teacher,
 * accompanist, students, guardians of minors); a new request to its teacher and the school's admins, and a decision on it
 * to its author; a new
 * message to the thread's other participants; a teacher's registers missing at the school's reminder time to the teacher;
 * an absence streak to the admins, and the student's guardians where the school says so. Called with the events' school
 * in context.
 */
export class HandleNotificationEvents {
  constructor(
    private readonly notifier: Notifier,
    private readonly reminders: PlanReminders,
    private readonly directory: NotificationDirectory,
    private readonly queue: DeliveryQueue,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(events: readonly IncomingEvent[]): Promise<void> {
    const now = this.clock.now();
    const planned: DeliveryPlan[] = [];
    const lessons = new Set<string>();
    await this.uow.run(async () => {
      for (const event of events) {
        const sourceKey = `event:${event.id}`;
        const base = { schoolId: event.schoolId, sourceKey };
        switch (event.type) {
          case 'message.flagged.v1': {
            const p = event.payload;
            planned.push(
              ...(await this.notifier.notify(
                { ...base, kind: 'message.flagged', recipientIds: await this.directory.safeguardingLeads(), content: () => ({ title: 'A message was flagged', body: 'A message was flagged for safeguarding review.', link: `/safeguarding/threads/${p.threadId}` }) },
                now,
              )),
            );
            break;
          }
          case 'thread.safeguarding_changed.v1': {
            const p = event.payload;
            const words =
              p.change === 'guardian_required'
                ? { title: 'A conversation needs a guardian', body: 'A conversation now has a minor without a parent or guardian of theirs: nobody can post in it until one joins.' }
                : { title: 'A conversation is under your oversight', body: 'A conversation with a minor and an adult who is not their guardian is now under your oversight.' };
            planned.push(
              ...(await this.notifier.notify(
                { ...base, kind: 'message.flagged', recipientIds: await this.directory.safeguardingLeads(), content: () => ({ ...words, link: `/safeguarding/threads/${p.threadId}` }) },
                now,
              )),
            );
            break;
          }
          case 'message.created.v1': {
            const p = event.payload;
            const others = p.participantIds.filter((id) => id !== p.actorId);
            planned.push(...(await this.notifier.notify({ ...base, kind: 'message.received', recipientIds: others, content: () => ({ title: 'New message', body: 'You have a new message.', link: `/messages/${p.threadId}` }) }, now)));
            break;
          }
          case 'lesson.moved.v1':
          case 'lesson.cancelled.v1': {
            const p = event.payload;
            lessons.add(p.lesson.lessonId);
            const people = new Set<UserId>([p.lesson.teacherId, ...p.lesson.studentIds]);
            if (p.lesson.accompanistId) people.add(p.lesson.accompanistId);
            for (const student of await this.directory.recipients(p.lesson.studentIds)) {
              if (student.minor) for (const guardian of await this.directory.guardiansOf(student.id)) people.add(guardian);
            }
            const previous = event.type === 'lesson.moved.v1' ? event.payload.previous : null;
            // An edit (other people, room or length) comes as a move whose start stayed.
            const retimed = !!previous && previous.start !== p.lesson.start;
            planned.push(
              ...(await this.notifier.notify(
                {
                  ...base,
                  kind: 'lesson.changed',
                  recipientIds: [...people],
                  content: (r) => ({
                    title: event.type === 'lesson.moved.v1' ? (retimed ? 'Lesson moved' : 'Lesson changed') : 'Lesson cancelled',
                    body:
                      event.type === 'lesson.moved.v1'
                        ? retimed
                          ? `A lesson on ${lessonTime(new Date(previous.start), r.timeZone)} moved to ${lessonTime(new Date(p.lesson.start), r.timeZone)} (${r.timeZone}).`
                          : `The lesson on ${lessonTime(new Date(p.lesson.start), r.timeZone)} (${r.timeZone}) changed: see who it is with, where and how long.`
                        : `The lesson on ${lessonTime(new Date(p.lesson.start), r.timeZone)} (${r.timeZone}) is cancelled.`,
                    link: `/lessons/${p.lesson.lessonId}`,
                  }),
                },
                now,
              )),
            );
            break;
          }
          case 'attendance.registers_missing.v1': {
            const p = event.payload;
            const count = p.lessons.length;
            // The register opens on the school day of the earliest lesson reminded of: one that ended after yesterday's
            // reminder is yesterday's, though it is reminded of today.
            const earliest = p.lessons.reduce((first, l) => (l.start < first ? l.start : first), p.lessons[0]?.start ?? '');
            const day = earliest ? calendarDay(new Date(earliest), p.timeZone) : p.day;
            planned.push(
              ...(await this.notifier.notify(
                {
                  ...base,
                  kind: 'attendance.register-missing',
                  recipientIds: [p.teacherId],
                  content: (r) => ({
                    title: count === 1 ? 'A register to complete' : `${count} registers to complete`,
                    body: `${count === 1 ? 'A lesson of yours' : `${count} lessons of yours`} ended without a complete register: ${p.lessons.map((l) => lessonTime(new Date(l.start), r.timeZone)).join(', ')} (${r.timeZone}).`,
                    link: `/register?date=${day}`,
                  }),
                },
                now,
              )),
            );
            break;
          }
          case 'attendance.absence_streak.v1': {
            // The admins always; the student's guardians (with any access) when the school turned that on.
            const p = event.payload;
            const guardians = p.notifyGuardians ? await this.directory.guardiansOf(p.studentId) : [];
            const admins = await this.directory.admins();
            const missed = `${p.lessonIds.length} lessons in a row without notice`;
            planned.push(
              ...(await this.notifier.notify(
                {
                  ...base,
                  kind: 'attendance.absence-streak',
                  recipientIds: [...admins, ...guardians],
                  content: (r) =>
                    r.staff
                      ? { title: 'Absences without notice', body: `A student has missed ${missed}.`, link: `/people/students/${p.studentId}` }
                      : { title: 'Missed lessons', body: `Your child has missed ${missed}. Please let the school know if they will be away.`, link: `/lessons/${p.lessonIds[p.lessonIds.length - 1]}` },
                },
                now,
              )),
            );
            break;
          }
          case 'lesson.scheduled.v1':
            lessons.add(event.payload.lesson.lessonId);
            break;
          case 'lesson_request.created.v1': {
            // A new request waits on its teacher, and the school's admins may decide it too (whoever made it is not told).
            const p = event.payload;
            const deciders = [p.teacherId, ...(await this.directory.admins())].filter((id) => id !== p.requestedBy);
            const what = `A ${p.kind.replaceAll('_', ' ')} request`;
            planned.push(
              ...(await this.notifier.notify(
                {
                  ...base,
                  kind: 'lesson-request.updated',
                  recipientIds: deciders,
                  content: (r) => ({ title: 'A new request', body: r.id === p.teacherId ? `${what} is waiting for your decision.` : `${what} is waiting for a decision by its teacher or an admin.`, link: '/requests' }),
                },
                now,
              )),
            );
            break;
          }
          case 'lesson_request.approved.v1':
          case 'lesson_request.declined.v1':
          case 'lesson_request.countered.v1': {
            const p = event.payload;
            const words = REQUEST_WORDS[event.type];
            planned.push(
              ...(await this.notifier.notify(
                { ...base, kind: 'lesson-request.updated', recipientIds: [p.requestedBy], content: () => ({ title: `Your request was ${words}`, body: `Your ${p.kind.replaceAll('_', ' ')} request was ${words}.`, link: '/requests' }) },
                now,
              )),
            );
            break;
          }
        }
      }
      for (const lessonId of lessons) await this.reminders.forLesson(lessonId);
    });
    await enqueuePlans(this.queue, planned);
  }
}
