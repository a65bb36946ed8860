import type { SchoolId, UserId } from '@cadenza/shared/kernel';
import type { ConnectState, GoogleConnection } from '../model/google-connection.js';

/** People's connected Google accounts, one a person (the refresh token sealed at rest). */
export abstract class GoogleConnections {
  abstract ofPerson(personId: UserId): Promise<GoogleConnection | null>;
  /** Adds or replaces the person's connection. */
  abstract save(connection: GoogleConnection): Promise<void>;
  abstract remove(personId: UserId): Promise<void>;
  /** Every active connection of every school, for the sync job (which then puts each one's school in force). */
  abstract activeAcrossSchools(): Promise<{ schoolId: SchoolId; personId: UserId }[]>;
}

/** Consents under way: a `state` is taken once, by the person who started it, before it expires. */
export abstract class ConnectStates {
  abstract save(state: ConnectState): Promise<void>;
  /**
   * Removes and answers the person's state with this digest in the school in force, or null (unknown, used, another
   * person's or another school's, which stays for its owner). Two takes of one state: one gets it.
   */
  abstract take(stateHash: string, personId: UserId): Promise<ConnectState | null>;
}
