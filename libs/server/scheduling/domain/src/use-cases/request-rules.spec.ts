import { at, readyWorld, rejection, weeklySeries } from '../testing/setup.js';

describe('one open request per lesson, kind and student', () => {
  it('refuses a second reschedule of a lesson while the first waits, naming the first; another kind, or after an answer, is taken', async () => {
    const w = await readyWorld();
    const { teacher, student, parent } = w.people;
    const lesson = await w.useCases.book.execute(teacher, { teacherId: teacher.userId, studentIds: [student.userId], start: at('2026-01-09T16:00:00Z'), end: at('2026-01-09T17:00:00Z') });
    const first = await w.useCases.submitRequest.execute(parent, { kind: 'reschedule', lessonId: lesson.id, start: at('2026-01-09T17:00:00Z'), end: at('2026-01-09T18:00:00Z') });
    const events = w.stores.events.published.length;

    // The student asking too is the same request for the same student: refused, nothing written or announced.
    const error = await rejection(w.useCases.submitRequest.execute(student, { kind: 'reschedule', lessonId: lesson.id, start: at('2026-01-09T18:00:00Z'), end: at('2026-01-09T19:00:00Z') }));
    expect({ code: error.code, kind: error.kind, details: error.details }).toEqual({
      code: 'SCHEDULING.REQUEST_EXISTS',
      kind: 'conflict',
      details: { requestId: first.id, href: `/api/v1/lesson-requests/${first.id}` },
    });
    expect(w.stores.requests.rows.size).toBe(1);
    expect(w.stores.events.published).toHaveLength(events);

    // A cancellation of the same lesson is another kind.
    await w.useCases.submitRequest.execute(parent, { kind: 'cancellation', lessonId: lesson.id });
    // Still open once answered with another time; taken again once the first is withdrawn.
    await w.useCases.counter.execute(teacher, { requestId: first.id, start: at('2026-01-09T15:00:00Z'), end: at('2026-01-09T16:00:00Z') });
    await expect(w.useCases.submitRequest.execute(parent, { kind: 'reschedule', lessonId: lesson.id, start: at('2026-01-09T18:00:00Z'), end: at('2026-01-09T19:00:00Z') })).rejects.toMatchObject({
      code: 'SCHEDULING.REQUEST_EXISTS',
    });
    await w.useCases.withdraw.execute(parent, { requestId: first.id });
    const again = await w.useCases.submitRequest.execute(parent, { kind: 'reschedule', lessonId: lesson.id, start: at('2026-01-09T18:00:00Z'), end: at('2026-01-09T19:00:00Z') });
    expect(again.status).toBe('pending');
  });

  it('two sent at once: one is kept, the other refused naming it', async () => {
    const w = await readyWorld();
    const { teacher, student, parent } = w.people;
    const lesson = await w.useCases.book.execute(teacher, { teacherId: teacher.userId, studentIds: [student.userId], start: at('2026-01-09T16:00:00Z'), end: at('2026-01-09T17:00:00Z') });
    const results = await Promise.allSettled([parent, student].map((who) => w.useCases.submitRequest.execute(who, { kind: 'cancellation', lessonId: lesson.id })));
    const kept = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as { code: string; details: unknown }] : []));
    expect(kept).toHaveLength(1);
    expect(refused).toEqual([expect.objectContaining({ code: 'SCHEDULING.REQUEST_EXISTS', details: { requestId: kept[0].id, href: `/api/v1/lesson-requests/${kept[0].id}` } })]);
    expect(w.stores.requests.rows.size).toBe(1);
  });

  it('in a group lesson each family asks for its own child', async () => {
    const w = await readyWorld();
    const { teacher, student, otherStudent, parent } = w.people;
    const lesson = await w.useCases.book.execute(teacher, { teacherId: teacher.userId, studentIds: [student.userId, otherStudent.userId], start: at('2026-01-09T16:00:00Z'), end: at('2026-01-09T17:00:00Z') });
    await w.useCases.submitRequest.execute(parent, { kind: 'cancellation', lessonId: lesson.id });
    expect((await w.useCases.submitRequest.execute(otherStudent, { kind: 'cancellation', lessonId: lesson.id })).studentId).toBe(otherStudent.userId);
  });

  it('lessons read with the open requests about them: staff see all, a family its own', async () => {
    const w = await readyWorld();
    const { admin, teacher, student, otherStudent, parent } = w.people;
    const lesson = await w.useCases.book.execute(teacher, { teacherId: teacher.userId, studentIds: [student.userId, otherStudent.userId], start: at('2026-01-09T16:00:00Z'), end: at('2026-01-09T17:00:00Z') });
    const mine = await w.useCases.submitRequest.execute(parent, { kind: 'cancellation', lessonId: lesson.id });
    const theirs = await w.useCases.submitRequest.execute(otherStudent, { kind: 'reschedule', lessonId: lesson.id, start: at('2026-01-09T18:00:00Z'), end: at('2026-01-09T19:00:00Z') });
    const range = { from: at('2026-01-05T00:00:00Z'), to: at('2026-01-12T00:00:00Z') };
    const open = async (who: typeof admin) => (await w.useCases.listLessons.execute(who, range)).find((l) => l.lesson.id === lesson.id)?.openRequests.map((r) => r.id).sort();
    expect(await open(admin)).toEqual([mine.id, theirs.id].sort());
    expect(await open(teacher)).toEqual([mine.id, theirs.id].sort());
    expect(await open(parent)).toEqual([mine.id]);
    expect(await open(otherStudent)).toEqual([theirs.id]);
    await w.useCases.decline.execute(teacher, { requestId: theirs.id, reason: 'Room taken' });
    expect(await open(admin)).toEqual([mine.id]);
  });
});

