import type { UserId } from '@cadenza/shared/kernel';
import type { OutgoingEvent, SchedulingIntegrationEvent } from '@cadenza/shared/integration-events';
import type { Availability } from '../model/availability.js';
import type { Closure, Term } from '../model/calendar.js';
import type { ClosureId, LessonId, LessonRequestId, LessonTypeId, MakeupCreditId, RoomId, SeriesId, TermId } from '../model/ids.js';
import type { LessonRequest, LessonRequestStatus } from '../model/lesson-request.js';
import type { LessonSeries } from '../model/lesson-series.js';
import type { LessonType } from '../model/lesson-type.js';
import type { Lesson } from '../model/lesson.js';
import type { MakeupCredit } from '../model/makeup-credit.js';
import type { Room } from '../model/room.js';
import type { SchedulingPolicy } from '../model/scheduling-policy.js';
import type { LocalDate } from '../time/zoned-time.js';

/**
 * Ports of the scheduling context. Every read and write is scoped to the current
 * tenant (the actor's school) by the adapter's tenancy mechanism.
 */
export abstract class RoomRepository {
  abstract add(room: Room): Promise<void>;
  abstract update(room: Room): Promise<void>;
  abstract byId(id: RoomId): Promise<Room | null>;
  abstract list(filter?: { activeOnly?: boolean }): Promise<Room[]>;
}

/** Terms and closures: the school's calendar. */
export abstract class CalendarRepository {
  abstract addTerm(term: Term): Promise<void>;
  abstract updateTerm(term: Term): Promise<void>;
  /** Removes the term; the caller has made sure no series runs in it. */
  abstract removeTerm(id: TermId): Promise<void>;
  abstract termById(id: TermId): Promise<Term | null>;
  abstract terms(): Promise<Term[]>;
  abstract addClosure(closure: Closure): Promise<void>;
  abstract updateClosure(closure: Closure): Promise<void>;
  abstract removeClosure(id: ClosureId): Promise<void>;
  abstract closureById(id: ClosureId): Promise<Closure | null>;
  /** Closures overlapping the inclusive local date range, or all when no range is given. */
  abstract closures(range?: { from: LocalDate; to: LocalDate }): Promise<Closure[]>;
}

export abstract class LessonTypeRepository {
  abstract add(type: LessonType): Promise<void>;
  abstract update(type: LessonType): Promise<void>;
  /** Removes the type; the caller has made sure no lesson or series uses it. */
  abstract remove(id: LessonTypeId): Promise<void>;
  abstract byId(id: LessonTypeId): Promise<LessonType | null>;
  abstract list(): Promise<LessonType[]>;
}

export abstract class AvailabilityRepository {
  /** Inserts or replaces a person's availability (windows, exceptions and buffer). */
  abstract save(availability: Availability): Promise<void>;
  abstract of(personId: UserId): Promise<Availability | null>;
  abstract ofMany(personIds: readonly UserId[]): Promise<Availability[]>;
}

export interface LessonQuery {
  from: Date;
  to: Date;
  teacherId?: UserId;
  studentId?: UserId;
  roomId?: RoomId;
  accompanistId?: UserId;
  includeCancelled?: boolean;
  /**
   * Only lessons in which any of these people take part, in any role (a family: the parent and their children):
   * read through those people's attendances, so the cost follows their lessons, not the school's.
   */
  involving?: readonly UserId[];
}

/** Whose time to look at: lessons in which any of these people (in any role) or rooms take part. */
export interface BusyQuery {
  from: Date;
  to: Date;
  teacherIds: readonly UserId[];
  studentIds: readonly UserId[];
  roomIds: readonly RoomId[];
  accompanistIds: readonly UserId[];
}

export abstract class LessonRepository {
  /**
   * Adds lessons, all or none. The database's exclusion constraints may still refuse one
   * (a race between two bookings): the adapter then throws `SCHEDULING.CONFLICT` (conflict).
   */
  abstract add(lessons: readonly Lesson[]): Promise<void>;
  /** Saves a changed lesson; a move refused by the exclusion constraints throws `SCHEDULING.CONFLICT`. */
  abstract update(lesson: Lesson): Promise<void>;
  abstract byId(id: LessonId): Promise<Lesson | null>;
  /** The lessons with these ids, in any order; ids of no lesson (of this school) are left out. */
  abstract byIds(ids: readonly LessonId[]): Promise<Lesson[]>;
  /** Lessons overlapping [from, to), filtered; cancelled ones only when asked. Ordered by start. */
  abstract inRange(query: LessonQuery): Promise<Lesson[]>;
  /**
   * Non-cancelled lessons overlapping [from, to) in which any of the people takes part in any
   * role (the id lists are one pool of people: a teacher busy as someone's accompanist is busy),
   * or that use any of the rooms.
   */
  abstract busyFor(query: BusyQuery): Promise<Lesson[]>;
  /** The series' scheduled lessons starting at or after `from`, ordered by start; its cancelled and completed ones too when asked. */
  abstract ofSeries(seriesId: SeriesId, from: Date, options?: { anyStatus?: boolean }): Promise<Lesson[]>;
  /** How many lessons (in any state) and series are of the lesson type. */
  abstract countOfType(typeId: LessonTypeId): Promise<number>;
}

