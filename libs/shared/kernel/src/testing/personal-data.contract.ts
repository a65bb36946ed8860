import { mentionsAny, type DataSubject, type PersonalData } from '../lib/personal-data.js';

/** A context's personal data seeded for two people of one school, with ways to look at it from outside the port. */
export interface PersonalDataContractSubject {
  holder: PersonalData;
  /** The person the requests are about: the seed gives them records holding each of their identifiers in free text. */
  subject: DataSubject;
  /** Another person of the school, with records of their own: an erasure leaves them as they were. */
  other: DataSubject;
  /** Runs work in one unit of work (the real transaction for an adapter). */
  inUnit<T>(work: () => Promise<T>): Promise<T>;
  /** Every text the context holds that an erasure must clear of the subject (what it keeps under retention excluded), read without the port. */
  erasableText(): Promise<string>;
  /** How many records the context holds about anyone: an erasure keeps their shape, so this never changes. */
  recordCount(): Promise<number>;
}

const json = (value: unknown) => JSON.stringify(value);

/**
 * The contract of `PersonalData`, which every context's implementation passes against its real tables: an export
 * finds what was seeded; an erasure removes the subject's identifiers from every erasable text, keeps every record,
 * leaves the other person alone and changes nothing when run again (an erasure resumed after a crash).
 */
export function personalDataContract(name: string, setup: () => Promise<PersonalDataContractSubject>): void {
  describe(`PersonalData contract: ${name}`, () => {
    let s: PersonalDataContractSubject;
    beforeEach(async () => {
      s = await setup();
    });

    it('exports what it holds about the person, under its context, and names them', async () => {
      const section = await s.holder.export(s.subject);
      expect(section.context).toBe(s.holder.context);
      expect(section.files.length).toBeGreaterThan(0);
      expect(section.summary.length).toBeGreaterThan(0);
      expect(mentionsAny(json(section.files), s.subject.identifiers)).toBe(true);
      expect(json(section.files)).toContain(s.subject.personId);
    });

    it('erases the person from every text it may not keep, and keeps every record', async () => {
      const before = await s.recordCount();
      expect(mentionsAny(await s.erasableText(), s.subject.identifiers)).toBe(true);
      await s.inUnit(() => s.holder.erase(s.subject));
      const text = await s.erasableText();
      for (const identifier of s.subject.identifiers) expect({ identifier, found: text.toLowerCase().includes(identifier.toLowerCase()) }).toEqual({ identifier, found: false });
      expect(await s.recordCount()).toBe(before);
      expect(mentionsAny(json((await s.holder.export(s.subject)).files), s.subject.identifiers)).toBe(false);
    });

    it('leaves another person of the school as they were', async () => {
      const before = await s.holder.export(s.other);
      await s.inUnit(() => s.holder.erase(s.subject));
      expect(mentionsAny(await s.erasableText(), s.other.identifiers)).toBe(true);
      expect(json((await s.holder.export(s.other)).files)).toBe(json(before.files));
    });

    it('changes nothing when the erasure runs again', async () => {
      await s.inUnit(() => s.holder.erase(s.subject));
      const once = await s.erasableText();
      const exportedOnce = json((await s.holder.export(s.subject)).files);
      await s.inUnit(() => s.holder.erase(s.subject));
      expect(await s.erasableText()).toBe(once);
      expect(json((await s.holder.export(s.subject)).files)).toBe(exportedOnce);
    });

    it('rolls back with its unit of work', async () => {
      const before = await s.erasableText();
      await expect(
        s.inUnit(async () => {
          await s.holder.erase(s.subject);
          throw new Error('crash after the step');
        }),
      ).rejects.toThrow('crash after the step');
      expect(await s.erasableText()).toBe(before);
    });
  });
}
