import { newId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { Thread, type ThreadKind } from '../model/thread.js';
import type { ThreadRepository } from '../ports/index.js';

/** The repository as the school `schoolId` sees it, with people who exist there (the real adapter's foreign keys need them). */
export interface ThreadRepositorySubject {
  repo: ThreadRepository;
  schoolId: SchoolId;
  /** At least three people of the school. */
  people: UserId[];
  cleanup?: () => Promise<void>;
}

/** The contract of `ThreadRepository`'s lookups, run against the in-memory fake and the MikroORM adapter. */
export function threadRepositoryContract(name: string, setup: () => Promise<ThreadRepositorySubject>): void {
  describe(`ThreadRepository contract: ${name}`, () => {
    let s: ThreadRepositorySubject;
    let at = Date.parse('2026-03-02T09:00:00Z');
    const start = async (kind: ThreadKind, createdBy: UserId, others: UserId[]) => {
      const thread = Thread.create({ schoolId: s.schoolId, kind, createdBy, participantIds: others, now: new Date((at += 1000)) });
      await s.repo.add(thread);
      return thread;
    };

    beforeAll(async () => {
      s = await setup();
    });
    afterAll(async () => {
      await s?.cleanup?.();
    });

    it('finds the direct thread between two people, asked in either order, with its participants', async () => {
      const [a, b, c] = s.people;
      await start('group', a, [b]);
      const direct = await start('direct', a, [b]);
      await start('direct', a, [c]);
      expect((await s.repo.directBetween(a, b))?.snapshot()).toEqual(direct.snapshot());
      expect((await s.repo.directBetween(b, a))?.id).toBe(direct.id);
    });

    it('answers null when the two have no direct thread (a group thread of the two does not count)', async () => {
      const [, b, c] = s.people;
      await start('group', b, [c]);
      expect(await s.repo.directBetween(b, c)).toBeNull();
      expect(await s.repo.directBetween(b, newId<UserId>())).toBeNull();
    });
  });
}
