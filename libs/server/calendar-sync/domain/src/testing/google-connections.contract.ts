import type { SchoolId, UserId } from '@cadenza/shared/kernel';
import type { GoogleConnection } from '../model/google-connection.js';
import type { ConnectStates, GoogleConnections } from '../ports/google-connections.js';

export interface GoogleConnectionsContractSubject {
  connections: GoogleConnections;
  states: ConnectStates;
  schoolId: SchoolId;
  /** At least 2 people of the school. */
  people: UserId[];
}

/** The contract of `GoogleConnections` and `ConnectStates`, run against the in-memory fakes and the MikroORM adapters. */
export function googleConnectionsContract(name: string, setup: () => Promise<GoogleConnectionsContractSubject>): void {
  describe(`GoogleConnections contract: ${name}`, () => {
    let subject: GoogleConnectionsContractSubject;
    beforeEach(async () => {
      subject = await setup();
    });
    const connection = (personId: UserId, over: Partial<GoogleConnection> = {}): GoogleConnection => ({
      personId,
      account: 'tess@example.org',
      refreshToken: '1//refresh-token',
      busyCalendarIds: ['tess@example.org', 'choir@group.calendar.google.com'],
      writeCalendarId: 'cadenza@group.calendar.google.com',
      status: 'active',
      connectedAt: new Date('2027-03-01T09:00:00Z'),
      lastSyncAt: null,
      lastError: null,
      ...over,
    });

    it('keeps one connection a person, replaced whole, and lists the active ones with their school', async () => {
      const { connections, people, schoolId } = subject;
      const [ana, ben] = people;
      await connections.save(connection(ana));
      await connections.save(connection(ben));
      expect(await connections.ofPerson(ana)).toEqual(connection(ana));
      const changed = connection(ana, { refreshToken: '1//another', busyCalendarIds: ['x'], status: 'reconnect_needed', lastSyncAt: new Date('2027-03-02T09:00:00Z'), lastError: 'Refused' });
      await connections.save(changed);
      expect(await connections.ofPerson(ana)).toEqual(changed);
      const active = await connections.activeAcrossSchools();
      expect(active).toContainEqual({ schoolId, personId: ben });
      expect(active.some((c) => c.personId === ana)).toBe(false);
      await connections.remove(ben);
      expect(await connections.ofPerson(ben)).toBeNull();
    });

    it('gives a state once, to the person who started it', async () => {
      const { states, people } = subject;
      const [ana, ben] = people;
      const state = { stateHash: `hash-${ana}`, personId: ana, expiresAt: new Date('2099-01-01T00:00:00Z') };
      await states.save(state);
      expect(await states.take(state.stateHash, ben)).toBeNull();
      expect(await states.take(state.stateHash, ana)).toEqual(state);
      expect(await states.take(state.stateHash, ana)).toBeNull();
    });
  });
}
