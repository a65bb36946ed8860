import { integrationEvent, outgoingEvent } from '@cadenza/shared/integration-events';
import { DomainError, MINUTE, type Actor } from '@cadenza/shared/kernel';
import type { LessonId, RoomId } from '../model/ids.js';
import type { LessonSeries } from '../model/lesson-series.js';
import type { Lesson } from '../model/lesson.js';
import { assertLessonSpan } from '../model/validation.js';
import type { SchedulingEvent } from '../ports/index.js';
import { shiftRuleWeekdays } from '../time/series-rule.js';
import { addDays, daysBetween, localDateOf, localParts, zonedInstant } from '../time/zoned-time.js';
import { requireStaffOf } from './access.js';
import { LessonChange } from './lesson-change.js';
import { lessonEventData, occurrenceProblems, seriesConflictError, type Override, type Prepared } from './timetable.js';

export interface MoveLessonInput {
  lessonId: LessonId;
  start: Date;
  end: Date;
  /** Absent: keep the room; null: no room. */
  roomId?: RoomId | null;
  /** For a lesson of a series: this one only, or this and all following (the series splits). */
  scope?: 'this' | 'following';
  override?: Override;
}

export interface MoveLessonResult {
  lessons: Lesson[];
  /** The new series when a "following" move split one. */
  series: LessonSeries | null;
}

/**
 * An admin or the lesson's teacher moves a lesson (families ask through a request). Moving
 * "this and following" shifts every later lesson of the series by the same days and to the
 * same wall-clock time, and splits the series into a new one from that date. A move mails the
 * lesson's people, so it takes a turn of the mover's `CHANGES_PER_PERSON` once it is checked.
 */
export class MoveLesson extends LessonChange<MoveLessonInput, MoveLessonResult> {
  /** Validates and checks everything; `commit` then writes, inside the caller's unit of work. */
  async prepare(actor: Actor, input: MoveLessonInput): Promise<Prepared<MoveLessonResult>> {
    assertLessonSpan(input.start, input.end);
    const lesson = await this.lessons.byId(input.lessonId);
    if (!lesson) throw DomainError.notFound('SCHEDULING.LESSON_NOT_FOUND', 'The lesson');
    requireStaffOf(actor, lesson);
    if (lesson.status !== 'scheduled') throw new DomainError('SCHEDULING.LESSON_NOT_SCHEDULED', 'conflict', `This lesson is ${lesson.status}.`);
    const roomId = input.roomId === undefined ? lesson.roomId : input.roomId;
    if (input.roomId) await this.timetable.requireReferences({ teacherId: lesson.teacherId, studentIds: lesson.studentIds, roomId: input.roomId });
    const now = this.clock.now();
    const timeZone = await this.timetable.timeZone();

    if (input.scope !== 'following' || !lesson.seriesId) {
      const overridden = await this.timetable.requireBookable(
        { start: input.start, end: input.end, teacherId: lesson.teacherId, studentIds: lesson.studentIds, accompanistId: lesson.accompanistId, roomId, excludeLessonIds: [lesson.id] },
        { actor, override: input.override, timeZone, now },
      );
      const previous = { start: lesson.start, end: lesson.end, roomId: lesson.roomId };
      lesson.moveTo(input.start, input.end, roomId);
      const commit = async () => {
        await this.lessons.update(lesson);
        await this.audit.record({
          schoolId: actor.schoolId,
          actorId: actor.userId,
          action: 'scheduling.lesson.moved',
          entityType: 'lesson',
          entityId: lesson.id,
          before: previous,
          after: { start: lesson.start, end: lesson.end, roomId: lesson.roomId, scope: 'this', ...(overridden.length ? { override: { reason: input.override?.reason, conflicts: overridden } } : {}) },
        });
        await this.events.publish([movedEvent(actor, now, lesson, previous)]);
      };
      return { result: { lessons: [lesson], series: null }, commit };
    }

    const series = await this.series.byId(lesson.seriesId);
    if (!series) throw DomainError.notFound('SCHEDULING.SERIES_NOT_FOUND', 'The series');
    const following = (await this.lessons.ofSeries(lesson.seriesId, lesson.start)).filter((l) => l.status === 'scheduled');
    if (!following.some((l) => l.id === lesson.id)) following.unshift(lesson);
    const from = localParts(lesson.start, timeZone);
    const to = localParts(input.start, timeZone);
    const dayShift = daysBetween(from.date, to.date);
    const durationMs = input.end.getTime() - input.start.getTime();
    const moves = following.map((l) => {
      const date = addDays(localDateOf(l.start, timeZone), dayShift);
      const start = l.id === lesson.id ? input.start : zonedInstant(date, to.time, timeZone);
      return { lesson: l, date, start, end: new Date(start.getTime() + durationMs) };
    });
    const excludeLessonIds = following.map((l) => l.id);
    const { problems, overridden } = await occurrenceProblems(
      this.timetable,
      moves.map((m) => ({ date: m.date, start: m.start, end: m.end, teacherId: lesson.teacherId, studentIds: lesson.studentIds, accompanistId: lesson.accompanistId, roomId, excludeLessonIds })),
      { actor, override: input.override, timeZone, now },
    );
    if (problems.length > 0) throw seriesConflictError(problems);

    const before = series.snapshot();
    const next = series.splitFrom(from.date, {
      rrule: shiftRuleWeekdays(series.rrule, dayShift),
      startTime: to.time,
      durationMinutes: Math.round(durationMs / MINUTE),
      firstDate: to.date,
      roomId,
    });
    const events: SchedulingEvent[] = [];
    for (const move of moves) {
      const previous = { start: move.lesson.start, end: move.lesson.end, roomId: move.lesson.roomId };
      move.lesson.moveTo(move.start, move.end, roomId);
      move.lesson.attachToSeries(next.id);
      events.push(movedEvent(actor, now, move.lesson, previous));
    }
    const commit = async () => {
      await this.writeSplit(actor, { series, before, next, lessons: moves.map((m) => m.lesson) }, { reason: input.override?.reason, conflicts: overridden });
      for (const move of moves) {
        await this.audit.record({
          schoolId: actor.schoolId,
          actorId: actor.userId,
          action: 'scheduling.lesson.moved',
          entityType: 'lesson',
          entityId: move.lesson.id,
          after: { start: move.start, end: move.end, roomId, scope: 'following', seriesId: next.id },
        });
      }
      await this.events.publish(events);
    };
    return { result: { lessons: moves.map((m) => m.lesson), series: next }, commit };
  }
}

/** `lesson.moved.v1`: the lesson where (and with whom) it is now, and where it was. */
export function movedEvent(actor: Actor, now: Date, lesson: Lesson, previous: { start: Date; end: Date; roomId: RoomId | null }): SchedulingEvent {
  return outgoingEvent(
    actor.schoolId,
    now,
    integrationEvent('lesson.moved.v1', {
      actorId: actor.userId,
      lesson: lessonEventData(lesson),
      previous: { start: previous.start.toISOString(), end: previous.end.toISOString(), roomId: previous.roomId },
    }),
  );
}
