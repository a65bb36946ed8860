import { DAY, DomainError, HOUR, newId, type UserId } from '@cadenza/shared/kernel';
import { CHANGES_PER_PERSON } from './change-limit.js';
import { TakenMeanwhile } from '../conflicts/taken-meanwhile.js';
import type { LessonId, MakeupCreditId } from '../model/ids.js';
import { at, readyWorld, recordStoreRefusals, rejection, weeklySeries } from '../testing/setup.js';

describe('BookLesson', () => {
  it('books a lesson for a teacher, audits and publishes it', async () => {
    const w = await readyWorld();
    const { teacher, student } = w.people;
    const lesson = await w.useCases.book.execute(teacher, { teacherId: teacher.userId, studentIds: [student.userId], roomId: w.room.id, start: at('2026-01-06T16:00:00Z'), end: at('2026-01-06T16:45:00Z') });
    expect(w.stores.lessons.rows.get(lesson.id)?.status).toBe('scheduled');
    expect(w.stores.audit.entries.map((e) => e.action)).toEqual(['scheduling.lesson.booked']);
    expect(w.stores.events.published.map((e) => e.type)).toEqual(['lesson.scheduled.v1']);
  });

  it('refuses a hard conflict with the clash and up to five free suggestions', async () => {
    const w = await readyWorld();
    const { teacher, student, otherStudent } = w.people;
    const first = await w.useCases.book.execute(teacher, { teacherId: teacher.userId, studentIds: [student.userId], start: at('2026-01-06T16:00:00Z'), end: at('2026-01-06T17:00:00Z') });
    const error = await rejection(w.useCases.book.execute(teacher, { teacherId: teacher.userId, studentIds: [otherStudent.userId], start: at('2026-01-06T16:30:00Z'), end: at('2026-01-06T17:30:00Z') }));
    expect(error).toMatchObject({ code: 'SCHEDULING.CONFLICT', kind: 'conflict' });
    const details = error.details as { conflicts: { kind: string; id: string; severity: string }[]; suggestions: { start: Date; end: Date }[] };
    expect(details.conflicts).toEqual([expect.objectContaining({ kind: 'teacher', id: first.id, severity: 'hard' })]);
    expect(details.suggestions).toHaveLength(5);
    expect(details.suggestions[0].start).toEqual(at('2026-01-06T14:00:00Z'));
    expect(details.suggestions.every((s) => s.end.getTime() - s.start.getTime() === HOUR)).toBe(true);
    expect(w.stores.lessons.rows.size).toBe(1);
  });

  it('checks a booking that lost a race at the store once more, so it is refused with the clash and suggestions', async () => {
    const w = await readyWorld();
    const { teacher, student, otherStudent } = w.people;
    const refusedByStore = recordStoreRefusals(w);
    // Both pass their checks before either writes; the second write meets the first's row.
    const outcomes = await Promise.allSettled(
      [student, otherStudent].map((s) => w.useCases.book.execute(teacher, { teacherId: teacher.userId, studentIds: [s.userId], start: at('2026-01-06T16:00:00Z'), end: at('2026-01-06T17:00:00Z') })),
    );
    expect(refusedByStore).toEqual([expect.any(TakenMeanwhile)]);
    const won = outcomes.find((o) => o.status === 'fulfilled');
    const lost = outcomes.find((o) => o.status === 'rejected');
    expect(won && lost).toBeTruthy();
    const error = (lost as PromiseRejectedResult).reason as DomainError;
    expect(error).not.toBeInstanceOf(TakenMeanwhile);
    expect(error.message).not.toMatch(/a moment ago/);
    expect(error.details.conflicts).toEqual([expect.objectContaining({ kind: 'teacher', id: (won as PromiseFulfilledResult<{ id: string }>).value.id })]);
    expect(error.details.suggestions).toHaveLength(5);
    expect(w.stores.lessons.rows.size).toBe(1);
  });

  it('lets only an admin override soft conflicts, with the reason audited', async () => {
    const w = await readyWorld();
    const { admin, teacher, student } = w.people;
    const evening = { teacherId: teacher.userId, studentIds: [student.userId], start: at('2026-01-06T20:00:00Z'), end: at('2026-01-06T21:00:00Z') };
    const soft = await rejection(w.useCases.book.execute(teacher, evening));
    expect(soft.code).toBe('SCHEDULING.CONFLICT');
    expect((soft.details.conflicts as { kind: string }[]).map((c) => c.kind)).toEqual(['outside_availability']);
    await expect(w.useCases.book.execute(teacher, { ...evening, override: { reason: 'concert week' } })).rejects.toMatchObject({ code: 'SCHEDULING.OVERRIDE_FORBIDDEN', kind: 'forbidden' });
    const lesson = await w.useCases.book.execute(admin, { ...evening, override: { reason: 'concert week' } });
    const entry = w.stores.audit.entries.find((e) => e.entityId === lesson.id);
    expect(entry?.after).toMatchObject({ override: { reason: 'concert week', conflicts: [expect.objectContaining({ kind: 'outside_availability' })] } });
  });

  it('never overrides a hard conflict', async () => {
    const w = await readyWorld();
    const { admin, teacher, student } = w.people;
    const slot = { teacherId: teacher.userId, studentIds: [student.userId], start: at('2026-01-06T16:00:00Z'), end: at('2026-01-06T17:00:00Z') };
    await w.useCases.book.execute(admin, slot);
    await expect(w.useCases.book.execute(admin, { ...slot, override: { reason: 'please' } })).rejects.toMatchObject({ code: 'SCHEDULING.CONFLICT' });
  });

  it("keeps teachers to their own lessons; students and parents cannot book", async () => {
    const w = await readyWorld();
    const { otherTeacher, teacher, student, parent } = w.people;
    const slot = { teacherId: teacher.userId, studentIds: [student.userId], start: at('2026-01-06T16:00:00Z'), end: at('2026-01-06T17:00:00Z') };
    for (const actor of [otherTeacher, student, parent]) await expect(w.useCases.book.execute(actor, slot)).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it.each([
    ['an end before the start', { start: at('2026-01-06T17:00:00Z'), end: at('2026-01-06T16:00:00Z') }, 'SCHEDULING.END_BEFORE_START', 'invalid'],
    ['a zero duration', { start: at('2026-01-06T17:00:00Z'), end: at('2026-01-06T17:00:00Z') }, 'SCHEDULING.END_BEFORE_START', 'invalid'],
    ['a duration of 24 hours', { start: at('2026-01-06T17:00:00Z'), end: at('2026-01-07T17:00:00Z') }, 'SCHEDULING.INVALID_DURATION', 'invalid'],
    ['an unknown student', { studentIds: [newId<UserId>()] }, 'SCHEDULING.PERSON_NOT_FOUND', 'not_found'],
    ['an unknown room', { roomId: newId() }, 'SCHEDULING.ROOM_NOT_FOUND', 'not_found'],
    ['an unknown lesson type', { lessonTypeId: newId() }, 'SCHEDULING.LESSON_TYPE_NOT_FOUND', 'not_found'],
    ['an unknown makeup credit', { makeupCreditId: newId<MakeupCreditId>() }, 'SCHEDULING.CREDIT_NOT_FOUND', 'not_found'],
  ])('refuses %s before any write', async (_what, change, code, kind) => {
    const w = await readyWorld();
    const { admin, teacher, student } = w.people;
    const input = { teacherId: teacher.userId, studentIds: [student.userId], start: at('2026-01-06T16:00:00Z'), end: at('2026-01-06T17:00:00Z'), ...change };
    await expect(w.useCases.book.execute(admin, input as Parameters<typeof w.useCases.book.execute>[1])).rejects.toMatchObject({ code, kind });
    expect(w.stores.lessons.rows.size).toBe(0);
    expect(w.stores.audit.entries).toEqual([]);
    expect(w.stores.uow.runs).toBe(0);
  });
});

describe('people who left the school', () => {
  it.each([
    ['student', 'studentIds.1'],
    ['teacher', 'teacherId'],
    ['accompanist', 'accompanistId'],
  ])('refuses to book a lesson or a weekly series with a %s who left, naming %s, before any write', async (who, field) => {
    const w = await readyWorld();
    const { admin, teacher, student, otherStudent, accompanist } = w.people;
    const left = { student: otherStudent, teacher, accompanist }[who]!;
    const entry = w.stores.directory.entries.get(left.userId)!;
    w.stores.directory.addPerson(left.userId, [...entry.roles], entry.name, true);
    const lesson = { teacherId: teacher.userId, studentIds: [student.userId, otherStudent.userId], accompanistId: accompanist.userId, start: at('2026-01-06T16:00:00Z'), end: at('2026-01-06T17:00:00Z') };
    const refused = { code: 'SCHEDULING.PERSON_ARCHIVED', kind: 'invalid', details: { fields: [{ field, message: `This ${who} has left the school.` }] } };
    await expect(w.useCases.book.execute(admin, lesson)).rejects.toMatchObject(refused);
    await expect(w.useCases.createSeries.execute(admin, { ...weeklySeries(w), studentIds: lesson.studentIds, accompanistId: accompanist.userId })).rejects.toMatchObject(refused);
    expect(w.stores.lessons.rows.size).toBe(0);
    expect(w.stores.audit.entries).toEqual([]);
  });
});

describe('the limit on lesson changes, which mail the lesson’s people', () => {
  it('refuses a move and a cancellation past the person’s turns with 429, writing and announcing nothing, and lets them go on once a turn is back', async () => {
    const w = await readyWorld();
    const { teacher, admin, student } = w.people;
    const lesson = await w.useCases.book.execute(teacher, { teacherId: teacher.userId, studentIds: [student.userId], start: at('2026-01-06T16:00:00Z'), end: at('2026-01-06T17:00:00Z') });
    // The teacher has used every turn of the burst on earlier changes.
    const limit = [{ key: `scheduling.change.by:${teacher.userId}`, ...CHANGES_PER_PERSON }];
    for (let i = 0; i < CHANGES_PER_PERSON.burst; i++) expect((await w.stores.limiter.take(limit, w.clock.now())).granted).toBe(true);
    const events = w.stores.events.published.length;
    const audits = w.stores.audit.entries.length;

    const move = () => w.useCases.move.execute(teacher, { lessonId: lesson.id, start: at('2026-01-07T16:00:00Z'), end: at('2026-01-07T17:00:00Z') });
    await expect(move()).rejects.toMatchObject({ code: 'SCHEDULING.TOO_MANY_CHANGES', kind: 'rate_limited', details: { retryAfterSeconds: 10 } });
    await expect(w.useCases.cancel.execute(teacher, { lessonId: lesson.id, reason: 'Ill' })).rejects.toMatchObject({ code: 'SCHEDULING.TOO_MANY_CHANGES', kind: 'rate_limited' });
    expect(w.stores.lessons.rows.get(lesson.id)).toMatchObject({ status: 'scheduled', start: at('2026-01-06T16:00:00Z') });
    expect(w.stores.events.published).toHaveLength(events);
    expect(w.stores.audit.entries).toHaveLength(audits);
    // A refused check takes no turn: another person, or the same one with a bad move, is told what is wrong.
    await expect(w.useCases.move.execute(teacher, { lessonId: lesson.id, start: at('2026-01-07T17:00:00Z'), end: at('2026-01-07T16:00:00Z') })).rejects.toMatchObject({ kind: 'invalid' });
    await w.useCases.move.execute(admin, { lessonId: lesson.id, start: at('2026-01-08T16:00:00Z'), end: at('2026-01-08T17:00:00Z') });
    w.clock.advance(CHANGES_PER_PERSON.everyMs);
    await move();
    expect(w.stores.lessons.rows.get(lesson.id)?.start).toEqual(at('2026-01-07T16:00:00Z'));
    await expect(w.useCases.cancel.execute(teacher, { lessonId: lesson.id, reason: 'Ill' })).rejects.toMatchObject({ code: 'SCHEDULING.TOO_MANY_CHANGES' });
  });
});

describe('CancelLesson and makeup credits', () => {
  async function booked(start = '2026-01-08T16:00:00Z') {
    const w = await readyWorld();
    const { teacher, student } = w.people;
    const lesson = await w.useCases.book.execute(teacher, { teacherId: teacher.userId, studentIds: [student.userId], start: at(start), end: at(start, 1) });
    return { w, lesson };
  }

  it('grants a credit expiring after makeupCreditDays when the teacher cancels, even late', async () => {
    const { w, lesson } = await booked('2026-01-05T16:00:00Z');
    const { teacher, student } = w.people;
    const result = await w.useCases.cancel.execute(teacher, { lessonId: lesson.id, reason: 'Teacher ill' });
    expect(result.lessons[0].cancellation).toMatchObject({ late: false, creditGranted: true });
    expect(result.credits).toHaveLength(1);
    expect(result.credits[0]).toMatchObject({ studentId: student.userId, originLessonId: lesson.id, status: 'available' });
    expect(result.credits[0].expiresAt.getTime() - w.clock.now().getTime()).toBe(30 * DAY);
    expect(w.stores.events.published.at(-1)).toMatchObject({ type: 'lesson.cancelled.v1', payload: { creditGranted: true } });
  });

  it('grants a credit to a student cancelling with notice, none when late', async () => {
    const early = await booked('2026-01-08T16:00:00Z');
    const r1 = await early.w.useCases.cancel.execute(early.w.people.student, { lessonId: early.lesson.id, reason: 'Exam' });
    expect(r1.lessons[0].cancellation).toMatchObject({ late: false, creditGranted: true });
    expect(r1.credits).toHaveLength(1);

    const late = await booked('2026-01-05T18:00:00Z');
    const r2 = await late.w.useCases.cancel.execute(late.w.people.parent, { lessonId: late.lesson.id, reason: 'Poorly' });
    expect(r2.lessons[0].cancellation).toMatchObject({ late: true, creditGranted: false });
    expect(r2.credits).toHaveLength(0);
  });

  it('follows an updated policy and refuses parents with view access and strangers', async () => {
    const { w, lesson } = await booked('2026-01-08T16:00:00Z');
    await w.useCases.updatePolicy.execute(w.people.admin, { cancellationNoticeHours: 96, makeupCreditDays: 10 });
    await expect(w.useCases.cancel.execute(w.people.viewParent, { lessonId: lesson.id, reason: 'x' })).rejects.toMatchObject({ kind: 'forbidden' });
    // A stranger is not told the lesson exists.
    await expect(w.useCases.cancel.execute(w.people.otherStudent, { lessonId: lesson.id, reason: 'x' })).rejects.toMatchObject({ kind: 'not_found' });
    const result = await w.useCases.cancel.execute(w.people.student, { lessonId: lesson.id, reason: 'Away' });
    expect(result.lessons[0].cancellation?.late).toBe(true);
    await expect(w.useCases.cancel.execute(w.people.teacher, { lessonId: lesson.id, reason: 'again' })).rejects.toMatchObject({ code: 'SCHEDULING.LESSON_NOT_SCHEDULED' });
    await expect(w.useCases.cancel.execute(w.people.teacher, { lessonId: newId<LessonId>(), reason: 'x' })).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('checks a makeup booking that lost a race at the store once more, so it is refused with the clash and suggestions', async () => {
    const w = await readyWorld();
    const { teacher, student, otherStudent } = w.people;
    const group = await w.useCases.book.execute(teacher, { teacherId: teacher.userId, studentIds: [student.userId, otherStudent.userId], start: at('2026-01-08T16:00:00Z'), end: at('2026-01-08T17:00:00Z') });
    const { credits } = await w.useCases.cancel.execute(teacher, { lessonId: group.id, reason: 'Teacher ill' });
    const creditOf = (who: UserId) => credits.find((c) => c.studentId === who)?.id as MakeupCreditId;
    const refusedByStore = recordStoreRefusals(w);
    // Both students spend their credit on the same hour with the same teacher; both pass their checks before either writes.
    const slot = { start: at('2026-01-09T15:00:00Z'), end: at('2026-01-09T16:00:00Z') };
    const outcomes = await Promise.allSettled([student, otherStudent].map((s) => w.useCases.bookMakeup.execute(s, { ...slot, makeupCreditId: creditOf(s.userId) })));
    expect(refusedByStore).toEqual([expect.any(TakenMeanwhile)]);
    const won = outcomes.find((o) => o.status === 'fulfilled');
    const lost = outcomes.find((o) => o.status === 'rejected');
    expect(won && lost).toBeTruthy();
    const error = (lost as PromiseRejectedResult).reason as DomainError;
    expect(error).not.toBeInstanceOf(TakenMeanwhile);
    expect(error.code).toBe('SCHEDULING.CONFLICT');
    expect(error.details.conflicts).toEqual([expect.objectContaining({ kind: 'teacher', id: (won as PromiseFulfilledResult<{ id: string }>).value.id })]);
    expect((error.details.suggestions as unknown[]).length).toBeGreaterThan(0);
    // The loser's credit is still there to spend.
    const loser = [student, otherStudent].find((_, i) => outcomes[i].status === 'rejected');
    expect(w.stores.credits.rows.get(creditOf(loser!.userId))).toMatchObject({ status: 'available' });
  });

  it('spends a credit on a makeup lesson once, atomically with the booking, and expires the rest', async () => {
    const { w, lesson } = await booked('2026-01-08T16:00:00Z');
    const { teacher, student, parent, viewParent } = w.people;
    const { credits } = await w.useCases.cancel.execute(teacher, { lessonId: lesson.id, reason: 'Teacher ill' });
    const credit = credits[0];
    const slot = { makeupCreditId: credit.id, start: at('2026-01-09T15:00:00Z'), end: at('2026-01-09T16:00:00Z') };
    await expect(w.useCases.bookMakeup.execute(viewParent, slot)).rejects.toMatchObject({ kind: 'forbidden' });
    const evening = await rejection(w.useCases.bookMakeup.execute(parent, { ...slot, start: at('2026-01-09T20:00:00Z'), end: at('2026-01-09T21:00:00Z') }));
    expect(evening.code).toBe('SCHEDULING.CONFLICT');
    expect((evening.details.suggestions as unknown[]).length).toBeGreaterThan(0);
    const makeup = await w.useCases.bookMakeup.execute(parent, slot);
    expect(makeup.teacherId).toBe(teacher.userId);
    expect(makeup.makeupCreditId).toBe(credit.id);
    expect(w.stores.credits.rows.get(credit.id)).toMatchObject({ status: 'used', usedOnLessonId: makeup.id });
    await expect(w.useCases.bookMakeup.execute(student, { ...slot, start: at('2026-01-12T15:00:00Z'), end: at('2026-01-12T16:00:00Z') })).rejects.toMatchObject({ code: 'SCHEDULING.CREDIT_UNAVAILABLE' });

    const second = await booked('2026-01-08T16:00:00Z');
    await second.w.useCases.cancel.execute(second.w.people.teacher, { lessonId: second.lesson.id, reason: 'Ill' });
    second.w.clock.advance(31 * DAY);
    expect(await second.w.useCases.expireCredits.execute()).toBe(1);
    expect(await second.w.useCases.expireCredits.execute()).toBe(0);
    expect(second.w.stores.audit.entries.at(-1)?.action).toBe('scheduling.makeup_credit.expired');
  });

  it('lets a teacher spend a credit when booking, and refuses a spent one without writing', async () => {
    const { w, lesson } = await booked('2026-01-08T16:00:00Z');
    const { teacher, student } = w.people;
    const { credits } = await w.useCases.cancel.execute(teacher, { lessonId: lesson.id, reason: 'Ill' });
    const input = { teacherId: teacher.userId, studentIds: [student.userId], makeupCreditId: credits[0].id };
    await w.useCases.book.execute(teacher, { ...input, start: at('2026-01-13T15:00:00Z'), end: at('2026-01-13T16:00:00Z') });
    const before = w.stores.lessons.rows.size;
    await expect(w.useCases.book.execute(teacher, { ...input, start: at('2026-01-14T15:00:00Z'), end: at('2026-01-14T16:00:00Z') })).rejects.toMatchObject({ code: 'SCHEDULING.CREDIT_UNAVAILABLE' });
    expect(w.stores.lessons.rows.size).toBe(before);
  });
});

describe('MoveLesson', () => {
  it('moves one lesson, excluding itself from the conflict check', async () => {
    const w = await readyWorld();
    const { teacher, student } = w.people;
    const lesson = await w.useCases.book.execute(teacher, { teacherId: teacher.userId, studentIds: [student.userId], start: at('2026-01-06T16:00:00Z'), end: at('2026-01-06T17:00:00Z') });
    const { lessons } = await w.useCases.move.execute(teacher, { lessonId: lesson.id, start: at('2026-01-06T16:30:00Z'), end: at('2026-01-06T17:30:00Z') });
    expect(lessons[0].start).toEqual(at('2026-01-06T16:30:00Z'));
    expect(w.stores.events.published.at(-1)).toMatchObject({ type: 'lesson.moved.v1', payload: { previous: { start: '2026-01-06T16:00:00.000Z' } } });
    await expect(w.useCases.move.execute(w.people.student, { lessonId: lesson.id, start: at('2026-01-06T15:00:00Z'), end: at('2026-01-06T16:00:00Z') })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(w.useCases.move.execute(teacher, { lessonId: lesson.id, start: at('2026-01-06T15:00:00Z'), end: at('2026-01-06T15:00:00Z') })).rejects.toMatchObject({ code: 'SCHEDULING.END_BEFORE_START' });
  });

  it('moves this and following lessons of a series by splitting it, keeping local time across DST', async () => {
    const w = await readyWorld();
    const { teacher } = w.people;
    const created = await w.useCases.createSeries.execute(teacher, weeklySeries(w, { firstDate: '2026-03-03' }));
    expect(created.lessons).toHaveLength(4);
    const third = created.lessons[2];
    const { lessons, series } = await w.useCases.move.execute(teacher, { lessonId: third.id, start: at('2026-03-18T17:00:00Z'), end: at('2026-03-18T17:45:00Z'), scope: 'following' });
    expect(lessons.map((l) => l.start.toISOString())).toEqual(['2026-03-18T17:00:00.000Z', '2026-03-25T17:00:00.000Z']);
    expect(series).toMatchObject({ rrule: 'FREQ=WEEKLY;BYDAY=WE', startTime: '17:00', firstDate: '2026-03-18' });
    expect(lessons.every((l) => l.seriesId === series?.id)).toBe(true);
    expect(w.stores.series.rows.get(created.series.id)?.untilDate).toBe('2026-03-16');
    expect(w.stores.lessons.rows.get(created.lessons[1].id)?.start).toEqual(created.lessons[1].start);
  });

  it('splits a series whose rule has a COUNT so each part counts the lessons it holds', async () => {
    const w = await readyWorld();
    const { teacher } = w.people;
    const created = await w.useCases.createSeries.execute(teacher, weeklySeries(w, { rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=8' }));
    expect(created.lessons).toHaveLength(8);
    const third = created.lessons[2];
    const { lessons, series } = await w.useCases.move.execute(teacher, { lessonId: third.id, start: at('2026-01-21T17:00:00Z'), end: at('2026-01-21T17:45:00Z'), scope: 'following' });
    expect(lessons).toHaveLength(6);
    expect(series?.rrule).toBe('FREQ=WEEKLY;BYDAY=WE;COUNT=6');
    expect(w.stores.series.rows.get(created.series.id)?.rrule).toBe('FREQ=WEEKLY;BYDAY=TU;COUNT=2');
  });

  it('counts a closure-skipped date of a COUNT rule in the part it falls in, as RFC 5545 does', async () => {
    const w = await readyWorld();
    const { admin, teacher } = w.people;
    await w.useCases.addClosure.execute(admin, { name: 'Half term', startDate: '2026-01-13', endDate: '2026-01-13' });
    const created = await w.useCases.createSeries.execute(teacher, weeklySeries(w, { rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=5' }));
    expect(created.lessons).toHaveLength(4);
    const third = created.lessons[2];
    const { series } = await w.useCases.move.execute(teacher, { lessonId: third.id, start: at('2026-01-27T17:00:00Z'), end: at('2026-01-27T17:45:00Z'), scope: 'following' });
    expect(series?.rrule).toBe('FREQ=WEEKLY;BYDAY=TU;COUNT=2');
    expect(w.stores.series.rows.get(created.series.id)?.rrule).toBe('FREQ=WEEKLY;BYDAY=TU;COUNT=3');
  });
});
