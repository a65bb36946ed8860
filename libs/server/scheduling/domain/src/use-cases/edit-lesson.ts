import { DomainError, type Actor } from '@cadenza/shared/kernel';
import type { LessonId } from '../model/ids.js';
import type { LessonSeries } from '../model/lesson-series.js';
import type { Lesson, LessonChanges, LessonState } from '../model/lesson.js';
import { localDateOf } from '../time/zoned-time.js';
import { requireCanBookFor, requireStaffOf } from './access.js';
import { LessonChange } from './lesson-change.js';
import { movedEvent } from './move-lesson.js';
import { occurrenceProblems, seriesConflictError, type Override, type Prepared } from './timetable.js';

export interface EditLessonInput extends LessonChanges {
  lessonId: LessonId;
  /** For a lesson of a series: this one only, or this and all following (the series splits, the new one carrying the changes). */
  scope?: 'this' | 'following';
  override?: Override;
}

export interface EditLessonResult {
  lessons: Lesson[];
  /** The new series when a "following" edit split one. */
  series: LessonSeries | null;
}

const EDITABLE = ['teacherId', 'studentIds', 'accompanistId', 'roomId', 'lessonTypeId', 'end'] as const satisfies readonly (keyof LessonState)[];

/** The edited fields of a lesson, before and after, as the audit trail keeps them. */
function changedState(before: LessonState, after: LessonState): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const out = { before: {} as Record<string, unknown>, after: {} as Record<string, unknown> };
  for (const key of EDITABLE) {
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    out.before[key] = before[key];
    out.after[key] = after[key];
  }
  return out;
}

/**
 * An admin, or the lesson's teacher, changes who a lesson is with (teacher, accompanist, students), its room,
 * its type or its length, with the booking's checks: the people, room and type must exist and fit, hard clashes
 * refuse with free slots to pick, soft ones need an admin's override with a reason. A teacher keeps their own
 * lessons: handing one to another teacher is an admin's. For a lesson of a series, "this and following" changes
 * every later scheduled lesson of it alike and splits the series, as a move does. The lesson's people hear of it
 * (`lesson.moved.v1`, carrying the lesson as it now is and where it was, so attendance, billing and the lesson's
 * people follow an edit as they follow a move), so the edit takes a change turn.
 */
export class EditLesson extends LessonChange<EditLessonInput, EditLessonResult> {
  /** Validates and checks everything; `commit` then writes, inside the caller's unit of work. */
  async prepare(actor: Actor, input: EditLessonInput): Promise<Prepared<EditLessonResult>> {
    const lesson = await this.lessons.byId(input.lessonId);
    if (!lesson) throw DomainError.notFound('SCHEDULING.LESSON_NOT_FOUND', 'The lesson');
    requireStaffOf(actor, lesson);
    if (input.teacherId && input.teacherId !== lesson.teacherId) requireCanBookFor(actor, input.teacherId);
    const changes: LessonChanges = {
      teacherId: input.teacherId,
      studentIds: input.studentIds,
      accompanistId: input.accompanistId,
      roomId: input.roomId,
      lessonTypeId: input.lessonTypeId,
      durationMinutes: input.durationMinutes,
    };
    const before = lesson.snapshot();
    lesson.edit(changes);
    const after = lesson.snapshot();
    if (Object.keys(changedState(before, after).after).length === 0) {
      throw DomainError.invalid('SCHEDULING.NOTHING_CHANGED', 'lessonId', 'Change at least one of teacher, accompanist, students, room, type or length.');
    }
    await this.timetable.requireReferences(after);
    const now = this.clock.now();
    const timeZone = await this.timetable.timeZone();

    if (input.scope !== 'following' || !lesson.seriesId) {
      const overridden = await this.timetable.requireBookable({ ...after, excludeLessonIds: [lesson.id] }, { actor, override: input.override, timeZone, now });
      const commit = async () => {
        await this.lessons.update(lesson);
        await this.recordEdit(actor, lesson, before, after, 'this', overridden.length ? { reason: input.override?.reason, conflicts: overridden } : null);
        await this.events.publish([movedEvent(actor, now, lesson, before)]);
      };
      return { result: { lessons: [lesson], series: null }, commit };
    }

    const series = await this.series.byId(lesson.seriesId);
    if (!series) throw DomainError.notFound('SCHEDULING.SERIES_NOT_FOUND', 'The series');
    const others = (await this.lessons.ofSeries(series.id, lesson.start)).filter((l) => l.id !== lesson.id);
    const edits = [{ lesson, before }, ...others.map((l) => ({ lesson: l, before: l.snapshot() }))];
    for (const edit of edits.slice(1)) edit.lesson.edit(changes);
    const excludeLessonIds = edits.map((e) => e.lesson.id);
    const { problems, overridden } = await occurrenceProblems(
      this.timetable,
      edits.map(({ lesson: l }) => ({ ...l.snapshot(), date: localDateOf(l.start, timeZone), excludeLessonIds })),
      { actor, override: input.override, timeZone, now },
    );
    if (problems.length > 0) throw seriesConflictError(problems);
    const seriesBefore = series.snapshot();
    const { durationMinutes, ...people } = changes;
    const next = series.splitFrom(localDateOf(lesson.start, timeZone), { ...people, ...(durationMinutes ? { durationMinutes } : {}) });
    for (const edit of edits) edit.lesson.attachToSeries(next.id);
    const commit = async () => {
      await this.writeSplit(actor, { series, before: seriesBefore, next, lessons: edits.map((e) => e.lesson) }, { reason: input.override?.reason, conflicts: overridden });
      for (const edit of edits) await this.recordEdit(actor, edit.lesson, edit.before, edit.lesson.snapshot(), 'following', null);
      await this.events.publish(edits.map((e) => movedEvent(actor, now, e.lesson, e.before)));
    };
    return { result: { lessons: edits.map((e) => e.lesson), series: next }, commit };
  }

  private async recordEdit(actor: Actor, lesson: Lesson, before: LessonState, after: LessonState, scope: 'this' | 'following', override: unknown): Promise<void> {
    const changed = changedState(before, after);
    await this.audit.record({
      schoolId: actor.schoolId,
      actorId: actor.userId,
      action: 'scheduling.lesson.edited',
      entityType: 'lesson',
      entityId: lesson.id,
      before: changed.before,
      after: { ...changed.after, scope, ...(lesson.seriesId !== before.seriesId ? { seriesId: lesson.seriesId } : {}), ...(override ? { override } : {}) },
    });
  }
}