export abstract class SeriesRepository {
  abstract add(series: LessonSeries): Promise<void>;
  abstract update(series: LessonSeries): Promise<void>;
  abstract byId(id: SeriesId): Promise<LessonSeries | null>;
  /** The series that run in the term, by first date. */
  abstract inTerm(termId: TermId): Promise<LessonSeries[]>;
}

export abstract class LessonRequestRepository {
  /**
   * Adds a request. One request per lesson, kind and student may be open (pending or countered): a second is refused with
   * `requestExists` (the adapter's unique index holds it when two are added at once).
   */
  abstract add(request: LessonRequest): Promise<void>;
  abstract update(request: LessonRequest): Promise<void>;
  abstract byId(id: LessonRequestId): Promise<LessonRequest | null>;
  /** Requests in which any of the people is the requester, the student or the teacher; all when `involving` is absent. */
  abstract list(filter: { involving?: readonly UserId[]; status?: LessonRequestStatus }): Promise<LessonRequest[]>;
  /** The open requests (pending or countered) about these lessons, in one read. */
  abstract openAbout(lessonIds: readonly LessonId[]): Promise<LessonRequest[]>;
}

export abstract class MakeupCreditRepository {
  abstract add(credits: readonly MakeupCredit[]): Promise<void>;
  abstract update(credit: MakeupCredit): Promise<void>;
  /** Inside a unit of work the adapter locks the row, so one credit cannot be spent twice. */
  abstract byId(id: MakeupCreditId): Promise<MakeupCredit | null>;
  abstract ofStudent(studentId: UserId): Promise<MakeupCredit[]>;
  /** Every credit of the school, soonest expiry first. */
  abstract all(): Promise<MakeupCredit[]>;
  /** Marks every available credit whose expiry is at or before `now` as expired and returns them. */
  abstract expireDue(now: Date): Promise<MakeupCredit[]>;
}

/** One change recorded about a lesson or its series, as the school's audit trail holds it. */
export interface HistoryEntry {
  at: Date;
  /** Null for the school's own processes (a sweep). */
  actorId: UserId | null;
  /** `scheduling.lesson.moved`, `scheduling.series.split`, … */
  action: string;
  entityType: 'lesson' | 'lesson_series';
  /** The names of the fields the change recorded (never their values). */
  fields: string[];
}

/** What was done to a lesson and its series, newest first: read from the audit trail, which scheduling writes but does not own. */
export abstract class LessonHistory {
  abstract of(subject: { lessonId: LessonId; seriesId: SeriesId | null }, limit: number): Promise<HistoryEntry[]>;
}

export abstract class SchedulingPolicyRepository {
  /** The school's policy, or null when it still has the defaults. */
  abstract get(): Promise<SchedulingPolicy | null>;
  abstract save(policy: SchedulingPolicy): Promise<void>;
}

export interface DirectoryPerson {
  id: UserId;
  roles: readonly string[];
  name: string;
  /** They left the school (archived): kept for the lessons they had, never booked again. */
  archived: boolean;
}

/** What scheduling needs to know about the school and its people; implemented by the app over identity. */
export abstract class SchoolDirectory {
  /** The school's IANA time zone. */
  abstract timeZone(): Promise<string>;
  abstract person(id: UserId): Promise<DirectoryPerson | null>;
  /** The people among `ids` that exist (in this school), in no particular order; one lookup for all. */
  abstract people(ids: readonly UserId[]): Promise<DirectoryPerson[]>;
  /** A parent's access to a child: `view` reads, `full` reads and acts; null when not their child. */
  abstract guardianAccess(parentId: UserId, studentId: UserId): Promise<'view' | 'full' | null>;
  abstract childrenOf(parentId: UserId): Promise<{ studentId: UserId; access: 'view' | 'full' }[]>;
  /** For each of these students, the guardians with any access (`view` or `full`) to them; students with none are absent. One read for all. */
  abstract guardiansOf(studentIds: readonly UserId[]): Promise<Map<UserId, UserId[]>>;
}

/**
 * Scheduling's integration events (types and payloads in `@cadenza/shared/integration-events`),
 * with the school they belong to and when they happened.
 */
export type SchedulingEvent = OutgoingEvent<SchedulingIntegrationEvent>;

export type SchedulingEventType = SchedulingEvent['type'];

/** Integration events; the adapter writes them to an outbox in the same unit of work. */
export abstract class SchedulingEvents {
  abstract publish(events: readonly SchedulingEvent[]): Promise<void>;
}
