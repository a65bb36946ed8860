import type { LessonV1 } from '@cadenza/shared/integration-events';
import { DAY, DomainError, UnitOfWork, type Actor, type UserId } from '@cadenza/shared/kernel';
import { checkConflicts, type ConflictCandidate, type ConflictContext, type FreeSlotSuggestion, type SchedulingConflict } from '../conflicts/conflict-checker.js';
import { findFreeSlots } from '../conflicts/free-slots.js';
import { CopiedMeanwhile, TakenMeanwhile } from '../conflicts/taken-meanwhile.js';
import { isAdmin } from '../model/actor.js';
import type { LessonTypeId, RoomId } from '../model/ids.js';
import type { Lesson } from '../model/lesson.js';
import { LessonTypeRepository, RoomRepository, SchoolDirectory, type DirectoryPerson } from '../ports/index.js';
import { TimetableReads, type TimetableRead } from '../ports/timetable-reads.js';
import { addDays, localDateOf, startOfLocalDay } from '../time/zoned-time.js';

export const MAX_SUGGESTIONS = 5;
export const SUGGESTION_WINDOW_DAYS = 14;
/** The days `suggest` searches first, before the whole window. */
export const SUGGESTION_FIRST_DAYS = 2;

export interface Assessment {
  conflicts: SchedulingConflict[];
  hard: SchedulingConflict[];
  soft: SchedulingConflict[];
}

/** A change checked and ready: `commit` writes it, inside the caller's unit of work. */
export interface Prepared<T> {
  result: T;
  commit: () => Promise<void>;
}

export interface Override {
  reason: string;
}

/**
 * Every booking path's shape: checks (`prepare`, outside any transaction) and then commits in one unit of work.
 * When the store refuses the write because a racing booking of the same slot committed in between, it checks once
 * more: the checker then sees the winner and refuses with what clashed and free slots to pick, rather than the
 * store's bare "a moment ago". (If the winner rolled back instead, the second check passes and the change is written.)
 * A series copy refused because a racing rollover made it first is checked once more the same way.
 */
export async function checkThenCommit<T>(uow: UnitOfWork, prepare: () => Promise<Prepared<T>>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const prepared = await prepare();
    try {
      await uow.run(prepared.commit);
      return prepared.result;
    } catch (error) {
      if (!(error instanceof TakenMeanwhile || error instanceof CopiedMeanwhile) || attempt >= 1) throw error;
    }
  }
}

export function conflictError(conflicts: SchedulingConflict[], suggestions: FreeSlotSuggestion[]): DomainError {
  return new DomainError('SCHEDULING.CONFLICT', 'conflict', 'This clashes with the timetable.', { conflicts, suggestions });
}

/** A lesson as scheduling's integration events describe it (instants as ISO strings, as they travel). */
export function lessonEventData(lesson: Lesson): LessonV1 {
  return {
    lessonId: lesson.id,
    seriesId: lesson.seriesId,
    teacherId: lesson.teacherId,
    studentIds: [...lesson.studentIds],
    accompanistId: lesson.accompanistId,
    roomId: lesson.roomId,
    start: lesson.start.toISOString(),
    end: lesson.end.toISOString(),
  };
}

/**
 * The timetable as the use cases see it: loads what the conflict checker and the free-slot
 * finder need through the ports, and checks the people, room and lesson type a booking names.
 * A domain service built from ports, not a port.
 */
export class Timetable {
  constructor(
    private readonly reads: TimetableReads,
    private readonly rooms: RoomRepository,
    private readonly lessonTypes: LessonTypeRepository,
    private readonly directory: SchoolDirectory,
  ) {}

  timeZone(): Promise<string> {
    return this.directory.timeZone();
  }

  /** Everything the checker needs for the people and room over [from, to). */
  async context(
    range: { from: Date; to: Date },
    who: { teacherId: UserId; studentIds: readonly UserId[]; accompanistId?: UserId | null; roomIds?: readonly RoomId[] },
    timeZone: string,
  ): Promise<ConflictContext> {
    return contextOf(await this.read(range, who, timeZone), timeZone);
  }

