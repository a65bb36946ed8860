import { HOUR, newId } from '@cadenza/shared/kernel';
import type { TermId } from '../model/ids.js';
import { localParts } from '../time/zoned-time.js';
import { at, readyWorld, rejection, weeklySeries } from '../testing/setup.js';
import { CHANGES_PER_PERSON } from './change-limit.js';

describe('CreateSeries', () => {
  it('books every Tuesday of the term at 16:00 local, skipping closures, in one unit of work', async () => {
    const w = await readyWorld();
    await w.useCases.addClosure.execute(w.people.admin, { name: 'Half term', startDate: '2026-02-16', endDate: '2026-02-20' });
    w.stores.uow.runs = 0;
    const result = await w.useCases.createSeries.execute(w.people.teacher, weeklySeries(w));
    expect(result.lessons).toHaveLength(11);
    expect(result.skipped).toEqual([{ date: '2026-02-17', reason: 'closure', closureId: expect.any(String) }]);
    expect(result.lessons.every((l) => localParts(l.start, 'Europe/London').time === '16:00')).toBe(true);
    // BST starts on 29 March, after the term; the last lesson is 24 March.
    expect(result.lessons.at(-1)?.start.toISOString()).toBe('2026-03-24T16:00:00.000Z');
    expect(result.series.untilDate).toBe('2026-03-27');
    expect(w.stores.uow.runs).toBe(1);
    expect(w.stores.events.published.filter((e) => e.type === 'lesson.scheduled.v1')).toHaveLength(11);
    expect(w.stores.audit.entries.map((e) => e.action)).toEqual(['scheduling.closure.created', 'scheduling.series.created']);
  });

  it('never drops a conflicting date silently: it lists each with conflicts and up to three suggestions', async () => {
    const w = await readyWorld();
    const { teacher, otherStudent } = w.people;
    const clash = await w.useCases.book.execute(teacher, { teacherId: teacher.userId, studentIds: [otherStudent.userId], start: at('2026-01-20T16:30:00Z'), end: at('2026-01-20T17:00:00Z') });
    const error = await rejection(w.useCases.createSeries.execute(teacher, weeklySeries(w)));
    expect(error.code).toBe('SCHEDULING.SERIES_CONFLICT');
    const occurrences = error.details.occurrences as { date: string; conflicts: { kind: string; id: string }[]; suggestions: unknown[] }[];
    expect(occurrences).toHaveLength(1);
    expect(occurrences[0]).toMatchObject({ date: '2026-01-20', conflicts: [{ kind: 'teacher', id: clash.id }] });
    expect(occurrences[0].suggestions).toHaveLength(3);
    expect(w.stores.series.rows.size).toBe(0);
    expect(w.stores.lessons.rows.size).toBe(1);

    const skipped = await w.useCases.createSeries.execute(teacher, weeklySeries(w, { resolutions: [{ date: '2026-01-20', action: 'skip' }] }));
    expect(skipped.lessons).toHaveLength(11);
    expect(skipped.skipped).toEqual([{ date: '2026-01-20', reason: 'resolution', closureId: null }]);
  });

  it('moves a conflicting date to the slot given, and refuses a resolution for a date that is not in the series', async () => {
    const w = await readyWorld();
    const { teacher, otherStudent } = w.people;
    await w.useCases.book.execute(teacher, { teacherId: teacher.userId, studentIds: [otherStudent.userId], start: at('2026-01-20T16:00:00Z'), end: at('2026-01-20T17:00:00Z') });
    await expect(w.useCases.createSeries.execute(teacher, weeklySeries(w, { resolutions: [{ date: '2026-01-21', action: 'skip' }] }))).rejects.toMatchObject({
      code: 'SCHEDULING.INVALID_RESOLUTION',
    });
    const moved = await w.useCases.createSeries.execute(teacher, weeklySeries(w, { resolutions: [{ date: '2026-01-20', action: 'move', start: at('2026-01-20T18:00:00Z'), end: at('2026-01-20T18:45:00Z') }] }));
    expect(moved.lessons.map((l) => l.start.toISOString())).toContain('2026-01-20T18:00:00.000Z');
  });

  it('refuses bad rules, unknown terms and first dates outside the term', async () => {
    const w = await readyWorld();
    const { teacher } = w.people;
    await expect(w.useCases.createSeries.execute(teacher, weeklySeries(w, { rrule: 'FREQ=HOURLY' }))).rejects.toMatchObject({ code: 'SCHEDULING.INVALID_RRULE' });
    await expect(w.useCases.createSeries.execute(teacher, weeklySeries(w, { rrule: 'FREQ=WEEKLY;BYHOUR=9' }))).rejects.toMatchObject({ code: 'SCHEDULING.INVALID_RRULE' });
    await expect(w.useCases.createSeries.execute(teacher, weeklySeries(w, { termId: newId<TermId>() }))).rejects.toMatchObject({ kind: 'not_found' });
    await expect(w.useCases.createSeries.execute(teacher, weeklySeries(w, { firstDate: '2026-04-07' }))).rejects.toMatchObject({ code: 'SCHEDULING.OUTSIDE_TERM' });
    await expect(w.useCases.createSeries.execute(teacher, weeklySeries(w, { durationMinutes: 0 }))).rejects.toMatchObject({ kind: 'invalid' });
    expect(w.stores.lessons.rows.size).toBe(0);
  });
});

