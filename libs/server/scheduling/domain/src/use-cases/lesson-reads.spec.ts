import { newId, type Actor, type UserId } from '@cadenza/shared/kernel';
import type { LessonId, LessonRequestId, SeriesId } from '../model/ids.js';
import { at, readyWorld, weeklySeries, type ReadyWorld } from '../testing/setup.js';
import { changedFields } from './lesson-reads.js';

/** A group lesson of the teacher with the accompanist, the student (the parents' child) and another student, in the studio. */
async function groupLesson(w: ReadyWorld) {
  const { teacher, accompanist, student, otherStudent } = w.people;
  return w.useCases.book.execute(teacher, {
    teacherId: teacher.userId,
    studentIds: [student.userId, otherStudent.userId],
    accompanistId: accompanist.userId,
    roomId: w.room.id,
    start: at('2026-01-06T16:00:00Z'),
    end: at('2026-01-06T16:45:00Z'),
  });
}

describe('GetLesson', () => {
  it('gives its staff everything: people by name, room, open requests and the history with the fields changed', async () => {
    const w = await readyWorld();
    const { admin, teacher, accompanist, student, parent } = w.people;
    const lesson = await groupLesson(w);
    await w.useCases.move.execute(teacher, { lessonId: lesson.id, start: at('2026-01-06T17:00:00Z'), end: at('2026-01-06T17:45:00Z') });
    const request = await w.useCases.submitRequest.execute(parent, { kind: 'cancellation', lessonId: lesson.id });
    for (const reader of [admin, teacher, accompanist]) {
      const detail = await w.useCases.getLesson.execute(reader, lesson.id);
      expect(detail.lesson.studentIds).toEqual([student.userId, w.people.otherStudent.userId]);
      expect(detail.room?.id).toBe(w.room.id);
      expect(detail.requests.map((r) => r.id)).toEqual([request.id]);
      expect(detail.history?.map((h) => [h.action, h.fields])).toEqual([
        ['scheduling.lesson.moved', ['end', 'start']],
        ['scheduling.lesson.booked', []],
      ]);
      expect(detail.names.get(teacher.userId)).toBe('Tom Teacher');
      expect(detail.names.get(parent.userId)).toBe('Pat Parent');
      expect(detail.canChange).toBe(reader !== accompanist);
    }
  });

  it('shows a family only its own students and requests, and no history', async () => {
    const w = await readyWorld();
    const { student, otherStudent, parent, viewParent } = w.people;
    const lesson = await groupLesson(w);
    const other = await w.useCases.submitRequest.execute(otherStudent, { kind: 'cancellation', lessonId: lesson.id });
    const ours = await w.useCases.submitRequest.execute(student, { kind: 'cancellation', lessonId: lesson.id });
    for (const reader of [student, parent, viewParent]) {
      const detail = await w.useCases.getLesson.execute(reader, lesson.id);
      expect(detail.lesson.studentIds).toEqual([student.userId]);
      expect(detail.requests.map((r) => r.id)).toEqual([ours.id]);
      expect(detail.history).toBeNull();
      expect(detail.names.has(otherStudent.userId)).toBe(false);
      expect(detail.canChange).toBe(false);
    }
    const theirs = await w.useCases.getLesson.execute(otherStudent, lesson.id);
    expect(theirs.lesson.studentIds).toEqual([otherStudent.userId]);
    expect(theirs.requests.map((r) => r.id)).toEqual([other.id]);
  });

  it('answers not found to anyone outside its audience, and for a lesson that is not there', async () => {
    const w = await readyWorld();
    const lesson = await groupLesson(w);
    const outsider: Actor = { userId: newId<UserId>(), schoolId: w.schoolId, roles: ['parent'] };
    for (const reader of [w.people.otherTeacher, outsider]) {
      await expect(w.useCases.getLesson.execute(reader, lesson.id)).rejects.toMatchObject({ code: 'SCHEDULING.LESSON_NOT_FOUND', kind: 'not_found' });
    }
    await expect(w.useCases.getLesson.execute(w.people.admin, newId<LessonId>())).rejects.toMatchObject({ kind: 'not_found' });
  });
});

describe('GetLessonRequest', () => {
  it('lets the requester, the student, the teacher, the guardians and admins read it; anyone else gets not found', async () => {
    const w = await readyWorld();
    const { admin, teacher, otherTeacher, student, otherStudent, parent, viewParent } = w.people;
    const request = await w.useCases.submitRequest.execute(parent, { kind: 'new_lesson', studentId: student.userId, teacherId: teacher.userId, start: at('2026-01-07T16:00:00Z'), end: at('2026-01-07T16:30:00Z') });
    for (const reader of [admin, teacher, student, parent, viewParent]) expect((await w.useCases.getRequest.execute(reader, request.id)).id).toBe(request.id);
    for (const reader of [otherTeacher, otherStudent]) await expect(w.useCases.getRequest.execute(reader, request.id)).rejects.toMatchObject({ code: 'SCHEDULING.REQUEST_NOT_FOUND' });
    await expect(w.useCases.getRequest.execute(admin, newId<LessonRequestId>())).rejects.toMatchObject({ kind: 'not_found' });
  });
});

describe('GetSeries', () => {
  it('gives the series with every lesson, cancelled ones too, to its audience only', async () => {
    const w = await readyWorld();
    const { admin, teacher, otherTeacher, parent, otherStudent } = w.people;
    const { series, lessons } = await w.useCases.createSeries.execute(teacher, weeklySeries(w));
    await w.useCases.cancel.execute(teacher, { lessonId: lessons[1].id, reason: 'Ill' });
    const detail = await w.useCases.getSeries.execute(parent, series.id);
    expect(detail.lessons.map((l) => l.id)).toEqual(lessons.map((l) => l.id));
    expect(detail.lessons[1].status).toBe('cancelled');
    expect(detail.canChange).toBe(false);
    expect((await w.useCases.getSeries.execute(admin, series.id)).canChange).toBe(true);
    for (const reader of [otherTeacher, otherStudent]) await expect(w.useCases.getSeries.execute(reader, series.id)).rejects.toMatchObject({ code: 'SCHEDULING.SERIES_NOT_FOUND' });
    await expect(w.useCases.getSeries.execute(admin, newId<SeriesId>())).rejects.toMatchObject({ kind: 'not_found' });
  });
});

describe('changedFields', () => {
  it('names the fields both sides hold with different values, never a creation’s', () => {
    expect(changedFields({ start: 1, roomId: 'a' }, { start: 2, roomId: 'a', scope: 'this' })).toEqual(['start']);
    expect(changedFields(null, { start: 1 })).toEqual([]);
    expect(changedFields({ studentIds: ['a'] }, { studentIds: ['a', 'b'] })).toEqual(['studentIds']);
  });
});