  /**
   * What a booking's checks read, in one go: the timetable around the candidate (as `assess` needs it)
   * and the people, room and lesson type it names (as `requireReferences` needs them). Hand the same promise to both.
   */
  readForBooking(
    candidate: { start: Date; end: Date; teacherId: UserId; studentIds: readonly UserId[]; accompanistId?: UserId | null; roomId?: RoomId | null; lessonTypeId?: LessonTypeId | null },
    timeZone: string,
  ): Promise<TimetableRead> {
    return this.read(
      assessRange(candidate),
      { teacherId: candidate.teacherId, studentIds: candidate.studentIds, accompanistId: candidate.accompanistId, roomIds: candidate.roomId ? [candidate.roomId] : [] },
      timeZone,
      { roomId: candidate.roomId ?? null, lessonTypeId: candidate.lessonTypeId ?? null, people: peopleOf(candidate) },
    );
  }

  private read(
    range: { from: Date; to: Date },
    who: { teacherId: UserId; studentIds: readonly UserId[]; accompanistId?: UserId | null; roomIds?: readonly RoomId[] },
    timeZone: string,
    refs: { roomId?: RoomId | null; lessonTypeId?: LessonTypeId | null; people?: readonly UserId[] } = {},
  ): Promise<TimetableRead> {
    // One read for the lessons, availability, terms and closures (one round trip in the PostgreSQL adapter).
    return this.reads.read({
      from: range.from,
      to: range.to,
      teacherIds: [who.teacherId],
      studentIds: who.studentIds,
      accompanistIds: who.accompanistId ? [who.accompanistId] : [],
      roomIds: who.roomIds ?? [],
      staffIds: [who.teacherId, ...(who.accompanistId ? [who.accompanistId] : [])],
      closureDates: { from: addDays(localDateOf(range.from, timeZone), -1), to: addDays(localDateOf(range.to, timeZone), 1) },
      ...refs,
    });
  }

  /** All conflicts of a candidate. The buffer reaches at most two hours beyond it. `read`: what `readForBooking` read for it. */
  async assess(
    candidate: ConflictCandidate & { teacherId: UserId; studentIds: readonly UserId[]; accompanistId?: UserId | null; roomId?: RoomId | null },
    timeZone: string,
    read?: Promise<TimetableRead>,
  ): Promise<Assessment> {
    const context = read
      ? contextOf(await read, timeZone)
      : await this.context(
          assessRange(candidate),
          { teacherId: candidate.teacherId, studentIds: candidate.studentIds, accompanistId: candidate.accompanistId, roomIds: candidate.roomId ? [candidate.roomId] : [] },
          timeZone,
        );
    const conflicts = checkConflicts(candidate, context);
    return { conflicts, hard: conflicts.filter((c) => c.severity === 'hard'), soft: conflicts.filter((c) => c.severity === 'soft') };
  }

  /**
   * Free slots for the same people (and room) near a time: from the start of its day, or now, for two weeks.
   * The first SUGGESTION_FIRST_DAYS days are searched first, reading only their stretch of the timetable: the
   * earliest slots that end within them are the earliest of the whole window too (slots are found in time
   * order and last equally long), so when they are enough the answer is the same, for a far smaller read.
   * Otherwise the whole window is read and searched.
   */
  async suggest(
    input: { teacherId: UserId; studentIds: readonly UserId[]; accompanistId?: UserId | null; roomId?: RoomId | null; durationMinutes: number; near: Date; excludeLessonIds?: readonly string[]; limit?: number },
    timeZone: string,
    now: Date,
  ): Promise<FreeSlotSuggestion[]> {
    const dayStart = startOfLocalDay(localDateOf(input.near, timeZone), timeZone);
    const from = new Date(Math.max(dayStart.getTime(), now.getTime()));
    const limit = input.limit ?? MAX_SUGGESTIONS;
    const search = async (days: number) => {
      const to = new Date(from.getTime() + days * DAY);
      // A day either side: lessons are shorter than a day, and buffers reach two hours.
      const context = await this.context({ from: new Date(from.getTime() - DAY), to: new Date(to.getTime() + DAY) }, { teacherId: input.teacherId, studentIds: input.studentIds, accompanistId: input.accompanistId, roomIds: input.roomId ? [input.roomId] : [] }, timeZone);
      return findFreeSlots(
        {
          teacherId: input.teacherId,
          studentIds: input.studentIds,
          accompanistId: input.accompanistId,
          rooms: input.roomId ? [{ id: input.roomId }] : null,
          durationMinutes: input.durationMinutes,
          from,
          to,
          limit,
          excludeLessonIds: input.excludeLessonIds,
        },
        context,
      );
    };
    const nearest = await search(SUGGESTION_FIRST_DAYS);
    return nearest.length >= limit ? nearest : search(SUGGESTION_WINDOW_DAYS);
  }

