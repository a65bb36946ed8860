import { DomainError, type Actor, type UserId } from '@cadenza/shared/kernel';
import { hasRole, isAdmin } from '../model/actor.js';
import type { LessonId, LessonRequestId, SeriesId } from '../model/ids.js';
import type { LessonRequest } from '../model/lesson-request.js';
import type { LessonSeries } from '../model/lesson-series.js';
import type { LessonType } from '../model/lesson-type.js';
import { Lesson } from '../model/lesson.js';
import type { Room } from '../model/room.js';
import {
  LessonHistory,
  LessonRepository,
  LessonRequestRepository,
  LessonTypeRepository,
  RoomRepository,
  SchoolDirectory,
  SeriesRepository,
  type HistoryEntry,
} from '../ports/index.js';
import { isStaffOf } from './access.js';
import { LessonAudience } from './lesson-audience.js';

/** How many changes a lesson's read carries, newest first. */
export const LESSON_HISTORY_LIMIT = 50;

/** The requests about a lesson still waiting for someone: the family's or the school's answer. */
const OPEN_REQUESTS = new Set(['pending', 'countered']);

export interface LessonDetail {
  /** The lesson as the reader may see it: a family sees only its own students of a group lesson. */
  lesson: Lesson;
  series: LessonSeries | null;
  room: Room | null;
  lessonType: LessonType | null;
  /** Names of the people the answer mentions (teacher, accompanist, the students shown, requesters, whoever changed it). */
  names: Map<UserId, string>;
  /** Open requests about the lesson that the reader may see. */
  requests: LessonRequest[];
  /** The changes made to the lesson and its series, for its staff (admins, its teacher and accompanist); null for families. */
  history: HistoryEntry[] | null;
  /** Whether the reader may change the lesson (admins and its teacher). */
  canChange: boolean;
}

/** Who, of a lesson's or series' students, a reader may see: staff all; a student themself; a parent their children. */
async function visibleStudents(actor: Actor, subject: { teacherId: UserId; accompanistId: UserId | null; studentIds: readonly UserId[] }, directory: SchoolDirectory): Promise<UserId[]> {
  if (isAdmin(actor) || actor.userId === subject.teacherId || actor.userId === subject.accompanistId) return [...subject.studentIds];
  const own = new Set<UserId>([actor.userId]);
  if (hasRole(actor, 'parent')) for (const child of await directory.childrenOf(actor.userId)) own.add(child.studentId);
  return subject.studentIds.filter((id) => own.has(id));
}

/** The lesson with its students cut down to those the reader may see. */
function asSeenBy(lesson: Lesson, students: readonly UserId[]): Lesson {
  if (students.length === lesson.studentIds.length) return lesson;
  return Lesson.restore({ ...lesson.snapshot(), studentIds: [...students] });
}

/**
 * One lesson with everything about it: its type, people, room, series, open requests and history. Its audience
 * may read it (admins; its teacher, accompanist and students; its students' guardians); anyone else, and any
 * other school, gets a 404. Families see only their own students of a group lesson and their own requests.
 */
export class GetLesson {
  constructor(
    private readonly lessons: LessonRepository,
    private readonly series: SeriesRepository,
    private readonly requests: LessonRequestRepository,
    private readonly rooms: RoomRepository,
    private readonly lessonTypes: LessonTypeRepository,
    private readonly directory: SchoolDirectory,
    private readonly history: LessonHistory,
  ) {}

