import type { UserId } from '@cadenza/shared/kernel';
import type { LessonId } from '../model/ids.js';
import { Register, type MarkState } from '../model/register.js';
import type { Registers } from '../ports/registers.js';

/** What the real adapter's setup creates: lessons of one school whose registers the contract keeps, and their students. */
export interface RegistersSeed {
  /** At least 3 lessons. */
  lessonIds: LessonId[];
  /** At least 2 students; the first person is also who marks. */
  studentIds: UserId[];
  markerId: UserId;
}

export interface RegistersContractSubject {
  registers: Registers;
  seed: RegistersSeed;
  /** Runs the work as one unit of work (a transaction for the real adapter, in a request's context of its own). */
  unit: <T>(work: () => Promise<T>) => Promise<T>;
}

const present: MarkState = { status: 'present', lateMinutes: null, note: null };
const late: MarkState = { status: 'late', lateMinutes: 7, note: 'Bus' };
const T0 = new Date('2026-12-07T16:02:00Z');
const T1 = new Date('2026-12-07T16:09:00Z');

/** The contract of `Registers`, run against the in-memory fake and the MikroORM adapter. */
export function registersContract(name: string, setup: () => Promise<RegistersContractSubject>): void {
  describe(`Registers contract: ${name}`, () => {
    let subject: RegistersContractSubject;
    beforeEach(async () => {
      subject = await setup();
    });

    it('gives an empty register for a lesson without one, with nothing marked until saved', async () => {
      const { registers, seed, unit } = subject;
      const [lessonId] = seed.lessonIds;
      const register = await unit(() => registers.forUpdate(lessonId));
      expect(register.snapshot()).toEqual(Register.empty(lessonId).snapshot());
      // The real adapter keeps the empty register it locked; either way nothing is marked or started.
      expect(((await unit(() => registers.find(lessonId))) ?? Register.empty(lessonId)).snapshot()).toEqual(Register.empty(lessonId).snapshot());
    });

    it('keeps entries, start, end and delivery, and reads them back one at a time and together', async () => {
      const { registers, seed, unit } = subject;
      const [a, b, c] = seed.lessonIds;
      const [s1, s2] = seed.studentIds;
      await unit(async () => {
        const register = await registers.forUpdate(a);
        const changes = register.mark([{ studentId: s1, ...present }, { studentId: s2, ...late }], seed.markerId, T0, null);
        register.start(seed.markerId, T0);
        await registers.save(register, changes);
      });
      await unit(async () => {
        const register = await registers.forUpdate(b);
        register.start(seed.markerId, T0);
        register.end(seed.markerId, T1);
        await registers.save(register, []);
      });
      const kept = await unit(() => registers.find(a));
      expect(kept?.snapshot()).toEqual({
        lessonId: a,
        startedAt: T0,
        startedBy: seed.markerId,
        endedAt: null,
        endedBy: null,
        deliveredAt: null,
        entries: expect.arrayContaining([
          { studentId: s1, ...present, markedBy: seed.markerId, markedAt: T0 },
          { studentId: s2, ...late, markedBy: seed.markerId, markedAt: T0 },
        ]),
      });
      expect(kept?.entries).toHaveLength(2);
      expect((await unit(() => registers.find(b)))?.snapshot()).toMatchObject({ startedAt: T0, endedAt: T1, endedBy: seed.markerId, entries: [] });
      expect((await unit(() => registers.findMany([a, b, c]))).map((r) => r.lessonId).sort()).toEqual([a, b].sort());
    });

    it('replaces a corrected entry and keeps every change, oldest first, with its reason', async () => {
      const { registers, seed, unit } = subject;
      const [a] = seed.lessonIds;
      const [s1] = seed.studentIds;
      await unit(async () => {
        const register = await registers.forUpdate(a);
        await registers.save(register, register.mark([{ studentId: s1, ...present }], seed.markerId, T0, null));
      });
      await unit(async () => {
        const register = await registers.forUpdate(a);
        await registers.save(register, register.mark([{ studentId: s1, ...late }], seed.markerId, T1, 'Arrived after the warm-up'));
      });
      expect((await unit(() => registers.find(a)))?.entries).toEqual([{ studentId: s1, ...late, markedBy: seed.markerId, markedAt: T1 }]);
      expect(await unit(() => registers.history(a))).toEqual([
        { lessonId: a, studentId: s1, from: null, to: present, changedBy: seed.markerId, changedAt: T0, reason: null },
        { lessonId: a, studentId: s1, from: present, to: late, changedBy: seed.markerId, changedAt: T1, reason: 'Arrived after the warm-up' },
      ]);
    });

    it('lets a unit that asks for a register after another read what the other saved (no lost update)', async () => {
      const { registers, seed, unit } = subject;
      const [a] = seed.lessonIds;
      const [s1, s2] = seed.studentIds;
      const markOne = (studentId: UserId) =>
        unit(async () => {
          const register = await registers.forUpdate(a);
          await registers.save(register, register.mark([{ studentId, ...present }], seed.markerId, T0, null));
        });
      await Promise.all([markOne(s1), markOne(s2)]);
      expect((await unit(() => registers.find(a)))?.entries.map((e) => e.studentId).sort()).toEqual([s1, s2].sort());
      expect((await unit(() => registers.history(a))).map((c) => c.studentId).sort()).toEqual([s1, s2].sort());
    });

    it('chains racing changes of one student: the later unit’s change starts from the earlier’s mark', async () => {
      const { registers, seed, unit } = subject;
      const [, b] = seed.lessonIds;
      const [s1] = seed.studentIds;
      const markAs = (mark: MarkState) =>
        unit(async () => {
          const register = await registers.forUpdate(b);
          await registers.save(register, register.mark([{ studentId: s1, ...mark }], seed.markerId, T0, null));
        });
      await Promise.all([markAs(present), markAs(late)]);
      const history = await unit(() => registers.history(b));
      expect(history).toHaveLength(2);
      const [first, second] = history;
      expect(first?.from).toBeNull();
      expect(second?.from).toEqual(first?.to);
      expect((await unit(() => registers.find(b)))?.entries.map((e) => e.status)).toEqual([second?.to.status]);
    });
  });
}
