import { HOUR, newId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import type { LessonId, LessonTypeId, MakeupCreditId, RoomId, SeriesId } from '../model/ids.js';
import { Lesson } from '../model/lesson.js';
import type { LessonRepository } from '../ports/index.js';

/** The value, failing the test at this point when it is missing (contracts are not specs: no `!`). */
function present<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('Expected a value, found none.');
  return value;
}

/**
 * What the contract may use: people, rooms and the rows lessons point at. The real
 * adapter's setup creates them (foreign keys); a fake's setup can make up the ids.
 * Every setup gives fresh people and rooms, so tests do not see each other's lessons.
 */
export interface LessonSeed {
  schoolId: SchoolId;
  /** At least 3. */
  teacherIds: UserId[];
  /** At least 4. */
  studentIds: UserId[];
  /** At least 2. */
  roomIds: RoomId[];
  /** At least 2. */
  seriesIds: SeriesId[];
  /** At least 1. */
  lessonTypeIds: LessonTypeId[];
  /** At least 1: an existing makeup credit a lesson may spend. */
  makeupCreditIds: MakeupCreditId[];
}

export interface LessonContractSubject {
  repo: LessonRepository;
  seed: LessonSeed;
  cleanup?: () => Promise<void>;
}

/** Monday 1 February 2027, 09:00 UTC, plus hours. */
const T0 = Date.parse('2027-02-01T09:00:00Z');
const at = (hours: number) => new Date(T0 + hours * HOUR);

const ids = (lessons: readonly Lesson[]) => lessons.map((l) => l.id);

/**
 * The contract of `LessonRepository`: one suite, run against the in-memory fake (unit
 * layer) and the MikroORM adapter on PostgreSQL (integration layer), so the fake cannot
 * drift from the database it stands in for.
 */
