import { newId, type UserId } from '@cadenza/shared/kernel';
import { FixedClock, SnapshotUnitOfWork } from '@cadenza/shared/kernel/testing';
import { FakeExternalCalendars, InMemoryBusyBlocks, InMemoryBusySyncStates } from '../testing/in-memory.js';
import { SyncBusyCalendar } from './sync-busy-calendar.js';

describe('syncing an outside calendar into busy blocks', () => {
  const teacher = newId<UserId>();
  const grant = { refreshToken: 'refresh' };
  let external: FakeExternalCalendars;
  let blocks: InMemoryBusyBlocks;
  let states: InMemoryBusySyncStates;
  let sync: SyncBusyCalendar;
  const run = (calendarId = 'primary') => sync.execute({ personId: teacher, calendarId, grant });
  const times = async (calendarId = 'primary') => (await blocks.ofCalendar(teacher, calendarId)).map((b) => [b.eventId, b.start.toISOString()]);

  beforeEach(() => {
    external = new FakeExternalCalendars();
    blocks = new InMemoryBusyBlocks();
    states = new InMemoryBusySyncStates();
    const uow = new SnapshotUnitOfWork([blocks, states]);
    sync = new SyncBusyCalendar(external, blocks, states, uow, new FixedClock('2027-01-01T08:00:00Z'));
  });

  it('reads everything first, then merges only the changes: a move, a deletion, an event marked free', async () => {
    external.set('primary', 'dentist', { start: '2027-01-04T09:00:00Z', end: '2027-01-04T10:00:00Z' });
    external.set('primary', 'gym', { start: '2027-01-05T18:00:00Z', end: '2027-01-05T19:00:00Z' });
    external.set('primary', 'lunch', { start: '2027-01-06T12:00:00Z', end: '2027-01-06T13:00:00Z' });
    expect(await run()).toEqual({ mode: 'full', busy: 3, removed: 0 });
    expect(await times()).toEqual([['dentist', '2027-01-04T09:00:00.000Z'], ['gym', '2027-01-05T18:00:00.000Z'], ['lunch', '2027-01-06T12:00:00.000Z']]);
    expect(await states.get(teacher, 'primary')).toEqual({ syncToken: 'v3', syncedAt: new Date('2027-01-01T08:00:00Z') });

    external.set('primary', 'dentist', { start: '2027-01-04T11:00:00Z', end: '2027-01-04T12:00:00Z' });
    external.set('primary', 'gym', null);
    external.set('primary', 'lunch', null);
    external.set('primary', 'lunch', { start: '2027-01-06T12:30:00Z', end: '2027-01-06T13:00:00Z' });
    expect(await run()).toEqual({ mode: 'incremental', busy: 2, removed: 1 });
    expect(await times()).toEqual([['dentist', '2027-01-04T11:00:00.000Z'], ['lunch', '2027-01-06T12:30:00.000Z']]);
    expect(external.reads.map((r) => r.syncToken)).toEqual([null, 'v3']);
  });

  it('answers an expired token with a full resync that leaves one block an event and drops what went meanwhile', async () => {
    external.set('primary', 'dentist', { start: '2027-01-04T09:00:00Z', end: '2027-01-04T10:00:00Z' });
    external.set('primary', 'gym', { start: '2027-01-05T18:00:00Z', end: '2027-01-05T19:00:00Z' });
    await run();
    external.set('primary', 'gym', null);
    external.set('primary', 'recital', { start: '2027-01-07T18:00:00Z', end: '2027-01-07T20:00:00Z' });
    external.expireTokens();
    expect(await run()).toEqual({ mode: 'full', busy: 2, removed: 1 });
    expect(await times()).toEqual([['dentist', '2027-01-04T09:00:00.000Z'], ['recital', '2027-01-07T18:00:00.000Z']]);
    expect(external.reads.map((r) => r.syncToken)).toEqual([null, 'v2', null]);
    // And again: nothing doubles.
    expect(await run()).toEqual({ mode: 'incremental', busy: 0, removed: 0 });
    expect((await blocks.ofCalendar(teacher, 'primary')).length).toBe(2);
  });

  it('keeps each calendar to itself', async () => {
    external.set('primary', 'dentist', { start: '2027-01-04T09:00:00Z', end: '2027-01-04T10:00:00Z' });
    external.set('work', 'meeting', { start: '2027-01-04T12:00:00Z', end: '2027-01-04T13:00:00Z' });
    await run('primary');
    await run('work');
    external.set('work', 'meeting', null);
    await run('work');
    expect(await times('primary')).toEqual([['dentist', '2027-01-04T09:00:00.000Z']]);
    expect(await times('work')).toEqual([]);
  });
});
