import { DAY, newId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import type { LessonId, MakeupCreditId } from '../model/ids.js';
import { MakeupCredit, type MakeupCreditState } from '../model/makeup-credit.js';
import type { MakeupCreditRepository } from '../ports/index.js';

/** The value, failing the test at this point when it is missing (contracts are not specs: no `!`). */
function present<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('Expected a value, found none.');
  return value;
}

/** Students and the (cancelled) lessons credits come from; the real adapter's setup creates them. */
export interface MakeupCreditSeed {
  schoolId: SchoolId;
  /** At least 2. */
  studentIds: UserId[];
  /** At least 4 existing lessons. */
  lessonIds: LessonId[];
}

export interface MakeupCreditContractSubject {
  repo: MakeupCreditRepository;
  seed: MakeupCreditSeed;
  /**
   * `expireDue` is the daily sweep across every school: a shared database must be left
   * with no due credits of this test, so that the next test sees only its own.
   */
  cleanup?: () => Promise<void>;
}

const NOW = new Date('2027-03-01T06:00:00Z');
const ids = (credits: readonly MakeupCredit[]) => credits.map((c) => c.id);

/** The contract of `MakeupCreditRepository`, run against the fake and the MikroORM adapter. */
export function makeupCreditRepositoryContract(name: string, setup: () => Promise<MakeupCreditContractSubject>): void {
  describe(`MakeupCreditRepository contract: ${name}`, () => {
    let subject: MakeupCreditContractSubject;
    let repo: MakeupCreditRepository;
    let seed: MakeupCreditSeed;

    beforeEach(async () => {
      subject = await setup();
      ({ repo, seed } = subject);
    });
    afterEach(async () => {
      await subject?.cleanup?.();
    });

    /** A credit of student `s` from lesson `l`, expiring `days` after NOW. */
    const credit = (o: { s?: number; l?: number; days: number; status?: MakeupCreditState['status']; usedOn?: number }) =>
      MakeupCredit.restore({
        id: newId<MakeupCreditId>(),
        schoolId: seed.schoolId,
        studentId: seed.studentIds[o.s ?? 0],
        originLessonId: seed.lessonIds[o.l ?? 0],
        grantedAt: new Date(NOW.getTime() - 30 * DAY),
        expiresAt: new Date(NOW.getTime() + o.days * DAY),
        status: o.status ?? 'available',
        usedOnLessonId: o.usedOn === undefined ? null : seed.lessonIds[o.usedOn],
        voidReason: null,
      });

    it('round-trips every field through add and byId', async () => {
      const c = MakeupCredit.grant({ schoolId: seed.schoolId, studentId: seed.studentIds[0], originLessonId: seed.lessonIds[0], validDays: 60 }, NOW);
      await repo.add([c]);
      const read = await repo.byId(c.id);
      expect(read?.snapshot()).toEqual(c.snapshot());
      expect(present(read).expiresAt).toBeInstanceOf(Date);
    });

    it('answers null for an unknown id', async () => {
      expect(await repo.byId(newId<MakeupCreditId>())).toBeNull();
    });

    it("lists a student's credits, soonest to expire first, and nobody else's", async () => {
      const later = credit({ l: 0, days: 40 });
      const sooner = credit({ l: 1, days: 5 });
      const spent = credit({ l: 2, days: 20, status: 'used', usedOn: 3 });
      const someoneElse = credit({ s: 1, l: 0, days: 1 });
      await repo.add([later, sooner]);
      await repo.add([spent, someoneElse]);
      expect(ids(await repo.ofStudent(seed.studentIds[0]))).toEqual([sooner.id, spent.id, later.id]);
      expect(ids(await repo.ofStudent(seed.studentIds[1]))).toEqual([someoneElse.id]);
    });

    it('saves a spent credit through update', async () => {
      const c = credit({ days: 10 });
      await repo.add([c]);
      c.use(seed.lessonIds[3], NOW);
      await repo.update(c);
      const read = present(await repo.byId(c.id));
      expect(read.status).toBe('used');
      expect(read.usedOnLessonId).toBe(seed.lessonIds[3]);
      expect(read.snapshot()).toEqual(c.snapshot());
    });

    it('saves an extended and a voided credit through update, and lists the school’s credits by expiry', async () => {
      const expired = credit({ l: 0, days: -2, status: 'expired' });
      const voided = credit({ l: 1, days: 3 });
      const other = credit({ s: 1, l: 0, days: 1 });
      await repo.add([expired, voided, other]);
      expired.extend(new Date(NOW.getTime() + 20 * DAY), NOW);
      voided.void('Granted by mistake');
      await repo.update(expired);
      await repo.update(voided);
      expect(present(await repo.byId(expired.id)).snapshot()).toEqual({ ...expired.snapshot(), status: 'available' });
      expect(present(await repo.byId(voided.id)).snapshot()).toEqual({ ...voided.snapshot(), status: 'void', voidReason: 'Granted by mistake' });
      expect(ids(await repo.all())).toEqual([other.id, voided.id, expired.id]);
    });

    it('expireDue expires and returns only the available credits due at or before now', async () => {
      const overdue = credit({ l: 0, days: -3 });
      const dueNow = credit({ l: 1, days: 0 });
      const notYet = credit({ l: 2, days: 1 });
      const spent = credit({ s: 1, l: 0, days: -10, status: 'used', usedOn: 3 });
      const alreadyExpired = credit({ s: 1, l: 1, days: -20, status: 'expired' });
      await repo.add([overdue, dueNow, notYet, spent, alreadyExpired]);

      const expired = await repo.expireDue(NOW);
      expect(ids(expired).sort()).toEqual([overdue.id, dueNow.id].sort());
      expect(expired.every((c) => c.status === 'expired')).toBe(true);
      expect(present(expired.find((c) => c.id === overdue.id)).snapshot()).toEqual({ ...overdue.snapshot(), status: 'expired' });

      expect(present(await repo.byId(overdue.id)).status).toBe('expired');
      expect(present(await repo.byId(dueNow.id)).status).toBe('expired');
      expect(present(await repo.byId(notYet.id)).snapshot()).toEqual(notYet.snapshot());
      expect(present(await repo.byId(spent.id)).snapshot()).toEqual(spent.snapshot());
      expect(present(await repo.byId(alreadyExpired.id)).snapshot()).toEqual(alreadyExpired.snapshot());
      // A second sweep finds nothing more.
      expect(await repo.expireDue(NOW)).toEqual([]);
    });

    it('grants one credit per student per cancelled lesson: adding again is a no-op', async () => {
      const first = credit({ s: 0, l: 0, days: 10 });
      const replay = credit({ s: 0, l: 0, days: 99 });
      const classmate = credit({ s: 1, l: 0, days: 10 });
      await repo.add([first]);
      await repo.add([replay, classmate]);
      expect(await repo.byId(replay.id)).toBeNull();
      expect(present(await repo.byId(first.id)).snapshot()).toEqual(first.snapshot());
      expect(ids(await repo.ofStudent(seed.studentIds[0]))).toEqual([first.id]);
      expect(ids(await repo.ofStudent(seed.studentIds[1]))).toEqual([classmate.id]);
    });

    it('keeps the first of a replay within one batch', async () => {
      const first = credit({ s: 0, l: 2, days: 10 });
      const replay = credit({ s: 0, l: 2, days: 20 });
      await repo.add([first, replay]);
      expect(ids(await repo.ofStudent(seed.studentIds[0]))).toEqual([first.id]);
    });
  });
}
