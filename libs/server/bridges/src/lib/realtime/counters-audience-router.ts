import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { safeguardingRecipients } from '@cadenza/server/messaging/domain';
import { RealtimePresence, RealtimeRooms, RealtimeRouter, type RealtimeDelivery, type RelayedEvent } from '@cadenza/server/platform/realtime';
import { ComputeDashboardCounters, DashboardReadModel, type DashboardPerson } from '@cadenza/server/reporting/domain';
import { REALTIME_EVENTS } from '@cadenza/shared/contracts';
import { asId, type UserId } from '@cadenza/shared/kernel';
import { dispatchEvent, type IntegrationEventHandlers, type StoredEvent } from '@cadenza/shared/integration-events';

/** Whose home-page counters a batch changed. */
interface Affected {
  people: Set<string>;
  students: Set<string>;
  allAdmins: boolean;
  leads: boolean;
}

type LessonEvent = Extract<StoredEvent, { type: 'lesson.scheduled.v1' | 'lesson.moved.v1' | 'lesson.cancelled.v1' }>;

/** The events that change counters, and how, recorded into `a`: a handler map, so an unknown or renamed event type fails to compile. */
function counterChanges(a: Affected): IntegrationEventHandlers<StoredEvent, void> {
  const lesson = ({ payload: { lesson } }: LessonEvent) => {
    a.allAdmins = true;
    a.people.add(lesson.teacherId);
    if (lesson.accompanistId) a.people.add(lesson.accompanistId);
    for (const student of lesson.studentIds) a.students.add(student);
  };
  const request = () => {
    a.allAdmins = true;
  };
  return {
    'lesson.scheduled.v1': lesson,
    'lesson.moved.v1': lesson,
    'lesson.cancelled.v1': lesson,
    'lesson_request.created.v1': request,
    'lesson_request.approved.v1': request,
    'lesson_request.declined.v1': request,
    'lesson_request.countered.v1': request,
    'lesson_request.withdrawn.v1': request,
    'message.created.v1': ({ payload }) => {
      for (const participant of payload.participantIds) if (participant !== payload.actorId) a.people.add(participant);
    },
    'thread.read.v1': ({ payload }) => {
      a.people.add(payload.readerId);
    },
    'message.flagged.v1': () => {
      a.leads = true;
    },
    // A mark, a start or an end: the admins' lessons in progress, students checked in and registers missing.
    'attendance.register_changed.v1': () => {
      a.allAdmins = true;
    },
  };
}

/**
 * Whose home-page counters an outbox batch changes, and their new counters as
 * `counters.updated.v1` to each one's own room. A lesson booked, moved or cancelled changes
 * its teacher's, accompanist's and students' counters, their guardians', and the admins'
 * (today's lessons, in progress, free rooms); a request created or decided, the admins'
 * pending requests; a message, its other participants' unread count; a read, the reader's;
 * a flag, the counters of whoever receives the school's flags (messaging's `safeguardingRecipients`); a register
 * changed (a mark, a lesson started or ended), the admins' (in progress, checked in, missing). Each affected
 * person is computed once per batch, all of them together (a few queries a batch), and only
 * if they have a socket open on some api process at the time.
 *
 * Counters are a convenience derived from records already saved: should computing them
 * fail, the batch's other pushes still go out (clients read the counters on their next load).
 * The app computes them after the relay's batch, in a transaction of their own
 * (`CountersInBackground`); inside another transaction their reads run in a savepoint, so a
 * failed query cannot abort it.
 */
@Injectable()
export class CountersAudienceRouter extends RealtimeRouter {
  private readonly logger = new Logger('CountersAudienceRouter');

  constructor(
    private readonly em: EntityManager,
    private readonly readModel: DashboardReadModel,
    private readonly compute: ComputeDashboardCounters,
    private readonly presence: RealtimePresence,
  ) {
    super();
  }

  async route(events: readonly RelayedEvent[]): Promise<RealtimeDelivery[]> {
    try {
      return await this.em.transactional(() => this.countersFor(events));
    } catch (error) {
      this.logger.warn({ err: error, events: events.length }, 'counters not pushed for this batch');
      return [];
    }
  }

  private async countersFor(events: readonly RelayedEvent[]): Promise<RealtimeDelivery[]> {
    const affected: Affected = { people: new Set(), students: new Set(), allAdmins: false, leads: false };
    const changes = counterChanges(affected);
    for (const event of events) dispatchEvent(event, changes);
    const { people, students, allAdmins, leads } = affected;
    if (!allAdmins && !leads && people.size === 0 && students.size === 0) return [];

    const ids = (values: Iterable<string>) => [...values].map((v) => asId<UserId>(v));
    for (const student of students) people.add(student);
    const [guardians, admins] = await Promise.all([
      students.size > 0 ? this.readModel.guardiansOf(ids(students)) : Promise.resolve([]),
      allAdmins || leads ? this.readModel.admins() : Promise.resolve<DashboardPerson[]>([]),
    ]);
    for (const guardian of guardians) people.add(guardian);
    const affectedAdmins = allAdmins ? admins : safeguardingRecipients(admins);
    for (const admin of affectedAdmins) people.delete(admin.id);
    // Only for whoever is connected now: anyone else reads their counters when they next open a page.
    const connected = await this.presence.connectedUsers([...affectedAdmins.map((a) => a.id), ...people]);
    const listeningAdmins = affectedAdmins.filter((a) => connected.has(a.id));
    const listening = [...people].filter((p) => connected.has(p));
    if (listeningAdmins.length === 0 && listening.length === 0) return [];
    const subjects = [...listeningAdmins, ...(listening.length > 0 ? await this.readModel.people(ids(listening)) : [])];

    // The admins read above answer who receives the flags too: the computation need not read them again.
    const counters = await this.compute.execute(subjects, allAdmins || leads ? { flagRecipients: safeguardingRecipients(admins).map((a) => a.id) } : {});
    return [...counters].map(([userId, payload]) => ({ rooms: [RealtimeRooms.user(userId)], event: REALTIME_EVENTS.countersUpdated, payload }));
  }
}