  /**
   * Refuses hard conflicts, and soft ones unless an admin overrides them with a reason.
   * Returns the soft conflicts that were overridden, for the audit trail.
   */
  async requireBookable(
    candidate: ConflictCandidate & { teacherId: UserId; studentIds: readonly UserId[]; accompanistId?: UserId | null; roomId?: RoomId | null },
    options: { actor: Actor; override?: Override; timeZone: string; now: Date; read?: Promise<TimetableRead> },
  ): Promise<SchedulingConflict[]> {
    const assessment = await this.assess(candidate, options.timeZone, options.read);
    if (assessment.hard.length === 0 && assessment.soft.length === 0) return [];
    if (assessment.hard.length === 0 && options.override) {
      if (!isAdmin(options.actor)) throw new DomainError('SCHEDULING.OVERRIDE_FORBIDDEN', 'forbidden', 'Only an admin can book despite conflicts.');
      return assessment.soft;
    }
    const suggestions = await this.suggest(
      { teacherId: candidate.teacherId, studentIds: candidate.studentIds, accompanistId: candidate.accompanistId, roomId: candidate.roomId, durationMinutes: Math.round((candidate.end.getTime() - candidate.start.getTime()) / 60_000), near: candidate.start, excludeLessonIds: candidate.excludeLessonIds },
      options.timeZone,
      options.now,
    );
    throw conflictError(assessment.conflicts, suggestions);
  }

  /**
   * Checks that the people, room and lesson type exist and fit; throws not_found or invalid before any write.
   * `read`: what `readForBooking` read for the same input, which has the people, room and lesson type already.
   */
  async requireReferences(
    input: {
      teacherId: UserId;
      studentIds: readonly UserId[];
      accompanistId?: UserId | null;
      roomId?: RoomId | null;
      lessonTypeId?: LessonTypeId | null;
    },
    read?: Promise<TimetableRead>,
  ): Promise<void> {
    // Looked up together (the people in one query), checked in a fixed order.
    const [people, room, lessonType] = await Promise.all([
      read ? read.then((r) => r.people) : this.directory.people(peopleOf(input)),
      read ? read.then((r) => r.room) : input.roomId ? this.rooms.byId(input.roomId) : Promise.resolve(null),
      read ? read.then((r) => r.lessonType) : input.lessonTypeId ? this.lessonTypes.byId(input.lessonTypeId) : Promise.resolve(null),
    ]);
    const byId = new Map(people.map((p) => [p.id as string, p]));
    const person = (id: UserId): DirectoryPerson | null => byId.get(id) ?? null;
    const teacher = person(input.teacherId);
    const students = input.studentIds.map(person);
    const accompanist = input.accompanistId ? person(input.accompanistId) : null;
    requirePersonRole(teacher, 'teacher', 'teacherId');
    students.forEach((student, i) => requirePersonRole(student, 'student', `studentIds.${i}`));
    if (input.accompanistId) requirePersonRole(accompanist, 'accompanist', 'accompanistId');
    if (input.roomId) {
      if (!room) throw DomainError.notFound('SCHEDULING.ROOM_NOT_FOUND', 'The room');
      if (!room.active) throw DomainError.invalid('SCHEDULING.ROOM_INACTIVE', 'roomId', 'This room is no longer in use.');
      if (room.capacity < input.studentIds.length) throw DomainError.invalid('SCHEDULING.ROOM_TOO_SMALL', 'roomId', 'The room is too small for this group.');
    }
    if (input.lessonTypeId && !lessonType) {
      throw DomainError.notFound('SCHEDULING.LESSON_TYPE_NOT_FOUND', 'The lesson type');
    }
  }

  async requirePerson(id: UserId, role: string, field: string): Promise<void> {
    requirePersonRole(await this.directory.person(id), role, field);
  }

  /** Checks several people with one lookup, in the order given (the first that fails throws). */
  async requirePeople(checks: readonly { id: UserId; role: string; field: string }[]): Promise<void> {
    if (checks.length === 0) return;
    const found = new Map((await this.directory.people(checks.map((c) => c.id))).map((p) => [p.id as string, p]));
    for (const check of checks) requirePersonRole(found.get(check.id) ?? null, check.role, check.field);
  }
}

