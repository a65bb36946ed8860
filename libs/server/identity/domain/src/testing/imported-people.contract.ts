import { newId, type SchoolId } from '@cadenza/shared/kernel';
import { User } from '../model/user.js';
import type { ImportedPeople } from '../ports/imported-people.js';
import type { UserRepository } from '../ports/index.js';

/** The port used as a signed-in admin of `schoolId` would; `inOtherSchool` records as the second school's import would. */
export interface ImportedPeopleContractSubject {
  users: UserRepository;
  imported: ImportedPeople;
  schoolId: SchoolId;
  otherSchoolId: SchoolId;
  inOtherSchool: (user: User, runId: string) => Promise<void>;
}

const NOW = new Date('2026-12-07T10:00:00Z');
const person = (schoolId: SchoolId, email: string) => User.create({ schoolId, email, name: 'Someone', roles: ['parent'], timeZone: 'Europe/London', locale: 'en-GB' }, NOW);

/** The contract of `ImportedPeople`, run against the in-memory fake and the MikroORM adapter. */
export function importedPeopleContract(name: string, setup: () => Promise<ImportedPeopleContractSubject>): void {
  describe(`ImportedPeople contract: ${name}`, () => {
    let s: ImportedPeopleContractSubject;
    beforeEach(async () => {
      s = await setup();
    });

    it('gives the people each run created, once each, and none for a run that created nobody', async () => {
      const [runA, runB] = [newId(), newId()];
      const made = (n: string) => person(s.schoolId, `${n}.${newId().slice(0, 8)}@imported.example`);
      const [a, b, c] = [made('a'), made('b'), made('c')];
      for (const u of [a, b, c]) await s.users.add(u);
      await s.imported.record(runA, [a.id, b.id]);
      await s.imported.record(runA, [b.id]);
      await s.imported.record(runB, [c.id]);
      expect((await s.imported.of(runA)).sort()).toEqual([a.id, b.id].sort());
      expect(await s.imported.of(runB)).toEqual([c.id]);
      expect(await s.imported.of(newId())).toEqual([]);
    });

    it('never gives another school’s run', async () => {
      const run = newId();
      await s.inOtherSchool(person(s.otherSchoolId, `other.${newId().slice(0, 8)}@imported.example`), run);
      expect(await s.imported.of(run)).toEqual([]);
    });
  });
}
