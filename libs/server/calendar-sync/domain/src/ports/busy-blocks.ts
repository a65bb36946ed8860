import type { UserId } from '@cadenza/shared/kernel';
import type { BusyBlock } from '../model/busy-block.js';

/** People's busy blocks from their outside calendars, one a (person, calendar, event). */
export abstract class BusyBlocks {
  /** The blocks from one of the person's calendars, by start. */
  abstract ofCalendar(personId: UserId, calendarId: string): Promise<BusyBlock[]>;
  /** Adds or replaces the given blocks and removes the blocks of the events named, leaving every other block of the calendar as it was. */
  abstract merge(personId: UserId, calendarId: string, blocks: readonly BusyBlock[], removedEventIds: readonly string[]): Promise<void>;
  /** Makes the calendar's blocks exactly these (a full sync): blocks of events no longer there go. */
  abstract replaceCalendar(personId: UserId, calendarId: string, blocks: readonly BusyBlock[]): Promise<void>;
  /** The people's blocks overlapping [from, to), from any calendar, by start. */
  abstract overlapping(people: readonly UserId[], from: Date, to: Date): Promise<BusyBlock[]>;
}

/** Where each of a person's outside calendars was last synced to. */
export abstract class BusySyncStates {
  abstract get(personId: UserId, calendarId: string): Promise<{ syncToken: string | null; syncedAt: Date } | null>;
  abstract save(personId: UserId, calendarId: string, state: { syncToken: string; syncedAt: Date }): Promise<void>;
  /** Forgets the calendar's token: its next sync is a full one. */
  abstract forget(personId: UserId, calendarId: string): Promise<void>;
}
