import { DAY, newId, type UserId } from '@cadenza/shared/kernel';
import type { RoomId } from '../model/ids.js';
import { at, readyWorld } from '../testing/setup.js';

describe('rooms, terms, closures, lesson types, availability and policy', () => {
  it('are set up by admins only, audited', async () => {
    const w = await readyWorld();
    const { admin, teacher } = w.people;
    await expect(w.useCases.createRoom.execute(teacher, { name: 'Hall', capacity: 50 })).rejects.toMatchObject({ kind: 'forbidden' });
    const hall = await w.useCases.createRoom.execute(admin, { name: 'Hall', capacity: 50, features: ['Stage', 'piano'] });
    expect(hall.features).toEqual(['stage', 'piano']);
    const updated = await w.useCases.updateRoom.execute(admin, { roomId: hall.id, active: false });
    expect(updated.active).toBe(false);
    expect((await w.useCases.listRooms.execute(teacher)).map((r) => r.name)).toEqual(['Studio 1']);
    // Families see the rooms too: their lessons say where they are.
    expect((await w.useCases.listRooms.execute(w.people.student)).map((r) => r.name)).toEqual(['Studio 1']);
    await expect(w.useCases.updateRoom.execute(admin, { roomId: newId<RoomId>(), name: 'x' })).rejects.toMatchObject({ kind: 'not_found' });
    await expect(w.useCases.createTerm.execute(admin, { name: 'Overlap', startDate: '2026-03-01', endDate: '2026-04-30' })).rejects.toMatchObject({ code: 'SCHEDULING.TERM_OVERLAP' });
    await expect(w.useCases.createTerm.execute(admin, { name: 'Backwards', startDate: '2026-05-01', endDate: '2026-04-30' })).rejects.toMatchObject({ code: 'SCHEDULING.END_BEFORE_START' });
    await expect(w.useCases.addClosure.execute(admin, { name: 'Bad', startDate: '2026-02-30', endDate: '2026-03-01' })).rejects.toMatchObject({ code: 'SCHEDULING.INVALID_DATE' });
    const type = await w.useCases.createLessonType.execute(admin, { name: 'Piano 45', durationMinutes: 45, format: 'individual', rateMinor: 3000 });
    expect((await w.useCases.listLessonTypes.execute(teacher)).map((t) => t.id)).toEqual([type.id]);
    await expect(w.useCases.createLessonType.execute(admin, { name: 'Odd', durationMinutes: 45, format: 'choir' })).rejects.toMatchObject({ kind: 'invalid' });
    expect(w.stores.audit.entries.map((e) => e.action)).toEqual(['scheduling.room.created', 'scheduling.room.updated', 'scheduling.lesson_type.created']);
  });

  it("lets teachers set their own availability only, validating windows and exceptions", async () => {
    const w = await readyWorld();
    const { teacher, otherTeacher, admin } = w.people;
    await expect(w.useCases.setAvailability.execute(otherTeacher, { personId: teacher.userId, windows: [] })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(w.useCases.setAvailability.execute(teacher, { personId: teacher.userId, windows: [{ weekday: 8, startTime: '09:00', endTime: '10:00' }] })).rejects.toMatchObject({ kind: 'invalid' });
    await expect(w.useCases.setAvailability.execute(teacher, { personId: teacher.userId, windows: [{ weekday: 1, startTime: '10:00', endTime: '09:00' }] })).rejects.toMatchObject({ code: 'SCHEDULING.END_BEFORE_START' });
    await expect(w.useCases.addAvailabilityException.execute(teacher, { personId: teacher.userId, date: '2026-01-07', kind: 'available' })).rejects.toMatchObject({ kind: 'invalid' });
    const exception = await w.useCases.addAvailabilityException.execute(admin, { personId: teacher.userId, date: '2026-01-07', kind: 'unavailable', reason: 'Dentist' });
    expect(exception).toMatchObject({ kind: 'unavailable', startTime: null, reason: 'Dentist' });
    const availability = await w.useCases.getAvailability.execute(otherTeacher, { personId: teacher.userId });
    expect(availability.spansOn('2026-01-07')).toEqual([]);
    expect(availability.spansOn('2026-01-08')).toEqual([{ start: 14 * 60, end: 20 * 60 }]);
    await expect(w.useCases.setAvailability.execute(admin, { personId: newId<UserId>(), windows: [] })).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('keeps the policy defaults until an admin changes them', async () => {
    const w = await readyWorld();
    expect((await w.useCases.getPolicy.execute(w.people.parent)).snapshot()).toMatchObject({ cancellationNoticeHours: 24, makeupCreditDays: 30 });
    await expect(w.useCases.updatePolicy.execute(w.people.teacher, { makeupCreditDays: 5 })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(w.useCases.updatePolicy.execute(w.people.admin, { makeupCreditDays: 0 })).rejects.toMatchObject({ kind: 'invalid' });
    expect((await w.useCases.updatePolicy.execute(w.people.admin, { makeupCreditDays: 14 })).makeupCreditDays).toBe(14);
  });
});

describe('ListLessons', () => {
  it('shows each actor what they may see', async () => {
    const w = await readyWorld();
    const { admin, teacher, otherTeacher, student, otherStudent, parent, viewParent } = w.people;
    const mine = await w.useCases.book.execute(teacher, { teacherId: teacher.userId, studentIds: [student.userId], roomId: w.room.id, start: at('2026-01-06T16:00:00Z'), end: at('2026-01-06T17:00:00Z') });
    await w.useCases.setAvailability.execute(otherTeacher, { personId: otherTeacher.userId, windows: [{ weekday: 2, startTime: '09:00', endTime: '21:00' }] });
    const theirs = await w.useCases.book.execute(otherTeacher, { teacherId: otherTeacher.userId, studentIds: [otherStudent.userId], roomId: w.room.id, start: at('2026-01-06T17:00:00Z'), end: at('2026-01-06T18:00:00Z') });
    const range = { from: at('2026-01-05T00:00:00Z'), to: at('2026-01-05T00:00:00Z', 7 * 24) };
    const ids = async (actor: typeof admin, extra = {}) => (await w.useCases.listLessons.execute(actor, { ...range, ...extra })).map((l) => [l.lesson.id, l.visibility]);
    expect(await ids(admin)).toEqual([[mine.id, 'full'], [theirs.id, 'full']]);
    expect(await ids(teacher)).toEqual([[mine.id, 'full']]);
    expect(await ids(teacher, { roomId: w.room.id })).toEqual([[mine.id, 'full'], [theirs.id, 'occupancy']]);
    const occupancy = (await w.useCases.listLessons.execute(teacher, { ...range, roomId: w.room.id }))[1].lesson;
    expect(occupancy.studentIds).toEqual([]);
    expect(await ids(student)).toEqual([[mine.id, 'full']]);
    expect(await ids(parent)).toEqual([[mine.id, 'full']]);
    expect(await ids(viewParent)).toEqual([[mine.id, 'full']]);
    expect(await ids(otherStudent, { roomId: w.room.id })).toEqual([[theirs.id, 'full']]);
    await expect(w.useCases.listLessons.execute(admin, { from: range.to, to: range.from })).rejects.toMatchObject({ kind: 'invalid' });
    await expect(w.useCases.listLessons.execute(admin, { from: range.from, to: new Date(range.from.getTime() + 100 * DAY) })).rejects.toMatchObject({ code: 'SCHEDULING.RANGE_TOO_LONG' });
  });
});

describe('FindFreeSlots', () => {
  it('finds slots with a room that has the feature, never in the past; families only for their children', async () => {
    const w = await readyWorld({ now: '2026-01-06T15:10:00Z' });
    const { teacher, student, parent, viewParent, otherStudent } = w.people;
    const query = { teacherId: teacher.userId, durationMinutes: 60, from: at('2026-01-06T00:00:00Z'), to: at('2026-01-07T00:00:00Z'), roomFeature: 'piano', limit: 3 };
    const slots = await w.useCases.findFreeSlots.execute(teacher, query);
    expect(slots).toEqual([
      { start: at('2026-01-06T15:15:00Z'), end: at('2026-01-06T16:15:00Z'), roomId: w.room.id },
      { start: at('2026-01-06T15:30:00Z'), end: at('2026-01-06T16:30:00Z'), roomId: w.room.id },
      { start: at('2026-01-06T15:45:00Z'), end: at('2026-01-06T16:45:00Z'), roomId: w.room.id },
    ]);
    expect(await w.useCases.findFreeSlots.execute(teacher, { ...query, roomFeature: 'organ' })).toEqual([]);
    expect(await w.useCases.findFreeSlots.execute(parent, { ...query, studentId: student.userId })).toHaveLength(3);
    await expect(w.useCases.findFreeSlots.execute(viewParent, { ...query, studentId: student.userId })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(w.useCases.findFreeSlots.execute(otherStudent, { ...query, studentId: student.userId })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(w.useCases.findFreeSlots.execute(teacher, { ...query, durationMinutes: 0 })).rejects.toMatchObject({ code: 'SCHEDULING.INVALID_DURATION' });
    await expect(w.useCases.findFreeSlots.execute(teacher, { ...query, teacherId: newId<UserId>() })).rejects.toMatchObject({ kind: 'not_found' });
  });
});
