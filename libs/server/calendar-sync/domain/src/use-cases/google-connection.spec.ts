import { calendarSyncWorld } from '../testing/calendar-sync-world.js';

/**
 * Connecting a Google account: the consent's `state` is the caller's, single use and short-lived; the primary calendar
 * counts as busy and a Cadenza calendar is made; choices are checked against Google's list; disconnecting revokes the
 * grant and forgets the busy blocks; a revoked grant shows as "reconnect needed"; families may not connect.
 */
const stateOf = (url: string) => new URL(url).searchParams.get('state') ?? '';

describe('connecting a Google calendar', () => {
  it('connects with the state the caller started: primary busy, a Cadenza calendar made, audited', async () => {
    const { useCases, ports, people } = calendarSyncWorld();
    ports.directory.people.set(people.teacher.userId, { name: 'Tess Teacher', email: 'tess@example.org' });
    const started = await useCases.startGoogleConnect.execute(people.teacher);
    expect(new URL(started.url).searchParams.get('login_hint')).toBe('tess@example.org');
    const connection = await useCases.completeGoogleConnect.execute(people.teacher, { code: ports.accounts.codeFor('tess@example.org'), state: stateOf(started.url) });
    expect(connection).toMatchObject({ account: 'tess@example.org', busyCalendarIds: ['tess@example.org'], status: 'active' });
    const calendars = await useCases.listGoogleCalendars.execute(people.teacher);
    expect(calendars.find((c) => c.id === connection.writeCalendarId)).toMatchObject({ summary: 'Cadenza', writable: true });
    expect(ports.audit.entries.map((e) => e.action)).toEqual(['calendar_sync.google.connected']);
  });

  it('refuses a state used twice, another person’s, or one that expired, naming the field and connecting nothing', async () => {
    const { useCases, ports, people, clock } = calendarSyncWorld();
    const mine = stateOf((await useCases.startGoogleConnect.execute(people.teacher)).url);
    await expect(useCases.completeGoogleConnect.execute(people.accompanist, { code: ports.accounts.codeFor('a@example.org'), state: mine })).rejects.toMatchObject({
      code: 'CALENDAR_SYNC.UNKNOWN_STATE',
      details: { fields: [{ field: 'state' }] },
    });
    await useCases.completeGoogleConnect.execute(people.teacher, { code: ports.accounts.codeFor('t@example.org'), state: mine });
    await expect(useCases.completeGoogleConnect.execute(people.teacher, { code: ports.accounts.codeFor('t@example.org'), state: mine })).rejects.toMatchObject({ code: 'CALENDAR_SYNC.UNKNOWN_STATE' });
    const late = stateOf((await useCases.startGoogleConnect.execute(people.accompanist)).url);
    clock.advance(11 * 60_000);
    await expect(useCases.completeGoogleConnect.execute(people.accompanist, { code: ports.accounts.codeFor('a@example.org'), state: late })).rejects.toMatchObject({ code: 'CALENDAR_SYNC.UNKNOWN_STATE' });
    expect(await ports.connections.ofPerson(people.accompanist.userId)).toBeNull();
    await expect(useCases.completeGoogleConnect.execute(people.accompanist, { code: 'made-up', state: stateOf((await useCases.startGoogleConnect.execute(people.accompanist)).url) })).rejects.toMatchObject({
      details: { fields: [{ field: 'code' }] },
    });
  });

  it('refuses families, and answers 503 when no Google client is set up', async () => {
    const { useCases, ports, people } = calendarSyncWorld();
    for (const who of [people.parent, people.student, people.admin]) await expect(useCases.startGoogleConnect.execute(who)).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(useCases.getGoogleConnection.execute(people.parent)).rejects.toMatchObject({ kind: 'forbidden' });
    ports.accounts.available = false;
    await expect(useCases.startGoogleConnect.execute(people.teacher)).rejects.toMatchObject({ kind: 'unavailable' });
  });

  it('chooses busy and write calendars among Google’s, forgetting the blocks of one no longer read', async () => {
    const { useCases, ports, people } = calendarSyncWorld();
    const started = await useCases.startGoogleConnect.execute(people.teacher);
    const code = ports.accounts.codeFor('t@example.org');
    ports.accounts.calendarsOf.get('t@example.org')?.push({ id: 'family@group.example', summary: 'Family', primary: false, writable: false });
    const connection = await useCases.completeGoogleConnect.execute(people.teacher, { code, state: stateOf(started.url) });
    await ports.blocks.merge(people.teacher.userId, 't@example.org', [{ personId: people.teacher.userId, calendarId: 't@example.org', eventId: 'e1', start: new Date('2027-03-02T09:00:00Z'), end: new Date('2027-03-02T10:00:00Z') }], []);
    await ports.syncStates.save(people.teacher.userId, 't@example.org', { syncToken: 'v1', syncedAt: new Date() });
    await expect(useCases.chooseGoogleCalendars.execute(people.teacher, { busyCalendarIds: ['family@group.example', 'nope'], writeCalendarId: connection.writeCalendarId })).rejects.toMatchObject({
      details: { fields: [{ field: 'busyCalendarIds.1' }] },
    });
    await expect(useCases.chooseGoogleCalendars.execute(people.teacher, { busyCalendarIds: ['family@group.example'], writeCalendarId: 'family@group.example' })).rejects.toMatchObject({
      details: { fields: [{ field: 'writeCalendarId' }] },
    });
    expect(ports.blocks.byKey.size).toBe(1);
    const chosen = await useCases.chooseGoogleCalendars.execute(people.teacher, { busyCalendarIds: ['family@group.example'], writeCalendarId: connection.writeCalendarId });
    expect(chosen.busyCalendarIds).toEqual(['family@group.example']);
    expect(ports.blocks.byKey.size).toBe(0);
    expect(await ports.syncStates.get(people.teacher.userId, 't@example.org')).toBeNull();
  });

  it('marks a refused grant "reconnect needed"; connecting again keeps the Cadenza calendar; disconnecting revokes and forgets', async () => {
    const { useCases, ports, people } = calendarSyncWorld();
    const first = await useCases.completeGoogleConnect.execute(people.teacher, { code: ports.accounts.codeFor('t@example.org'), state: stateOf((await useCases.startGoogleConnect.execute(people.teacher)).url) });
    ports.accounts.revokeAccount('t@example.org');
    await expect(useCases.listGoogleCalendars.execute(people.teacher)).rejects.toMatchObject({ code: 'CALENDAR_SYNC.RECONNECT_NEEDED' });
    expect(await useCases.getGoogleConnection.execute(people.teacher)).toMatchObject({ status: 'reconnect_needed' });
    const again = await useCases.completeGoogleConnect.execute(people.teacher, { code: ports.accounts.codeFor('t@example.org'), state: stateOf((await useCases.startGoogleConnect.execute(people.teacher)).url) });
    expect(again).toMatchObject({ status: 'active', writeCalendarId: first.writeCalendarId, lastError: null });
    await ports.blocks.merge(people.teacher.userId, 't@example.org', [{ personId: people.teacher.userId, calendarId: 't@example.org', eventId: 'e1', start: new Date('2027-03-02T09:00:00Z'), end: new Date('2027-03-02T10:00:00Z') }], []);
    await useCases.disconnectGoogle.execute(people.teacher);
    expect(ports.accounts.revoked).toEqual([again.refreshToken]);
    expect(await useCases.getGoogleConnection.execute(people.teacher)).toBeNull();
    expect(ports.blocks.byKey.size).toBe(0);
    await expect(useCases.disconnectGoogle.execute(people.teacher)).rejects.toMatchObject({ kind: 'not_found' });
    // Connected again later, the account's Cadenza calendar is used again rather than a second one made.
    const later = await useCases.completeGoogleConnect.execute(people.teacher, { code: ports.accounts.codeFor('t@example.org'), state: stateOf((await useCases.startGoogleConnect.execute(people.teacher)).url) });
    expect(later.writeCalendarId).toBe(first.writeCalendarId);
    expect(ports.accounts.calendarsOf.get('t@example.org')?.filter((c) => c.summary === 'Cadenza')).toHaveLength(1);
  });
});
