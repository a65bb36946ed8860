import { newId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { User } from '../model/user.js';
import type { UserRepository } from '../ports/index.js';

/** The value, failing the test at this point when it is missing (contracts are not specs: no `!`). */
function present<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('Expected a value, found none.');
  return value;
}

/**
 * The repository is used as a signed-in user of `schoolId` would: the tenant is that school.
 * `otherSchoolId` is a second school whose users must stay out of the tenant's reads.
 * Both schools must exist (the real adapter's foreign keys).
 */
export interface UserContractSubject {
  repo: UserRepository;
  schoolId: SchoolId;
  otherSchoolId: SchoolId;
  cleanup?: () => Promise<void>;
}

const NOW = new Date('2026-11-23T10:00:00Z');

/** The contract of `UserRepository`, run against the in-memory fake and the MikroORM adapter. */
export function userRepositoryContract(name: string, setup: () => Promise<UserContractSubject>): void {
  describe(`UserRepository contract: ${name}`, () => {
    let subject: UserContractSubject;
    let repo: UserRepository;
    /** Emails are unique across the deployment: each test has its own. */
    let tag: string;

    beforeEach(async () => {
      subject = await setup();
      repo = subject.repo;
      tag = Math.random().toString(36).slice(2, 10);
    });
    afterEach(async () => {
      await subject?.cleanup?.();
    });

    const email = (local: string) => `${local}.${tag}@example.org`;
    const user = (o: { name: string; roles?: string[]; school?: 'other'; email?: string }) =>
      User.create(
        {
          schoolId: o.school === 'other' ? subject.otherSchoolId : subject.schoolId,
          email: o.email ?? email(o.name.toLowerCase()),
          name: o.name,
          roles: o.roles ?? ['teacher'],
          timeZone: 'Europe/London',
          locale: 'en-GB',
        },
        NOW,
      );
    const ids = (users: readonly User[]) => users.map((u) => u.id);

    it('round-trips every field through add and byId', async () => {
      const ada = User.create(
        { schoolId: subject.schoolId, email: email('Ada'), name: 'Ada Lovelace', roles: ['admin', 'teacher'], timeZone: 'Asia/Dubai', locale: 'en-AE', safeguardingLead: true },
        NOW,
      );
      ada.setPassword('hash:ada', NOW, true);
      const kid = User.create({ schoolId: subject.schoolId, email: email('kid'), name: 'Kid', roles: ['student'], timeZone: 'UTC', locale: 'en', dateOfBirth: '2015-06-30' }, NOW);
      kid.setLeftSchoolOn('2026-07-20', NOW);
      await repo.add(ada);
      await repo.add(kid);
      expect((await repo.byId(ada.id))?.snapshot()).toEqual(ada.snapshot());
      expect((await repo.byId(kid.id))?.snapshot()).toEqual(kid.snapshot());
    });

    it('answers null for an unknown id', async () => {
      expect(await repo.byId(newId<UserId>())).toBeNull();
      expect(await repo.byIdAcrossSchools(newId<UserId>())).toBeNull();
    });

    it('hands out copies: a change is stored only by update', async () => {
      const ada = user({ name: 'Ada' });
      await repo.add(ada);
      ada.updateProfile({ name: 'Ada Byron' });
      expect(present(await repo.byId(ada.id)).name).toBe('Ada');
      const read = present(await repo.byId(ada.id));
      read.updateProfile({ name: 'Countess' });
      expect(present(await repo.byId(ada.id)).name).toBe('Ada');
    });

    it('saves changes through update', async () => {
      const ada = user({ name: 'Ada' });
      await repo.add(ada);
      ada.updateProfile({ name: 'Ada Byron', timeZone: 'Europe/Paris' });
      ada.setPassword('hash:new', new Date('2026-11-24T08:00:00Z'), true);
      await repo.update(ada);
      expect(present(await repo.byId(ada.id)).snapshot()).toEqual(ada.snapshot());
    });

    it('finds by email across schools, whatever its case', async () => {
      const ada = user({ name: 'Ada', email: email('Ada.Mixed') });
      expect(ada.email).toBe(email('ada.mixed'));
      await repo.add(ada);
      expect((await repo.byEmailAcrossSchools(email('ADA.MIXED').toUpperCase()))?.id).toBe(ada.id);
      expect((await repo.byEmailAcrossSchools(email('ada.mixed')))?.id).toBe(ada.id);
      expect(await repo.byEmailAcrossSchools(email('nobody'))).toBeNull();
    });

    it('tells whether an email is taken, whatever its case', async () => {
      await repo.add(user({ name: 'Ada' }));
      expect(await repo.emailTaken(email('ada'))).toBe(true);
      expect(await repo.emailTaken(email('ada').toUpperCase())).toBe(true);
      expect(await repo.emailTaken(email('bea'))).toBe(false);
    });

    it('refuses a second account with the same email, in any case or school, as IDENTITY.EMAIL_TAKEN', async () => {
      const ada = user({ name: 'Ada' });
      await repo.add(ada);
      const twin = user({ name: 'Twin', school: 'other', email: email('ADA') });
      await expect(repo.add(twin)).rejects.toMatchObject({ code: 'IDENTITY.EMAIL_TAKEN', kind: 'conflict' });
      await expect(repo.add(user({ name: 'Ada Again', email: email('ada') }))).rejects.toMatchObject({ code: 'IDENTITY.EMAIL_TAKEN', kind: 'conflict' });
      expect(await repo.byIdAcrossSchools(twin.id)).toBeNull();
      expect(present(await repo.byId(ada.id)).snapshot()).toEqual(ada.snapshot());
    });

    it("lists the school's users by name, or those with a role", async () => {
      const carl = user({ name: 'Carl', roles: ['teacher', 'accompanist'] });
      const ada = user({ name: 'Ada', roles: ['admin'] });
      const bea = user({ name: 'Bea', roles: ['student'] });
      const dan = user({ name: 'Dan', roles: ['teacher'] });
      for (const u of [carl, ada, bea, dan]) await repo.add(u);
      expect(ids(await repo.list({}))).toEqual([ada.id, bea.id, carl.id, dan.id]);
      expect(ids(await repo.list({ role: 'teacher' }))).toEqual([carl.id, dan.id]);
      expect(ids(await repo.list({ role: 'accompanist' }))).toEqual([carl.id]);
      expect(await repo.list({ role: 'parent' })).toEqual([]);
    });

    it('finds several by id, by name, skipping unknown ids', async () => {
      const bea = user({ name: 'Bea' });
      const ada = user({ name: 'Ada' });
      const carl = user({ name: 'Carl' });
      for (const u of [bea, ada, carl]) await repo.add(u);
      expect(ids(await repo.byIds([bea.id, newId<UserId>(), ada.id]))).toEqual([ada.id, bea.id]);
      expect(await repo.byIds([])).toEqual([]);
    });

    it("keeps another school's users out of the tenant's reads, but not out of the across-schools ones", async () => {
      const mine = user({ name: 'Mine' });
      const theirs = user({ name: 'Theirs', school: 'other' });
      await repo.add(mine);
      await repo.add(theirs);
      expect(await repo.byId(theirs.id)).toBeNull();
      expect(ids(await repo.list({}))).toEqual([mine.id]);
      expect(ids(await repo.list({ role: 'teacher' }))).toEqual([mine.id]);
      expect(ids(await repo.byIds([mine.id, theirs.id]))).toEqual([mine.id]);
      expect((await repo.byIdAcrossSchools(theirs.id))?.snapshot()).toEqual(theirs.snapshot());
      expect((await repo.byEmailAcrossSchools(theirs.email ?? ''))?.id).toBe(theirs.id);
      expect(await repo.emailTaken(theirs.email ?? '')).toBe(true);
    });
  });
}