/** The people a booking names: its teacher, students and accompanist. */
function peopleOf(input: { teacherId: UserId; studentIds: readonly UserId[]; accompanistId?: UserId | null }): UserId[] {
  return [input.teacherId, ...input.studentIds, ...(input.accompanistId ? [input.accompanistId] : [])];
}

/** The stretch `assess` looks at: the candidate and two hours either side (the longest buffer), plus a millisecond. */
function assessRange(candidate: { start: Date; end: Date }): { from: Date; to: Date } {
  const margin = 2 * 60 * 60_000 + 1;
  return { from: new Date(candidate.start.getTime() - margin), to: new Date(candidate.end.getTime() + margin) };
}

function contextOf(read: TimetableRead, timeZone: string): ConflictContext {
  return {
    lessons: read.lessons,
    availability: new Map(read.availability.map((a) => [a.personId as string, a])),
    terms: read.terms.map((t) => ({ id: t.id, startDate: t.startDate, endDate: t.endDate })),
    closures: read.closures.map((c) => ({ id: c.id, startDate: c.startDate, endDate: c.endDate })),
    timeZone,
  };
}

function requirePersonRole(person: DirectoryPerson | null, role: string, field: string): void {
  if (!person) throw new DomainError('SCHEDULING.PERSON_NOT_FOUND', 'not_found', `The ${role} was not found.`, { fields: [{ field, message: 'Not found.' }] });
  if (!person.roles.includes(role)) throw DomainError.invalid('SCHEDULING.WRONG_ROLE', field, `This person is not a ${role}.`);
  if (person.archived) throw DomainError.invalid('SCHEDULING.PERSON_ARCHIVED', field, `This ${role} has left the school.`);
}

export interface OccurrenceProblem {
  date: string;
  start: Date;
  end: Date;
  conflicts: SchedulingConflict[];
  suggestions: FreeSlotSuggestion[];
}

export function seriesConflictError(occurrences: OccurrenceProblem[]): DomainError {
  return new DomainError('SCHEDULING.SERIES_CONFLICT', 'conflict', 'Some lessons of the series clash with the timetable.', { occurrences });
}

export type SeriesCandidate = ConflictCandidate & { date: string; teacherId: UserId; studentIds: readonly UserId[]; accompanistId?: UserId | null; roomId?: RoomId | null };

/**
 * Checks many candidates (a series) against one load of the timetable. Returns the occurrences
 * that cannot be booked as they stand, each with up to three suggestions; soft conflicts count
 * unless an admin overrides them. Throws forbidden for a non-admin override of soft conflicts.
 */
export async function occurrenceProblems(
  timetable: Timetable,
  candidates: readonly SeriesCandidate[],
  options: { actor: Actor; override?: Override; timeZone: string; now: Date },
): Promise<{ problems: OccurrenceProblem[]; overridden: SchedulingConflict[] }> {
  if (candidates.length === 0) return { problems: [], overridden: [] };
  const margin = 2 * 60 * 60_000 + 1;
  const first = candidates[0];
  const context = await timetable.context(
    {
      from: new Date(Math.min(...candidates.map((c) => c.start.getTime())) - margin),
      to: new Date(Math.max(...candidates.map((c) => c.end.getTime())) + margin),
    },
    { teacherId: first.teacherId, studentIds: first.studentIds, accompanistId: first.accompanistId, roomIds: [...new Set(candidates.flatMap((c) => (c.roomId ? [c.roomId] : [])))] },
    options.timeZone,
  );
  const problems: OccurrenceProblem[] = [];
  const overridden: SchedulingConflict[] = [];
  for (const candidate of candidates) {
    const conflicts = checkConflicts(candidate, context);
    if (conflicts.length === 0) continue;
    const hard = conflicts.some((c) => c.severity === 'hard');
    if (!hard && options.override) {
      if (!isAdmin(options.actor)) throw new DomainError('SCHEDULING.OVERRIDE_FORBIDDEN', 'forbidden', 'Only an admin can book despite conflicts.');
      overridden.push(...conflicts);
      continue;
    }
    problems.push({ date: candidate.date, start: candidate.start, end: candidate.end, conflicts, suggestions: [] });
  }
  for (const problem of problems) {
    const candidate = candidates.find((c) => c.date === problem.date) ?? first;
    problem.suggestions = await timetable.suggest(
      { ...candidate, durationMinutes: Math.round((candidate.end.getTime() - candidate.start.getTime()) / 60_000), near: candidate.start, limit: 3 },
      options.timeZone,
      options.now,
    );
  }
  return { problems, overridden };
}