describe('counter-proposals checked when sent', () => {
  it('refuses a time that clashes, with the clash and free times, and sends nothing', async () => {
    const w = await readyWorld();
    const { teacher, student, otherStudent, parent } = w.people;
    const busy = await w.useCases.book.execute(teacher, { teacherId: teacher.userId, studentIds: [otherStudent.userId], start: at('2026-01-07T15:00:00Z'), end: at('2026-01-07T16:00:00Z') });
    const request = await w.useCases.submitRequest.execute(parent, { kind: 'new_lesson', studentId: student.userId, teacherId: teacher.userId, start: at('2026-01-07T12:00:00Z'), end: at('2026-01-07T13:00:00Z') });
    const events = w.stores.events.published.length;
    const error = await rejection(w.useCases.counter.execute(teacher, { requestId: request.id, start: at('2026-01-07T15:30:00Z'), end: at('2026-01-07T16:30:00Z') }));
    expect(error.code).toBe('SCHEDULING.CONFLICT');
    expect(error.details.conflicts).toEqual([expect.objectContaining({ kind: 'teacher', id: busy.id })]);
    expect((error.details.suggestions as unknown[]).length).toBeGreaterThan(0);
    expect(w.stores.requests.rows.get(request.id)).toMatchObject({ status: 'pending', counter: null });
    expect(w.stores.events.published).toHaveLength(events);
    expect(w.stores.lessons.rows.size).toBe(1);
  });

  it('a reschedule countered with a time overlapping the lesson’s own slot is sent and accepted: the lesson never clashes with itself', async () => {
    const w = await readyWorld();
    const { teacher, student, parent } = w.people;
    const lesson = await w.useCases.book.execute(teacher, { teacherId: teacher.userId, studentIds: [student.userId], start: at('2026-01-09T16:00:00Z'), end: at('2026-01-09T17:00:00Z') });
    const request = await w.useCases.submitRequest.execute(parent, { kind: 'reschedule', lessonId: lesson.id, start: at('2026-01-09T19:00:00Z'), end: at('2026-01-09T20:00:00Z') });
    await w.useCases.counter.execute(teacher, { requestId: request.id, start: at('2026-01-09T16:30:00Z'), end: at('2026-01-09T17:30:00Z') });
    const accepted = await w.useCases.acceptCounter.execute(parent, { requestId: request.id });
    expect(accepted.status).toBe('approved');
    expect(w.stores.lessons.rows.get(lesson.id)).toMatchObject({ start: at('2026-01-09T16:30:00Z'), end: at('2026-01-09T17:30:00Z') });
    expect(w.stores.lessons.rows.size).toBe(1);
  });
});

describe('approving a series request with choices for its clashing dates', () => {
  it('lists the clashing date, then books the series with it skipped or moved', async () => {
    const w = await readyWorld();
    const { teacher, student, otherStudent, parent } = w.people;
    const clash = await w.useCases.book.execute(teacher, { teacherId: teacher.userId, studentIds: [otherStudent.userId], start: at('2026-01-20T16:30:00Z'), end: at('2026-01-20T17:00:00Z') });
    const series = weeklySeries(w);
    const ask = () =>
      w.useCases.submitRequest.execute(parent, { kind: 'new_series', studentId: student.userId, teacherId: teacher.userId, termId: w.term.id, rrule: series.rrule, startTime: series.startTime, durationMinutes: series.durationMinutes, firstDate: series.firstDate });
    const skipped = await ask();
    const error = await rejection(w.useCases.approve.execute(teacher, { requestId: skipped.id }));
    expect(error.code).toBe('SCHEDULING.SERIES_CONFLICT');
    expect(error.details.occurrences).toEqual([expect.objectContaining({ date: '2026-01-20', conflicts: [expect.objectContaining({ id: clash.id })] })]);
    expect(w.stores.requests.rows.get(skipped.id)?.status).toBe('pending');
    expect(w.stores.series.rows.size).toBe(0);

    await w.useCases.approve.execute(teacher, { requestId: skipped.id, resolutions: [{ date: '2026-01-20', action: 'skip' }] });
    expect(w.stores.requests.rows.get(skipped.id)?.status).toBe('approved');
    const lessons = () => [...w.stores.lessons.rows.values()].filter((l) => l.studentIds.includes(student.userId) && l.status === 'scheduled');
    expect(lessons()).toHaveLength(11);
    expect(lessons().some((l) => l.start.toISOString().startsWith('2026-01-20'))).toBe(false);

    // The same again, the date moved to a free time instead (the first series ended so the times are free).
    for (const l of lessons()) w.stores.lessons.rows.delete(l.id);
    const moved = await ask();
    await w.useCases.approve.execute(teacher, { requestId: moved.id, resolutions: [{ date: '2026-01-20', action: 'move', start: at('2026-01-20T18:00:00Z'), end: at('2026-01-20T18:45:00Z') }] });
    expect(lessons().map((l) => l.start.toISOString())).toContain('2026-01-20T18:00:00.000Z');
    expect(lessons()).toHaveLength(12);
  });
});
