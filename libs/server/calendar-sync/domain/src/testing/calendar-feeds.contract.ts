import type { UserId } from '@cadenza/shared/kernel';
import type { CalendarFeeds } from '../ports/calendar-feeds.js';

export interface CalendarFeedsContractSubject {
  feeds: CalendarFeeds;
  schoolId: string;
  /** At least 2 people of the school. */
  people: UserId[];
}

const at = (iso: string) => new Date(iso);

/** The contract of `CalendarFeeds`, run against the in-memory fake and the MikroORM adapter. */
export function calendarFeedsContract(name: string, setup: () => Promise<CalendarFeedsContractSubject>): void {
  describe(`CalendarFeeds contract: ${name}`, () => {
    let subject: CalendarFeedsContractSubject;
    beforeEach(async () => {
      subject = await setup();
    });

    it('keeps one feed a person, found by its token hash until it is replaced', async () => {
      const { feeds, schoolId, people } = subject;
      const [ana, ben] = people;
      // Hashes as long as a digest, distinct in every run (the column is unique across schools).
      const suffix = `${ana}`;
      expect(await feeds.ofPerson(ana)).toBeNull();
      await feeds.replace({ personId: ana, tokenHash: `first-${suffix}`, createdAt: at('2027-01-01T10:00:00Z') });
      await feeds.replace({ personId: ben, tokenHash: `other-${suffix}`, createdAt: at('2027-01-01T11:00:00Z') });
      expect(await feeds.ofPerson(ana)).toEqual({ personId: ana, tokenHash: `first-${suffix}`, createdAt: at('2027-01-01T10:00:00Z') });
      expect(await feeds.byTokenHashAcrossSchools(`first-${suffix}`)).toEqual({ schoolId, personId: ana });

      await feeds.replace({ personId: ana, tokenHash: `second-${suffix}`, createdAt: at('2027-01-02T10:00:00Z') });
      expect(await feeds.ofPerson(ana)).toEqual({ personId: ana, tokenHash: `second-${suffix}`, createdAt: at('2027-01-02T10:00:00Z') });
      expect(await feeds.byTokenHashAcrossSchools(`first-${suffix}`)).toBeNull();
      expect(await feeds.byTokenHashAcrossSchools(`second-${suffix}`)).toEqual({ schoolId, personId: ana });
      expect(await feeds.byTokenHashAcrossSchools(`other-${suffix}`)).toEqual({ schoolId, personId: ben });
      expect(await feeds.byTokenHashAcrossSchools('nothing')).toBeNull();
    });
  });
}
