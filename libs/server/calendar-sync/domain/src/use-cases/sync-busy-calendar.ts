import type { Clock, UnitOfWork, UserId } from '@cadenza/shared/kernel';
import { lastWordPerEvent, type BusyBlock, type ExternalChange } from '../model/busy-block.js';
import type { BusyBlocks, BusySyncStates } from '../ports/busy-blocks.js';
import type { ExternalCalendars, ExternalGrant } from '../ports/external-calendars.js';

export interface SyncBusyCalendarInput {
  personId: UserId;
  calendarId: string;
  grant: ExternalGrant;
}

export interface BusySyncOutcome {
  /** `full`: every event read (a first sync, or the calendar asked for one); `incremental`: the changes since the last. */
  mode: 'full' | 'incremental';
  busy: number;
  removed: number;
}

const toBlocks = (personId: UserId, calendarId: string, changes: readonly ExternalChange[]): BusyBlock[] =>
  changes.flatMap((c) => (c.busy ? [{ personId, calendarId, eventId: c.eventId, start: c.busy.start, end: c.busy.end }] : []));

/**
 * Brings one of a person's outside calendars into their busy blocks. With a sync token from the last time, only the
 * changes since are read and merged into what is known (a busy event added or moved, a deleted, cancelled or free one
 * removed; every other block stays). Without one, or when the calendar refuses the token (it expired: Google's 410),
 * every event is read and the calendar's blocks become exactly those: one block an event, so a full resync after
 * incremental ones duplicates nothing. The new token is kept with the blocks, in one unit of work.
 */
export class SyncBusyCalendar {
  constructor(
    private readonly external: ExternalCalendars,
    private readonly blocks: BusyBlocks,
    private readonly states: BusySyncStates,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(input: SyncBusyCalendarInput): Promise<BusySyncOutcome> {
    const { personId, calendarId, grant } = input;
    const known = await this.states.get(personId, calendarId);
    let read = await this.external.changes(grant, calendarId, known?.syncToken ?? null);
    let mode: BusySyncOutcome['mode'] = known?.syncToken ? 'incremental' : 'full';
    if (read === 'expired') {
      read = await this.external.changes(grant, calendarId, null);
      mode = 'full';
      if (read === 'expired') throw new Error('The calendar refused a full sync as expired.');
    }
    const { changes, nextSyncToken } = read;
    const latest = lastWordPerEvent(changes);
    const busy = toBlocks(personId, calendarId, latest);
    return this.uow.run(async () => {
      if (mode === 'full') {
        const before = await this.blocks.ofCalendar(personId, calendarId);
        const kept = new Set(busy.map((b) => b.eventId));
        await this.blocks.replaceCalendar(personId, calendarId, busy);
        await this.states.save(personId, calendarId, { syncToken: nextSyncToken, syncedAt: this.clock.now() });
        return { mode, busy: busy.length, removed: before.filter((b) => !kept.has(b.eventId)).length };
      }
      const removed = latest.filter((c) => c.busy === null).map((c) => c.eventId);
      await this.blocks.merge(personId, calendarId, busy, removed);
      await this.states.save(personId, calendarId, { syncToken: nextSyncToken, syncedAt: this.clock.now() });
      return { mode, busy: busy.length, removed: removed.length };
    });
  }
}
