import type { UserId } from '@cadenza/shared/kernel';
import type { BusyBlock } from '../model/busy-block.js';
import type { BusyBlocks, BusySyncStates } from '../ports/busy-blocks.js';

export interface BusyBlocksContractSubject {
  blocks: BusyBlocks;
  states: BusySyncStates;
  /** At least 2 people of the school. */
  people: UserId[];
}

const at = (iso: string) => new Date(iso);

/** The contract of `BusyBlocks` and `BusySyncStates`, run against the in-memory fakes and the MikroORM adapters. */
export function busyBlocksContract(name: string, setup: () => Promise<BusyBlocksContractSubject>): void {
  describe(`BusyBlocks contract: ${name}`, () => {
    let subject: BusyBlocksContractSubject;
    beforeEach(async () => {
      subject = await setup();
    });
    const block = (personId: UserId, calendarId: string, eventId: string, start: string, end: string): BusyBlock => ({ personId, calendarId, eventId, start: at(start), end: at(end) });

    it('merges changes into a calendar’s blocks, replaces them on a full sync, and leaves other calendars and people alone', async () => {
      const { blocks, people } = subject;
      const [ana, ben] = people;
      const dentist = block(ana, 'primary', 'dentist1', '2027-01-04T09:00:00Z', '2027-01-04T10:00:00Z');
      const gym = block(ana, 'primary', 'gym00001', '2027-01-05T18:00:00Z', '2027-01-05T19:00:00Z');
      const work = block(ana, 'work', 'meeting1', '2027-01-04T12:00:00Z', '2027-01-04T13:00:00Z');
      const bens = block(ben, 'primary', 'dentist1', '2027-01-04T09:00:00Z', '2027-01-04T09:30:00Z');
      await blocks.merge(ana, 'primary', [dentist, gym], []);
      await blocks.merge(ana, 'work', [work], []);
      await blocks.merge(ben, 'primary', [bens], []);
      const moved = { ...dentist, start: at('2027-01-04T11:00:00Z'), end: at('2027-01-04T11:30:00Z') };
      await blocks.merge(ana, 'primary', [moved], ['gym00001', 'never-known']);
      expect(await blocks.ofCalendar(ana, 'primary')).toEqual([moved]);
      expect(await blocks.ofCalendar(ben, 'primary')).toEqual([bens]);

      const fresh = block(ana, 'primary', 'lunch001', '2027-01-06T12:00:00Z', '2027-01-06T13:00:00Z');
      await blocks.replaceCalendar(ana, 'primary', [fresh, moved]);
      await blocks.replaceCalendar(ana, 'primary', [fresh, moved]);
      expect(await blocks.ofCalendar(ana, 'primary')).toEqual([moved, fresh]);
      expect(await blocks.ofCalendar(ana, 'work')).toEqual([work]);
      expect(await blocks.overlapping([ana, ben], at('2027-01-04T09:15:00Z'), at('2027-01-04T12:30:00Z'))).toEqual([bens, moved, work]);
      expect(await blocks.overlapping([ana], at('2027-01-04T13:00:00Z'), at('2027-01-06T12:00:00Z'))).toEqual([]);
    });

    it('keeps each calendar’s sync token', async () => {
      const { states, people } = subject;
      const [ana] = people;
      expect(await states.get(ana, 'primary')).toBeNull();
      await states.save(ana, 'primary', { syncToken: 'token-1', syncedAt: at('2027-01-01T10:00:00Z') });
      await states.save(ana, 'primary', { syncToken: 'token-2', syncedAt: at('2027-01-01T10:05:00Z') });
      expect(await states.get(ana, 'primary')).toEqual({ syncToken: 'token-2', syncedAt: at('2027-01-01T10:05:00Z') });
      expect(await states.get(ana, 'work')).toBeNull();
    });
  });
}
