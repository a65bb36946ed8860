import type { SchoolId, UserId } from '@cadenza/shared/kernel';
import { Family } from '../model/family.js';
import type { FamilyRepository } from '../ports/index.js';

/**
 * The repository is used as a signed-in user of `schoolId` would. `person()` records someone of that school (the real
 * adapter's foreign keys need them) and answers their id.
 */
export interface FamilyContractSubject {
  repo: FamilyRepository;
  schoolId: SchoolId;
  person: () => Promise<UserId>;
  cleanup?: () => Promise<void>;
}

/** The contract of `FamilyRepository`, run against the in-memory fake and the MikroORM adapter. */
export function familyRepositoryContract(name: string, setup: () => Promise<FamilyContractSubject>): void {
  describe(`FamilyRepository contract: ${name}`, () => {
    let subject: FamilyContractSubject;
    let repo: FamilyRepository;

    beforeEach(async () => {
      subject = await setup();
      repo = subject.repo;
    });
    afterEach(async () => {
      await subject?.cleanup?.();
    });

    async function parks() {
      const [mum, dad, sam, ali] = [await subject.person(), await subject.person(), await subject.person(), await subject.person()];
      const family = Family.create(subject.schoolId, 'The Parks');
      family.addNewChild(sam);
      family.addNewChild(ali);
      family.linkGuardian(mum, 'full');
      family.linkGuardian(dad, 'view', [{ childId: ali, level: 'none' }]);
      family.setPayer(dad);
      await repo.add(family);
      return { family, mum, dad, sam, ali };
    }

    it('keeps a family whole: name, guardians, children, access per child and payer', async () => {
      const { family } = await parks();
      const read = await repo.byId(family.id);
      expect(read?.snapshot()).toEqual(family.snapshot());
    });

    it('keeps every change of an update, the payer cleared with the guardian who paid', async () => {
      const { family, mum, dad, sam, ali } = await parks();
      family.rename('Park family');
      family.setAccess(dad, [{ childId: sam, level: 'full' }], new Set([sam, ali]));
      family.removeGuardian(mum, new Set());
      family.removeChild(ali);
      await repo.update(family);
      const read = await repo.byId(family.id);
      expect(read?.snapshot()).toEqual(family.snapshot());
      family.removeGuardian(dad, new Set());
      await repo.update(family);
      expect((await repo.byId(family.id))?.snapshot()).toMatchObject({ guardianIds: [], payerId: null, access: [] });
    });

    it('finds the families of a guardian and of a child, and the guardians of children with any access', async () => {
      const { family, mum, dad, sam, ali } = await parks();
      const other = Family.create(subject.schoolId, 'Another');
      other.addNewChild(await subject.person());
      other.linkGuardian(mum, 'view');
      await repo.add(other);
      expect((await repo.ofGuardian(dad)).map((f) => f.id)).toEqual([family.id]);
      expect((await repo.ofGuardian(mum)).map((f) => f.id).sort()).toEqual([family.id, other.id].sort());
      expect((await repo.ofChild(ali)).map((f) => f.id)).toEqual([family.id]);
      const guardians = await repo.guardiansOfChildren([sam, ali]);
      expect(guardians.get(sam)?.slice().sort()).toEqual([mum, dad].sort());
      expect(guardians.get(ali)).toEqual([mum]);
      expect((await repo.list()).map((f) => f.name)).toEqual(['Another', 'The Parks']);
    });
  });
}