export function lessonRepositoryContract(name: string, setup: () => Promise<LessonContractSubject>): void {
  describe(`LessonRepository contract: ${name}`, () => {
    let subject: LessonContractSubject;
    let repo: LessonRepository;
    let seed: LessonSeed;

    beforeEach(async () => {
      subject = await setup();
      ({ repo, seed } = subject);
    });
    afterEach(async () => {
      await subject?.cleanup?.();
    });

    /** A lesson of teacher `t` with students `s`, from `start` hours for `hours`. */
    function lesson(o: { t?: number; s?: number[]; room?: number; acc?: number; start: number; hours?: number; series?: number }): Lesson {
      return Lesson.schedule({
        schoolId: seed.schoolId,
        teacherId: seed.teacherIds[o.t ?? 0],
        studentIds: (o.s ?? [0]).map((i) => seed.studentIds[i]),
        roomId: o.room === undefined ? null : seed.roomIds[o.room],
        accompanistId: o.acc === undefined ? null : seed.teacherIds[o.acc],
        seriesId: o.series === undefined ? null : seed.seriesIds[o.series],
        start: at(o.start),
        end: at(o.start + (o.hours ?? 1)),
      });
    }

    const cancel = (l: Lesson, at: Date = new Date('2027-01-20T12:00:00Z')) =>
      l.cancel({ by: seed.teacherIds[0], reason: 'Teacher unwell', at, late: false, creditGranted: true });

    describe('add and byId', () => {
      it('round-trips every field, with no cancellation', async () => {
        const full = Lesson.schedule({
          schoolId: seed.schoolId,
          teacherId: seed.teacherIds[0],
          studentIds: [seed.studentIds[1], seed.studentIds[0]],
          roomId: seed.roomIds[0],
          accompanistId: seed.teacherIds[1],
          lessonTypeId: seed.lessonTypeIds[0],
          seriesId: seed.seriesIds[0],
          makeupCreditId: seed.makeupCreditIds[0],
          start: at(0),
          end: at(0.75),
        });
        await repo.add([full]);
        const read = await repo.byId(full.id);
        expect(read).not.toBeNull();
        expect(present(read).snapshot()).toEqual(full.snapshot());
        expect(present(read).status).toBe('scheduled');
        expect(present(read).cancellation).toBeNull();
        expect(present(read).start).toBeInstanceOf(Date);
      });

      it('reads several by id, leaving out ids of no lesson', async () => {
        const a = lesson({ start: 0 });
        const b = lesson({ start: 2 });
        const c = lesson({ start: 4 });
        await repo.add([a, b, c]);
        const read = await repo.byIds([c.id, a.id, a.id, newId<LessonId>()]);
        expect(read.map((l) => l.id).sort()).toEqual([a.id, c.id].sort());
        expect(read.find((l) => l.id === c.id)?.snapshot()).toEqual(c.snapshot());
        expect(await repo.byIds([])).toEqual([]);
      });

      it('keeps the nullable fields null', async () => {
        const bare = lesson({ start: 0 });
        await repo.add([bare]);
        const read = present(await repo.byId(bare.id));
        expect(read.snapshot()).toEqual(bare.snapshot());
        expect([read.roomId, read.accompanistId, read.lessonTypeId, read.seriesId, read.makeupCreditId]).toEqual([null, null, null, null, null]);
      });

      it('adds several lessons at once', async () => {
        const a = lesson({ start: 0 });
        const b = lesson({ start: 2 });
        await repo.add([a, b]);
        expect((await repo.byId(a.id))?.id).toBe(a.id);
        expect((await repo.byId(b.id))?.id).toBe(b.id);
      });

      it('accepts an empty batch', async () => {
        await expect(repo.add([])).resolves.toBeUndefined();
      });

      it('answers null for an unknown id', async () => {
        expect(await repo.byId(lesson({ start: 0 }).id)).toBeNull();
      });

      it('hands out copies: changing one read does not change the stored lesson', async () => {
        const l = lesson({ start: 0 });
        await repo.add([l]);
        const read = present(await repo.byId(l.id));
        read.moveTo(at(5), at(6));
        expect(present(await repo.byId(l.id)).start).toEqual(at(0));
      });
    });

    describe('inRange', () => {
      it('is half-open [from, to): a lesson ending at `from` or starting at `to` is out, straddlers are in', async () => {
        const endsAtFrom = lesson({ t: 0, s: [0], start: 0 }); // 09–10
        const inside = lesson({ t: 0, s: [0], start: 1 }); // 10–11
        const startsAtTo = lesson({ t: 0, s: [0], start: 2 }); // 11–12
        const straddlesFrom = lesson({ t: 1, s: [1], start: 0.5 }); // 09:30–10:30
        const straddlesTo = lesson({ t: 2, s: [2], start: 1.75 }); // 10:45–11:45
        await repo.add([endsAtFrom, inside, startsAtTo, straddlesFrom, straddlesTo]);
        const found = await repo.inRange({ from: at(1), to: at(2) });
        expect(ids(found)).toEqual([straddlesFrom.id, inside.id, straddlesTo.id]);
      });

      it('covers a lesson that spans the whole range', async () => {
        const long = lesson({ start: 0, hours: 3 });
        await repo.add([long]);
        expect(ids(await repo.inRange({ from: at(1), to: at(1.25) }))).toEqual([long.id]);
      });

      it('orders by start, whatever the order of adding', async () => {
        const late = lesson({ start: 4 });
        const early = lesson({ start: 0 });
        const middle = lesson({ start: 2 });
        await repo.add([late]);
        await repo.add([early, middle]);
        expect(ids(await repo.inRange({ from: at(-1), to: at(10) }))).toEqual([early.id, middle.id, late.id]);
      });

      it('filters by teacher, student (in a group), room and accompanist', async () => {
        const a = lesson({ t: 0, s: [0, 1], room: 0, acc: 2, start: 0 });
        const b = lesson({ t: 1, s: [2], room: 1, start: 0 });
        const c = lesson({ t: 2, s: [3, 1], start: 2 });
        await repo.add([a, b, c]);
        const range = { from: at(-1), to: at(10) };
        expect(ids(await repo.inRange({ ...range, teacherId: seed.teacherIds[1] }))).toEqual([b.id]);
        expect(ids(await repo.inRange({ ...range, studentId: seed.studentIds[1] }))).toEqual([a.id, c.id]);
        expect(ids(await repo.inRange({ ...range, roomId: seed.roomIds[0] }))).toEqual([a.id]);
        expect(ids(await repo.inRange({ ...range, accompanistId: seed.teacherIds[2] }))).toEqual([a.id]);
        // Filters combine.
        expect(ids(await repo.inRange({ ...range, teacherId: seed.teacherIds[2], studentId: seed.studentIds[1] }))).toEqual([c.id]);
        expect(ids(await repo.inRange({ ...range, teacherId: seed.teacherIds[0], roomId: seed.roomIds[1] }))).toEqual([]);
        // The accompanist filter is about the accompanist role only.
        expect(ids(await repo.inRange({ ...range, accompanistId: seed.teacherIds[0] }))).toEqual([]);
      });

      it('leaves cancelled lessons out unless asked for them', async () => {
        const kept = lesson({ t: 0, start: 0 });
        const dropped = lesson({ t: 1, s: [1], start: 1 });
        await repo.add([kept, dropped]);
        cancel(dropped);
        await repo.update(dropped);
        const range = { from: at(-1), to: at(10) };
        expect(ids(await repo.inRange(range))).toEqual([kept.id]);
        expect(ids(await repo.inRange({ ...range, includeCancelled: true }))).toEqual([kept.id, dropped.id]);
      });

      it('answers an empty list for an empty window of time', async () => {
        await repo.add([lesson({ start: 0 })]);
        expect(await repo.inRange({ from: at(5), to: at(6) })).toEqual([]);
      });

      it('reads only the lessons some people take part in, in any role, with the other filters and cancelled ones when asked', async () => {
        const a = lesson({ t: 0, s: [0, 1], room: 0, start: 0 });
        const b = lesson({ t: 1, s: [2], acc: 2, start: 1 });
        const c = lesson({ t: 2, s: [3], start: 2 });
        const late = lesson({ t: 0, s: [1], start: 20 });
        await repo.add([a, b, c, late]);
        cancel(c);
        await repo.update(c);
        const range = { from: at(-1), to: at(10) };
        // A student in a group, and a teacher who accompanies elsewhere.
        expect(ids(await repo.inRange({ ...range, involving: [seed.studentIds[1]] }))).toEqual([a.id]);
        expect(ids(await repo.inRange({ ...range, involving: [seed.teacherIds[2]] }))).toEqual([b.id]);
        expect(ids(await repo.inRange({ ...range, involving: [seed.studentIds[3], seed.studentIds[2]] }))).toEqual([b.id]);
        expect(ids(await repo.inRange({ ...range, involving: [seed.studentIds[3], seed.studentIds[2]], includeCancelled: true }))).toEqual([b.id, c.id]);
        expect(ids(await repo.inRange({ ...range, involving: [seed.studentIds[0], seed.studentIds[2]], roomId: seed.roomIds[0] }))).toEqual([a.id]);
        expect(await repo.inRange({ ...range, involving: [] })).toEqual([]);
      });
    });

    describe('busyFor', () => {
      it('pools the people across roles: a teacher who accompanies or studies elsewhere is busy', async () => {
        const teaches = lesson({ t: 0, s: [0], start: 0 });
        const accompanies = lesson({ t: 1, s: [1], acc: 0, start: 2 });
        const studies = Lesson.schedule({ schoolId: seed.schoolId, teacherId: seed.teacherIds[2], studentIds: [seed.teacherIds[0]], start: at(4), end: at(5) });
        const unrelated = lesson({ t: 1, s: [2], start: 6 });
        await repo.add([teaches, accompanies, studies, unrelated]);
        const window = { from: at(-1), to: at(10), roomIds: [] };
        const expected = [teaches.id, accompanies.id, studies.id];
        expect(ids(await repo.busyFor({ ...window, teacherIds: [seed.teacherIds[0]], studentIds: [], accompanistIds: [] }))).toEqual(expected);
        expect(ids(await repo.busyFor({ ...window, teacherIds: [], studentIds: [seed.teacherIds[0]], accompanistIds: [] }))).toEqual(expected);
        expect(ids(await repo.busyFor({ ...window, teacherIds: [], studentIds: [], accompanistIds: [seed.teacherIds[0]] }))).toEqual(expected);
      });

      it('joins the people of all the lists', async () => {
        const a = lesson({ t: 0, s: [0], start: 0 });
        const b = lesson({ t: 1, s: [1], start: 0 });
        const c = lesson({ t: 2, s: [2], start: 0 });
        await repo.add([a, b, c]);
        const found = await repo.busyFor({ from: at(-1), to: at(10), teacherIds: [seed.teacherIds[0]], studentIds: [seed.studentIds[1]], accompanistIds: [], roomIds: [] });
        expect(ids(found).sort()).toEqual([a.id, b.id].sort());
      });

      it('finds the lessons in the rooms, whoever takes part', async () => {
        const inRoom = lesson({ t: 0, s: [0], room: 0, start: 0 });
        const otherRoom = lesson({ t: 1, s: [1], room: 1, start: 0 });
        const noRoom = lesson({ t: 2, s: [2], start: 0 });
        await repo.add([inRoom, otherRoom, noRoom]);
        const found = await repo.busyFor({ from: at(-1), to: at(10), teacherIds: [], studentIds: [], accompanistIds: [], roomIds: [seed.roomIds[0]] });
        expect(ids(found)).toEqual([inRoom.id]);
      });

      it('lists a lesson once however many of the people and rooms asked about meet in it, even one begun the day before', async () => {
        const overnight = lesson({ t: 0, s: [0, 1], room: 0, acc: 1, start: -23, hours: 23.5 });
        const later = lesson({ t: 0, s: [0], room: 0, start: 1 });
        await repo.add([overnight, later]);
        const window = { from: at(0), to: at(2) };
        const everyone = await repo.busyFor({ ...window, teacherIds: [seed.teacherIds[0]], studentIds: [seed.studentIds[0], seed.studentIds[1]], accompanistIds: [seed.teacherIds[1]], roomIds: [seed.roomIds[0]] });
        expect(ids(everyone)).toEqual([overnight.id, later.id]);
        expect(ids(await repo.busyFor({ ...window, teacherIds: [], studentIds: [], accompanistIds: [], roomIds: [seed.roomIds[0]] }))).toEqual([overnight.id, later.id]);
        expect(ids(await repo.busyFor({ ...window, teacherIds: [], studentIds: [seed.studentIds[1]], accompanistIds: [], roomIds: [] }))).toEqual([overnight.id]);
      });

      it('ignores cancelled lessons and keeps to the half-open window', async () => {
        const cancelled = lesson({ t: 0, start: 1 });
        const before = lesson({ t: 0, start: 0 }); // ends at `from`
        const after = lesson({ t: 0, start: 3 }); // starts at `to`
        await repo.add([cancelled, before, after]);
        cancel(cancelled);
        await repo.update(cancelled);
        const found = await repo.busyFor({ from: at(1), to: at(3), teacherIds: [seed.teacherIds[0]], studentIds: [], accompanistIds: [], roomIds: [seed.roomIds[0]] });
        expect(found).toEqual([]);
      });

      it('answers an empty list when asked about nobody', async () => {
        await repo.add([lesson({ start: 0 })]);
        expect(await repo.busyFor({ from: at(-1), to: at(10), teacherIds: [], studentIds: [], accompanistIds: [], roomIds: [] })).toEqual([]);
      });
    });

    describe('ofSeries', () => {
      it("gives the series' scheduled lessons from `from` on, ordered by start", async () => {
        const past = lesson({ series: 0, start: 0 });
        const atFrom = lesson({ series: 0, start: 24 });
        const later = lesson({ series: 0, start: 48 });
        const cancelled = lesson({ series: 0, start: 72 });
        const otherSeries = lesson({ t: 1, s: [1], series: 1, start: 30 });
        const single = lesson({ t: 2, s: [2], start: 30 });
        await repo.add([later, past, cancelled, atFrom, otherSeries, single]);
        cancel(cancelled);
        await repo.update(cancelled);
        expect(ids(await repo.ofSeries(seed.seriesIds[0], at(24)))).toEqual([atFrom.id, later.id]);
        expect(ids(await repo.ofSeries(seed.seriesIds[1], at(0)))).toEqual([otherSeries.id]);
        expect(ids(await repo.ofSeries(seed.seriesIds[0], at(0), { anyStatus: true }))).toEqual([past.id, atFrom.id, later.id, cancelled.id]);
      });
    });

    describe('update', () => {
      it('moves a lesson in time and room', async () => {
        const l = lesson({ room: 0, start: 0 });
        await repo.add([l]);
        l.moveTo(at(3), at(4), seed.roomIds[1]);
        await repo.update(l);
        const read = present(await repo.byId(l.id));
        expect(read.snapshot()).toEqual(l.snapshot());
        expect(await repo.inRange({ from: at(0), to: at(1) })).toEqual([]);
        expect(ids(await repo.inRange({ from: at(3), to: at(4), roomId: seed.roomIds[1] }))).toEqual([l.id]);
      });

      it('cancels a lesson, keeping the cancellation', async () => {
        const l = lesson({ start: 0 });
        await repo.add([l]);
        l.cancel({ by: seed.studentIds[0], reason: 'Exam week', at: new Date('2027-01-31T18:30:00Z'), late: true, creditGranted: false });
        await repo.update(l);
        const read = present(await repo.byId(l.id));
        expect(read.status).toBe('cancelled');
        expect(read.cancellation).toEqual({ by: seed.studentIds[0], reason: 'Exam week', at: new Date('2027-01-31T18:30:00Z'), late: true, creditGranted: false });
        expect(present(read.cancellation).at).toBeInstanceOf(Date);
        expect(read.snapshot()).toEqual(l.snapshot());
      });

      it('frees the time of a cancelled lesson for another booking', async () => {
        const first = lesson({ room: 0, start: 0 });
        await repo.add([first]);
        cancel(first);
        await repo.update(first);
        const again = lesson({ room: 0, start: 0 });
        await repo.add([again]);
        expect(ids(await repo.inRange({ from: at(0), to: at(1) }))).toEqual([again.id]);
      });
    });

    describe('exclusion: nobody and no room in two lessons at once', () => {
      const conflict = { code: 'SCHEDULING.CONFLICT', kind: 'conflict' };

      it("adding a lesson that overlaps a person's other non-cancelled lesson throws SCHEDULING.CONFLICT", async () => {
        const first = lesson({ t: 0, s: [0], start: 0 });
        await repo.add([first]);
        const clash = lesson({ t: 0, s: [1], start: 0.5 });
        await expect(repo.add([clash])).rejects.toMatchObject(conflict);
        expect(await repo.byId(clash.id)).toBeNull();
        expect(ids(await repo.inRange({ from: at(-1), to: at(10) }))).toEqual([first.id]);
      });

      it('says which role of the new lesson clashed: teacher, student or accompanist', async () => {
        await repo.add([lesson({ t: 0, s: [0], acc: 1, start: 0 })]);
        const byTeacher = lesson({ t: 0, s: [1], start: 0 });
        const byStudent = lesson({ t: 2, s: [0], start: 0 });
        const byAccompanist = lesson({ t: 2, s: [2], acc: 1, start: 0 });
        for (const [clash, kind, personId] of [
          [byTeacher, 'teacher', seed.teacherIds[0]],
          [byStudent, 'student', seed.studentIds[0]],
          [byAccompanist, 'accompanist', seed.teacherIds[1]],
        ] as const) {
          await expect(repo.add([clash])).rejects.toMatchObject({ ...conflict, details: { conflicts: [expect.objectContaining({ kind, id: personId, severity: 'hard', start: clash.start, end: clash.end })] } });
        }
      });

      it('counts a person in any role: a teacher booked as an accompanist elsewhere clashes', async () => {
        await repo.add([lesson({ t: 0, s: [0], start: 0 })]);
        await expect(repo.add([lesson({ t: 1, s: [1], acc: 0, start: 0.5 })])).rejects.toMatchObject(conflict);
        await expect(repo.add([Lesson.schedule({ schoolId: seed.schoolId, teacherId: seed.teacherIds[1], studentIds: [seed.teacherIds[0]], start: at(0), end: at(1) })])).rejects.toMatchObject(conflict);
      });

      it('refuses a room holding two lessons at once', async () => {
        await repo.add([lesson({ t: 0, s: [0], room: 0, start: 0 })]);
        // The room is named even when people clash too.
        await expect(repo.add([lesson({ t: 0, s: [1], room: 0, start: 0.5 })])).rejects.toMatchObject({
          ...conflict,
          details: { conflicts: [expect.objectContaining({ kind: 'room', id: seed.roomIds[0] })] },
        });
        await expect(repo.add([lesson({ t: 1, s: [1], room: 0, start: 0.5 })])).rejects.toMatchObject({
          ...conflict,
          details: { conflicts: [expect.objectContaining({ kind: 'room', id: seed.roomIds[0] })] },
        });
      });

      it('lets lessons touch end to start, and ignores cancelled lessons', async () => {
        const first = lesson({ t: 0, s: [0], room: 0, start: 0 });
        const next = lesson({ t: 0, s: [0], room: 0, start: 1 });
        await repo.add([first, next]);
        cancel(first);
        await repo.update(first);
        await expect(repo.add([lesson({ t: 0, s: [0], room: 0, start: 0 })])).resolves.toBeUndefined();
      });

      it('refuses a move onto a busy person or room', async () => {
        const a = lesson({ t: 0, s: [0], start: 0 });
        const b = lesson({ t: 0, s: [1], start: 2 });
        await repo.add([a, b]);
        b.moveTo(at(0.5), at(1.5));
        await expect(repo.update(b)).rejects.toMatchObject(conflict);
        expect(present(await repo.byId(b.id)).start).toEqual(at(2));
      });
    });
  });
}