  async execute(actor: Actor, lessonId: LessonId): Promise<LessonDetail> {
    const lesson = await this.lessons.byId(lessonId);
    if (!lesson || !(await new LessonAudience(this.directory).includes(actor, lesson))) throw DomainError.notFound('SCHEDULING.LESSON_NOT_FOUND', 'The lesson');
    const students = await visibleStudents(actor, lesson, this.directory);
    const staff = isAdmin(actor) || actor.userId === lesson.teacherId || actor.userId === lesson.accompanistId;
    const [series, room, lessonType, requests, history] = await Promise.all([
      lesson.seriesId ? this.series.byId(lesson.seriesId) : Promise.resolve(null),
      lesson.roomId ? this.rooms.byId(lesson.roomId) : Promise.resolve(null),
      lesson.lessonTypeId ? this.lessonTypes.byId(lesson.lessonTypeId) : Promise.resolve(null),
      // Every request about a lesson is addressed to its teacher: theirs, narrowed to this lesson.
      this.requests.list({ involving: [lesson.teacherId] }),
      staff ? this.history.of({ lessonId: lesson.id, seriesId: lesson.seriesId }, LESSON_HISTORY_LIMIT) : Promise.resolve(null),
    ]);
    const open = requests.filter((r) => r.lessonId === lesson.id && OPEN_REQUESTS.has(r.status) && (staff || students.includes(r.studentId)));
    const named = [lesson.teacherId, ...(lesson.accompanistId ? [lesson.accompanistId] : []), ...students, ...open.map((r) => r.snapshot().requestedBy), ...(history ?? []).flatMap((h) => (h.actorId ? [h.actorId] : []))];
    const names = new Map((await this.directory.people([...new Set(named)])).map((p) => [p.id, p.name]));
    return { lesson: asSeenBy(lesson, students), series, room, lessonType, names, requests: open, history, canChange: isStaffOf(actor, lesson) };
  }
}

/**
 * One request, for those who may list it: admins; its requester, student and teacher; the student's guardians
 * (any access). Anyone else gets a 404.
 */
export class GetLessonRequest {
  constructor(
    private readonly requests: LessonRequestRepository,
    private readonly directory: SchoolDirectory,
  ) {}

  async execute(actor: Actor, requestId: LessonRequestId): Promise<LessonRequest> {
    const request = await this.requests.byId(requestId);
    if (!request || !(await this.canRead(actor, request))) throw DomainError.notFound('SCHEDULING.REQUEST_NOT_FOUND', 'The request');
    return request;
  }

  private async canRead(actor: Actor, request: LessonRequest): Promise<boolean> {
    if (isAdmin(actor)) return true;
    const s = request.snapshot();
    if ([s.requestedBy, s.studentId, s.teacherId].includes(actor.userId)) return true;
    return hasRole(actor, 'parent') && (await this.directory.guardianAccess(actor.userId, s.studentId)) !== null;
  }
}

export interface SeriesDetail {
  series: LessonSeries;
  /** Every lesson of the series, cancelled and completed ones too, in time order (a family's cut to its own students). */
  lessons: Lesson[];
  names: Map<UserId, string>;
  canChange: boolean;
}

/** A series with its lessons, for the same audience as its lessons: admins, its teacher, accompanist and students, and their guardians. */
export class GetSeries {
  constructor(
    private readonly series: SeriesRepository,
    private readonly lessons: LessonRepository,
    private readonly directory: SchoolDirectory,
  ) {}

  async execute(actor: Actor, seriesId: SeriesId): Promise<SeriesDetail> {
    const series = await this.series.byId(seriesId);
    if (!series || !(await new LessonAudience(this.directory).includes(actor, series))) throw DomainError.notFound('SCHEDULING.SERIES_NOT_FOUND', 'The series');
    const students = await visibleStudents(actor, series, this.directory);
    const lessons = (await this.lessons.ofSeries(series.id, new Date(0), { anyStatus: true })).map((l) => asSeenBy(l, l.studentIds.filter((id) => students.includes(id))));
    const named = [series.teacherId, ...(series.accompanistId ? [series.accompanistId] : []), ...students];
    const names = new Map((await this.directory.people([...new Set(named)])).map((p) => [p.id, p.name]));
    return { series, lessons, names, canChange: isStaffOf(actor, series) };
  }
}

/** The fields a change recorded as changed: those in both `before` and `after` with different values (none for a creation), never the values. */
export function changedFields(before: unknown, after: unknown): string[] {
  const plain = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
  const was = plain(before);
  const now = plain(after);
  return Object.keys(now)
    .filter((k) => k in was && JSON.stringify(was[k]) !== JSON.stringify(now[k]))
    .sort();
}