describe('lesson requests', () => {
  it('a parent with full access requests a lesson; the teacher approves and it is booked atomically', async () => {
    const w = await readyWorld();
    const { parent, teacher, student } = w.people;
    const request = await w.useCases.submitRequest.execute(parent, { kind: 'new_lesson', studentId: student.userId, teacherId: teacher.userId, start: at('2026-01-07T15:00:00Z'), end: at('2026-01-07T16:00:00Z') });
    expect(request.status).toBe('pending');
    expect(w.stores.events.published.at(-1)?.type).toBe('lesson_request.created.v1');
    const approved = await w.useCases.approve.execute(teacher, { requestId: request.id });
    expect(approved.status).toBe('approved');
    expect([...w.stores.lessons.rows.values()].map((l) => l.start)).toEqual([at('2026-01-07T15:00:00Z')]);
    expect(w.stores.events.published.map((e) => e.type)).toEqual(['lesson_request.created.v1', 'lesson.scheduled.v1', 'lesson_request.approved.v1']);
    expect(w.stores.audit.entries.map((e) => e.action)).toEqual(['scheduling.request.submitted', 'scheduling.lesson.booked', 'scheduling.request.approved']);
  });

  it('a person submits eight requests at once, then one every two minutes: the next is refused with 429 and nothing is written or announced', async () => {
    const w = await readyWorld();
    const { parent, teacher, student } = w.people;
    const ask = (day: number) =>
      w.useCases.submitRequest.execute(parent, { kind: 'new_lesson', studentId: student.userId, teacherId: teacher.userId, start: at(`2026-01-${String(day).padStart(2, '0')}T15:00:00Z`), end: at(`2026-01-${String(day).padStart(2, '0')}T16:00:00Z`) });
    for (let day = 7; day < 15; day++) await ask(day);
    const events = w.stores.events.published.length;
    await expect(ask(15)).rejects.toMatchObject({ code: 'SCHEDULING.TOO_MANY_REQUESTS', kind: 'rate_limited', details: { retryAfterSeconds: 120 } });
    expect(w.stores.requests.rows.size).toBe(8);
    expect(w.stores.events.published).toHaveLength(events);
    // Another person is not held up by it; the same person is again once a turn has come back.
    await w.useCases.submitRequest.execute(student, { kind: 'new_lesson', studentId: student.userId, teacherId: teacher.userId, start: at('2026-01-16T15:00:00Z'), end: at('2026-01-16T16:00:00Z') });
    w.clock.advance(2 * 60_000);
    await ask(17);
    expect(w.stores.requests.rows.size).toBe(10);
  });

  it('a decider past their turns of lesson changes is refused a decision with 429, and the request stays as it was', async () => {
    const w = await readyWorld();
    const { parent, teacher, student } = w.people;
    const ask = async (day: number) =>
      (await w.useCases.submitRequest.execute(parent, { kind: 'new_lesson', studentId: student.userId, teacherId: teacher.userId, start: at(`2026-01-${day}T15:00:00Z`), end: at(`2026-01-${day}T16:00:00Z`) })).id;
    const [a, b, c] = [await ask(12), await ask(13), await ask(14)];
    const limit = [{ key: `scheduling.change.by:${teacher.userId}`, ...CHANGES_PER_PERSON }];
    for (let i = 0; i < CHANGES_PER_PERSON.burst; i++) await w.stores.limiter.take(limit, w.clock.now());
    const events = w.stores.events.published.length;
    await expect(w.useCases.approve.execute(teacher, { requestId: a })).rejects.toMatchObject({ code: 'SCHEDULING.TOO_MANY_CHANGES', kind: 'rate_limited' });
    await expect(w.useCases.decline.execute(teacher, { requestId: b, reason: 'Full' })).rejects.toMatchObject({ code: 'SCHEDULING.TOO_MANY_CHANGES' });
    await expect(w.useCases.counter.execute(teacher, { requestId: c, start: at('2026-01-15T15:00:00Z'), end: at('2026-01-15T16:00:00Z') })).rejects.toMatchObject({ code: 'SCHEDULING.TOO_MANY_CHANGES' });
    expect([a, b, c].map((id) => w.stores.requests.rows.get(id)?.status)).toEqual(['pending', 'pending', 'pending']);
    expect(w.stores.lessons.rows.size).toBe(0);
    expect(w.stores.events.published).toHaveLength(events);
    w.clock.advance(CHANGES_PER_PERSON.everyMs);
    await w.useCases.approve.execute(teacher, { requestId: a });
    expect(w.stores.requests.rows.get(a)?.status).toBe('approved');
    expect(w.stores.lessons.rows.size).toBe(1);
  });

  it('a parent with view access cannot request; a student only for themselves', async () => {
    const w = await readyWorld();
    const { viewParent, otherStudent, teacher, student } = w.people;
    const input = { kind: 'new_lesson' as const, studentId: student.userId, teacherId: teacher.userId, start: at('2026-01-07T15:00:00Z'), end: at('2026-01-07T16:00:00Z') };
    await expect(w.useCases.submitRequest.execute(viewParent, input)).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(w.useCases.submitRequest.execute(otherStudent, input)).rejects.toMatchObject({ kind: 'forbidden' });
    expect(w.stores.requests.rows.size).toBe(0);
  });

  it('the requester cannot approve their own request, nor another teacher', async () => {
    const w = await readyWorld();
    const { admin, teacher, otherTeacher, student } = w.people;
    // An admin who is also a student's guardian-like requester: here the student asks, then tries to approve.
    const request = await w.useCases.submitRequest.execute(student, { kind: 'new_lesson', studentId: student.userId, teacherId: teacher.userId, start: at('2026-01-07T15:00:00Z'), end: at('2026-01-07T16:00:00Z') });
    await expect(w.useCases.approve.execute(student, { requestId: request.id })).rejects.toMatchObject({ code: 'SCHEDULING.OWN_REQUEST', kind: 'forbidden' });
    await expect(w.useCases.approve.execute(otherTeacher, { requestId: request.id })).rejects.toMatchObject({ kind: 'forbidden' });
    // Someone who is both admin and parent asks for their child: they still cannot approve it themselves.
    const adminParent = { ...admin, roles: ['admin', 'parent'] };
    w.stores.directory.link(admin.userId, student.userId, 'full');
    const own = await w.useCases.submitRequest.execute(adminParent, { kind: 'new_lesson', studentId: student.userId, teacherId: teacher.userId, start: at('2026-01-08T15:00:00Z'), end: at('2026-01-08T16:00:00Z') });
    await expect(w.useCases.approve.execute(adminParent, { requestId: own.id })).rejects.toMatchObject({ code: 'SCHEDULING.OWN_REQUEST' });
    expect(w.stores.lessons.rows.size).toBe(0);
  });

  it('re-checks conflicts on approval and leaves the request pending when it clashes', async () => {
    const w = await readyWorld();
    const { teacher, student, otherStudent } = w.people;
    const request = await w.useCases.submitRequest.execute(student, { kind: 'new_lesson', studentId: student.userId, teacherId: teacher.userId, start: at('2026-01-07T15:00:00Z'), end: at('2026-01-07T16:00:00Z') });
    await w.useCases.book.execute(teacher, { teacherId: teacher.userId, studentIds: [otherStudent.userId], start: at('2026-01-07T15:30:00Z'), end: at('2026-01-07T16:30:00Z') });
    await expect(w.useCases.approve.execute(teacher, { requestId: request.id })).rejects.toMatchObject({ code: 'SCHEDULING.CONFLICT' });
    expect(w.stores.requests.rows.get(request.id)?.status).toBe('pending');
  });

  it('counter proposal: the requester accepts, the counter-proposer cannot accept their own counter', async () => {
    const w = await readyWorld();
    const { teacher, student, parent } = w.people;
    const request = await w.useCases.submitRequest.execute(parent, { kind: 'new_lesson', studentId: student.userId, teacherId: teacher.userId, start: at('2026-01-07T12:00:00Z'), end: at('2026-01-07T13:00:00Z') });
    const countered = await w.useCases.counter.execute(teacher, { requestId: request.id, start: at('2026-01-07T15:00:00Z'), end: at('2026-01-07T16:00:00Z'), message: 'After school?' });
    expect(countered.status).toBe('countered');
    await expect(w.useCases.approve.execute(teacher, { requestId: request.id })).rejects.toMatchObject({ code: 'SCHEDULING.REQUEST_CLOSED' });
    await expect(w.useCases.acceptCounter.execute(teacher, { requestId: request.id })).rejects.toMatchObject({ code: 'SCHEDULING.OWN_COUNTER', kind: 'forbidden' });
    const accepted = await w.useCases.acceptCounter.execute(parent, { requestId: request.id });
    expect(accepted.status).toBe('approved');
    expect([...w.stores.lessons.rows.values()].map((l) => l.start)).toEqual([at('2026-01-07T15:00:00Z')]);
    expect(w.stores.events.published.map((e) => e.type)).toEqual(['lesson_request.created.v1', 'lesson_request.countered.v1', 'lesson.scheduled.v1', 'lesson_request.approved.v1']);
  });

  it('declines with a reason and lets the requester withdraw, nobody else', async () => {
    const w = await readyWorld();
    const { teacher, student, parent } = w.people;
    const input = { kind: 'new_lesson' as const, studentId: student.userId, teacherId: teacher.userId, start: at('2026-01-07T15:00:00Z'), end: at('2026-01-07T16:00:00Z') };
    const first = await w.useCases.submitRequest.execute(parent, input);
    await expect(w.useCases.decline.execute(teacher, { requestId: first.id, reason: ' ' })).rejects.toMatchObject({ kind: 'invalid' });
    const declined = await w.useCases.decline.execute(teacher, { requestId: first.id, reason: 'Fully booked' });
    expect(declined.decision).toMatchObject({ by: teacher.userId, reason: 'Fully booked' });
    const second = await w.useCases.submitRequest.execute(parent, input);
    await expect(w.useCases.withdraw.execute(student, { requestId: second.id })).rejects.toMatchObject({ kind: 'forbidden' });
    expect((await w.useCases.withdraw.execute(parent, { requestId: second.id })).status).toBe('withdrawn');
    expect((await w.useCases.listRequests.execute(parent)).map((r) => r.status).sort()).toEqual(['declined', 'withdrawn']);
  });

  it('a cancellation request shows the policy outcome, and approval applies it as a family cancellation', async () => {
    const w = await readyWorld();
    const { teacher, student, parent } = w.people;
    const soon = await w.useCases.book.execute(teacher, { teacherId: teacher.userId, studentIds: [student.userId], start: at('2026-01-05T18:00:00Z'), end: at('2026-01-05T19:00:00Z') });
    const later = await w.useCases.book.execute(teacher, { teacherId: teacher.userId, studentIds: [student.userId], start: at('2026-01-09T16:00:00Z'), end: at('2026-01-09T17:00:00Z') });
    const lateRequest = await w.useCases.submitRequest.execute(parent, { kind: 'cancellation', lessonId: soon.id, message: 'Ill' });
    expect(lateRequest.policy).toEqual({ lateCancellation: true, creditWillBeGranted: false, noticeHours: 24 });
    const earlyRequest = await w.useCases.submitRequest.execute(student, { kind: 'cancellation', lessonId: later.id });
    expect(earlyRequest.policy).toEqual({ lateCancellation: false, creditWillBeGranted: true, noticeHours: 24 });
    // Approved two days later, the notice still counts from the request.
    w.clock.advance(60 * HOUR);
    await w.useCases.approve.execute(teacher, { requestId: earlyRequest.id });
    expect(w.stores.lessons.rows.get(later.id)).toMatchObject({ status: 'cancelled', cancellation: { late: false, creditGranted: true, by: student.userId } });
    expect([...w.stores.credits.rows.values()]).toEqual([expect.objectContaining({ studentId: student.userId, originLessonId: later.id })]);
  });

  it('a reschedule request moves the lesson when approved by an admin', async () => {
    const w = await readyWorld();
    const { admin, teacher, student } = w.people;
    const lesson = await w.useCases.book.execute(teacher, { teacherId: teacher.userId, studentIds: [student.userId], start: at('2026-01-09T16:00:00Z'), end: at('2026-01-09T17:00:00Z') });
    const request = await w.useCases.submitRequest.execute(student, { kind: 'reschedule', lessonId: lesson.id, start: at('2026-01-09T17:00:00Z'), end: at('2026-01-09T18:00:00Z') });
    const before = await w.useCases.listRequests.lessonsOf([request]);
    expect(before.get(lesson.id)?.start).toEqual(at('2026-01-09T16:00:00Z'));
    await w.useCases.approve.execute(admin, { requestId: request.id });
    expect(w.stores.lessons.rows.get(lesson.id)?.start).toEqual(at('2026-01-09T17:00:00Z'));
    // The lesson a request concerns is read as it is now; a request for a new lesson concerns none.
    expect((await w.useCases.listRequests.lessonsOf([request])).get(lesson.id)?.start).toEqual(at('2026-01-09T17:00:00Z'));
    const fresh = await w.useCases.submitRequest.execute(student, { kind: 'new_lesson', studentId: student.userId, teacherId: teacher.userId, start: at('2026-01-12T16:00:00Z'), end: at('2026-01-12T17:00:00Z') });
    expect((await w.useCases.listRequests.lessonsOf([fresh])).size).toBe(0);
  });
});
