import { Clock, UnitOfWork, type UserId } from '@cadenza/shared/kernel';
import { enqueuePlans, Notifier } from './notifier.js';
import { PlanReminders } from './plan-reminders.js';
import { DeliveryQueue, NotificationDirectory, type IncomingEvent } from './ports.js';
import { lessonTime } from './templates.js';
import type { DeliveryPlan } from './model.js';

interface LessonPayload {
  lesson: { lessonId: string; teacherId: string; studentIds: string[]; accompanistId: string | null; start: string; end: string };
  previous?: { start: string; end: string };
}
interface RequestPayload {
  requestId: string;
  kind: string;
  requestedBy: string;
  teacherId?: string;
}
interface MessagePayload {
  threadId: string;
  messageId?: string;
  actorId?: string;
  participantIds?: string[];
  flagId?: string;
}

const REQUEST_WORDS: Record<string, string> = {
  'lesson_request.approved': 'approved',
  'lesson_request.declined': 'declined',
  'lesson_request.countered': 'answered with another time',
};

/**
 * Turns integration events into notifications and keeps reminders in step with lessons:
 * a flag goes to the safeguarding lead; a moved or cancelled lesson to its people (teacher,
 * accompanist, students, guardians of minors); a new request to its teacher and a decision on it
 * to its author; a new
 * message to the thread's other participants. Called with the events' school in context.
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
          case 'message.flagged': {
            const p = event.payload as MessagePayload;
            planned.push(
              ...(await this.notifier.notify(
                { ...base, kind: 'message.flagged', recipientIds: await this.directory.safeguardingLeads(), content: () => ({ title: 'A message was flagged', body: 'A message was flagged for safeguarding review.', link: `/safeguarding/threads/${p.threadId}` }) },
                now,
              )),
            );
            break;
          }
          case 'message.created': {
            const p = event.payload as MessagePayload;
            const others = (p.participantIds ?? []).filter((id) => id !== p.actorId) as UserId[];
            planned.push(...(await this.notifier.notify({ ...base, kind: 'message.received', recipientIds: others, content: () => ({ title: 'New message', body: 'You have a new message.', link: `/messages/${p.threadId}` }) }, now)));
            break;
          }
          case 'lesson.moved':
          case 'lesson.cancelled': {
            const p = event.payload as LessonPayload;
            lessons.add(p.lesson.lessonId);
            const people = new Set<UserId>([p.lesson.teacherId, ...p.lesson.studentIds] as UserId[]);
            if (p.lesson.accompanistId) people.add(p.lesson.accompanistId as UserId);
            for (const student of await this.directory.recipients(p.lesson.studentIds as UserId[])) {
              if (student.minor) for (const guardian of await this.directory.guardiansOf(student.id)) people.add(guardian);
            }
            const moved = event.type === 'lesson.moved';
            planned.push(
              ...(await this.notifier.notify(
                {
                  ...base,
                  kind: 'lesson.changed',
                  recipientIds: [...people],
                  content: (r) => ({
                    title: moved ? 'Lesson moved' : 'Lesson cancelled',
                    body: moved
                      ? `A lesson${p.previous ? ` on ${lessonTime(new Date(p.previous.start), r.timeZone)}` : ''} moved to ${lessonTime(new Date(p.lesson.start), r.timeZone)} (${r.timeZone}).`
                      : `The lesson on ${lessonTime(new Date(p.lesson.start), r.timeZone)} (${r.timeZone}) is cancelled.`,
                    link: `/lessons/${p.lesson.lessonId}`,
                  }),
                },
                now,
              )),
            );
            break;
          }
          case 'lesson.scheduled':
            lessons.add((event.payload as LessonPayload).lesson.lessonId);
            break;
          case 'lesson_request.created': {
            // A new request waits on its teacher (unless the teacher made it).
            const p = event.payload as RequestPayload;
            if (!p.teacherId || p.teacherId === p.requestedBy) break;
            planned.push(
              ...(await this.notifier.notify(
                { ...base, kind: 'lesson-request.updated', recipientIds: [p.teacherId as UserId], content: () => ({ title: 'A new request', body: `A ${p.kind.replaceAll('_', ' ')} request is waiting for your decision.`, link: '/requests' }) },
                now,
              )),
            );
            break;
          }
          case 'lesson_request.approved':
          case 'lesson_request.declined':
          case 'lesson_request.countered': {
            const p = event.payload as RequestPayload;
            const words = REQUEST_WORDS[event.type];
            planned.push(
              ...(await this.notifier.notify(
                { ...base, kind: 'lesson-request.updated', recipientIds: [p.requestedBy as UserId], content: () => ({ title: `Your request was ${words}`, body: `Your ${p.kind.replaceAll('_', ' ')} request was ${words}.`, link: '/requests' }) },
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
