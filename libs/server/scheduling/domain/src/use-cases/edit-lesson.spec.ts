import { at, readyWorld, rejection, weeklySeries, type ReadyWorld } from '../testing/setup.js';

async function oneLesson(w: ReadyWorld) {
  const { teacher, student } = w.people;
  return w.useCases.book.execute(teacher, { teacherId: teacher.userId, studentIds: [student.userId], start: at('2026-01-06T16:00:00Z'), end: at('2026-01-06T16:45:00Z') });
}

describe('EditLesson', () => {
  it('changes the people, room and length of one lesson, audits the fields changed and tells the other contexts', async () => {
    const w = await readyWorld();
    const { teacher, accompanist, student, otherStudent } = w.people;
    const lesson = await oneLesson(w);
    w.stores.audit.entries.length = 0;
    const { lessons, series } = await w.useCases.edit.execute(teacher, { lessonId: lesson.id, studentIds: [student.userId, otherStudent.userId], accompanistId: accompanist.userId, roomId: w.room.id, durationMinutes: 60 });
    expect(series).toBeNull();
    expect(lessons[0].snapshot()).toMatchObject({ studentIds: [student.userId, otherStudent.userId], accompanistId: accompanist.userId, roomId: w.room.id, end: at('2026-01-06T17:00:00Z') });
    expect(w.stores.lessons.rows.get(lesson.id)?.end).toEqual(at('2026-01-06T17:00:00Z'));
    expect(w.stores.audit.entries.map((e) => [e.action, Object.keys(e.before as object).sort()])).toEqual([['scheduling.lesson.edited', ['accompanistId', 'end', 'roomId', 'studentIds']]]);
    expect(w.stores.events.published.at(-1)).toMatchObject({ type: 'lesson.moved.v1', payload: { lesson: { accompanistId: accompanist.userId }, previous: { end: '2026-01-06T16:45:00.000Z' } } });
  });

  it('refuses a clash as booking does (the field’s conflict and free slots), and writes nothing', async () => {
    const w = await readyWorld();
    const { teacher, otherTeacher, student, otherStudent, admin } = w.people;
    const lesson = await oneLesson(w);
    await w.useCases.book.execute(admin, { teacherId: otherTeacher.userId, studentIds: [otherStudent.userId], start: at('2026-01-06T16:30:00Z'), end: at('2026-01-06T17:00:00Z'), override: { reason: 'no availability set' } });
    const error = await rejection(w.useCases.edit.execute(teacher, { lessonId: lesson.id, studentIds: [student.userId, otherStudent.userId] }));
    expect(error.code).toBe('SCHEDULING.CONFLICT');
    expect((error.details.conflicts as { kind: string }[]).map((c) => c.kind)).toEqual(['student']);
    expect((error.details.suggestions as unknown[]).length).toBeGreaterThan(0);
    expect(w.stores.lessons.rows.get(lesson.id)?.studentIds).toEqual([student.userId]);
  });

  it('keeps a teacher to their own lessons and refuses an edit that changes nothing or names someone in the wrong role', async () => {
    const w = await readyWorld();
    const { teacher, otherTeacher, admin, student, parent } = w.people;
    const lesson = await oneLesson(w);
    await expect(w.useCases.edit.execute(otherTeacher, { lessonId: lesson.id, durationMinutes: 30 })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(w.useCases.edit.execute(teacher, { lessonId: lesson.id, teacherId: otherTeacher.userId })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(w.useCases.edit.execute(teacher, { lessonId: lesson.id, studentIds: [student.userId] })).rejects.toMatchObject({ code: 'SCHEDULING.NOTHING_CHANGED' });
    const wrong = await rejection(w.useCases.edit.execute(admin, { lessonId: lesson.id, accompanistId: parent.userId }));
    expect(wrong).toMatchObject({ code: 'SCHEDULING.WRONG_ROLE', details: { fields: [{ field: 'accompanistId' }] } });
    const moved = await w.useCases.edit.execute(admin, { lessonId: lesson.id, teacherId: otherTeacher.userId, override: { reason: 'covering' } });
    expect(moved.lessons[0].teacherId).toBe(otherTeacher.userId);
  });

  it('changes this and the following lessons of a series, splitting it, the earlier ones unchanged', async () => {
    const w = await readyWorld();
    const { teacher, accompanist } = w.people;
    const { series, lessons } = await w.useCases.createSeries.execute(teacher, weeklySeries(w));
    const { lessons: changed, series: next } = await w.useCases.edit.execute(teacher, { lessonId: lessons[2].id, accompanistId: accompanist.userId, scope: 'following' });
    expect(changed.map((l) => l.id)).toEqual(lessons.slice(2).map((l) => l.id));
    expect(next?.accompanistId).toBe(accompanist.userId);
    expect(w.stores.series.rows.get(series.id)?.untilDate).toBe('2026-01-19');
    expect(w.stores.lessons.rows.get(lessons[1].id)?.accompanistId).toBeNull();
    expect(w.stores.lessons.rows.get(lessons.at(-1)!.id)).toMatchObject({ accompanistId: accompanist.userId, seriesId: next?.id });
  });
});

describe('EndSeries', () => {
  it('ends a series on a day, cancelling its later lessons with the reason and no credits', async () => {
    const w = await readyWorld();
    const { teacher } = w.people;
    const { series, lessons } = await w.useCases.createSeries.execute(teacher, weeklySeries(w));
    const { series: ended, cancelled } = await w.useCases.endSeries.execute(teacher, { seriesId: series.id, lastDate: '2026-01-20', reason: 'Moving away' });
    expect(ended.untilDate).toBe('2026-01-20');
    expect(cancelled.map((l) => l.id)).toEqual(lessons.slice(3).map((l) => l.id));
    expect(cancelled.every((l) => l.status === 'cancelled' && l.cancellation?.reason === 'Moving away' && !l.cancellation.creditGranted)).toBe(true);
    expect(w.stores.lessons.rows.get(lessons[2].id)?.status).toBe('scheduled');
    expect(w.stores.credits.rows.size).toBe(0);
    expect(w.stores.events.published.filter((e) => e.type === 'lesson.cancelled.v1')).toHaveLength(cancelled.length);
  });

  it('refuses a day outside the series, naming the field, and anyone but its staff', async () => {
    const w = await readyWorld();
    const { teacher, otherTeacher, parent } = w.people;
    const { series } = await w.useCases.createSeries.execute(teacher, weeklySeries(w));
    for (const lastDate of ['2025-12-31', '2026-03-27', '2026-13-01']) {
      const error = await rejection(w.useCases.endSeries.execute(teacher, { seriesId: series.id, lastDate, reason: 'x' }));
      expect({ lastDate, kind: error.kind, field: error.details.fields?.[0]?.field }).toEqual({ lastDate, kind: 'invalid', field: 'lastDate' });
    }
    for (const who of [otherTeacher, parent]) await expect(w.useCases.endSeries.execute(who, { seriesId: series.id, lastDate: '2026-01-20', reason: 'x' })).rejects.toMatchObject({ kind: 'forbidden' });
    expect(w.stores.series.rows.get(series.id)?.untilDate).toBe('2026-03-27');
  });
});
