import { DAY, DomainError, type UserId, type Actor } from '@cadenza/shared/kernel';
import { hasRole, isAdmin } from '../model/actor.js';
import type { LessonRequestId, RoomId } from '../model/ids.js';
import type { LessonRequestKind } from '../model/lesson-request.js';
import { Lesson } from '../model/lesson.js';
import { LessonRepository, LessonRequestRepository, SchoolDirectory } from '../ports/index.js';
import { canSeeLesson } from './access.js';

export const MAX_LIST_RANGE_DAYS = 93;

export interface ListedLesson {
  lesson: Lesson;
  /** `full`: the actor may see the lesson; `occupancy`: staff seeing who else uses a room get the slot only (no students, no reason). */
  visibility: 'full' | 'occupancy';
  /** The open requests about the lesson the reader may see ("request pending"): staff all, a family its own students'. */
  openRequests: { id: LessonRequestId; kind: LessonRequestKind }[];
}

/**
 * Lessons in a range, filtered, as the actor may see them: admins all; teachers and accompanists
 * their own, plus a room's occupancy when they filter by room; students their own; parents
 * their children's (view or full access).
 */
export class ListLessons {
  constructor(
    private readonly lessons: LessonRepository,
    private readonly directory: SchoolDirectory,
    private readonly requests: LessonRequestRepository,
  ) {}

  async execute(
    actor: Actor,
    query: { from: Date; to: Date; teacherId?: UserId; studentId?: UserId; roomId?: RoomId; accompanistId?: UserId; includeCancelled?: boolean },
  ): Promise<ListedLesson[]> {
    checkListRange(query);
    if (isAdmin(actor)) return this.withOpenRequests(actor, (await this.lessons.inRange(query)).map((lesson) => ({ lesson, visibility: 'full' })), null);
    const roomView = !!query.roomId && hasRole(actor, 'teacher', 'accompanist');
    const own = await this.involving(actor);
    // Everyone else sees the lessons they or (a parent) their children take part in: read through those people's
    // attendances, not the whole school's lessons in the range. Staff looking at a room also see its occupancy.
    if (!roomView) {
      // Each lesson found has the actor or a child of theirs in it: the lesson's audience, by definition.
      return this.withOpenRequests(actor, (await this.lessons.inRange({ ...query, involving: own })).map((lesson) => ({ lesson, visibility: 'full' })), own);
    }
    const found = await this.lessons.inRange(query);
    const out: Omit<ListedLesson, 'openRequests'>[] = [];
    for (const lesson of found) {
      if (await canSeeLesson(actor, lesson, this.directory)) out.push({ lesson, visibility: 'full' });
      else if (roomView && lesson.status !== 'cancelled') out.push({ lesson: occupancyOnly(lesson), visibility: 'occupancy' });
    }
    return this.withOpenRequests(actor, out, own);
  }

  /**
   * Each lesson with the open requests about it that the reader may see, in one read: all of them for admins and
   * the lesson's teacher or accompanist; the requests for `own` students (the reader, a parent's children) else.
   */
  private async withOpenRequests(actor: Actor, listed: Omit<ListedLesson, 'openRequests'>[], own: readonly UserId[] | null): Promise<ListedLesson[]> {
    const visible = listed.filter((l) => l.visibility === 'full' && l.lesson.status === 'scheduled').map((l) => l.lesson.id);
    const open = await this.requests.openAbout(visible);
    return listed.map((l) => {
      if (l.visibility !== 'full') return { ...l, openRequests: [] };
      const staff = own === null || actor.userId === l.lesson.teacherId || actor.userId === l.lesson.accompanistId;
      const about = open.filter((r) => r.lessonId === l.lesson.id && (staff || own.includes(r.studentId)));
      return { ...l, openRequests: about.map((r) => ({ id: r.id, kind: r.kind })) };
    });
  }

  /** The actor and, for a parent, the children they have any access to. */
  private async involving(actor: Actor): Promise<UserId[]> {
    if (!hasRole(actor, 'parent')) return [actor.userId];
    return [actor.userId, ...(await this.directory.childrenOf(actor.userId)).map((child) => child.studentId)];
  }
}

/** Refuses a range the calendar does not answer: backwards, empty, or longer than MAX_LIST_RANGE_DAYS. */
export function checkListRange(query: { from: Date; to: Date }): void {
  if (Number.isNaN(query.from.getTime()) || Number.isNaN(query.to.getTime()) || query.to.getTime() <= query.from.getTime()) {
    throw DomainError.invalid('SCHEDULING.END_BEFORE_START', 'to', 'The end must come after the start.');
  }
  if (query.to.getTime() - query.from.getTime() > MAX_LIST_RANGE_DAYS * DAY) {
    throw DomainError.invalid('SCHEDULING.RANGE_TOO_LONG', 'to', `Ask for at most ${MAX_LIST_RANGE_DAYS} days at a time.`);
  }
}

/**
 * Whom a ListLessons answer is for, when it depends on nothing but the lessons that match the query
 * (so that an answer may be reused while those lessons stay the same): `admin` for any admin of the
 * school (they see everything); the user and their roles for staff and students (their own lessons,
 * plus room occupancy for teachers and accompanists). `null` for anyone who is a parent: what they see
 * depends on their family links, which live outside the lessons.
 */
export function listingAudience(actor: Actor): string | null {
  if (isAdmin(actor)) return 'admin';
  if (hasRole(actor, 'parent')) return null;
  return `user:${actor.userId}:${[...actor.roles].sort().join(',')}`;
}

function occupancyOnly(lesson: Lesson): Lesson {
  const state = lesson.snapshot();
  return Lesson.restore({ ...state, studentIds: [], accompanistId: null, lessonTypeId: null, cancellation: null, makeupCreditId: null });
}
