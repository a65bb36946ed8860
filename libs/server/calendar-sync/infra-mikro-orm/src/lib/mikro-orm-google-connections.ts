import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ACROSS_SCHOOLS, currentSchool } from '@cadenza/server/platform/db';
import { ConnectStates, GoogleConnections, type ConnectState, type GoogleConnection } from '@cadenza/server/calendar-sync/domain';
import { asId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { ConnectStateSchema, GoogleConnectionSchema, type GoogleConnectionRow } from './entities.js';
import { TokenCipher } from './token-cipher.js';

const NO_MAP = { disableIdentityMap: true } as const;

/** Connections in `calendar_google_connections`, the refresh token sealed (`TokenCipher`) on the way in and opened on the way out. */
@Injectable()
export class MikroOrmGoogleConnections extends GoogleConnections {
  constructor(
    private readonly em: EntityManager,
    private readonly cipher: TokenCipher,
  ) {
    super();
  }

  async ofPerson(personId: UserId): Promise<GoogleConnection | null> {
    const row = await this.em.findOne(GoogleConnectionSchema, { personId }, NO_MAP);
    return row ? this.toConnection(row) : null;
  }

  async save(c: GoogleConnection): Promise<void> {
    await this.em.upsert(
      GoogleConnectionSchema,
      {
        schoolId: currentSchool(this.em),
        personId: c.personId,
        account: c.account,
        refreshTokenSealed: this.cipher.seal(c.refreshToken, c.personId),
        busyCalendarIds: [...c.busyCalendarIds],
        writeCalendarId: c.writeCalendarId,
        status: c.status,
        connectedAt: c.connectedAt,
        lastSyncAt: c.lastSyncAt,
        lastError: c.lastError,
      },
      NO_MAP,
    );
  }

  async remove(personId: UserId): Promise<void> {
    await this.em.nativeDelete(GoogleConnectionSchema, { personId });
  }

  async activeAcrossSchools(): Promise<{ schoolId: SchoolId; personId: UserId }[]> {
    const rows = await this.em.find(GoogleConnectionSchema, { status: 'active' }, { ...NO_MAP, ...ACROSS_SCHOOLS, fields: ['schoolId', 'personId'], orderBy: { personId: 'asc' } });
    return rows.map((r) => ({ schoolId: asId<SchoolId>(r.schoolId), personId: asId<UserId>(r.personId) }));
  }

  private toConnection(row: GoogleConnectionRow): GoogleConnection {
    return {
      personId: asId<UserId>(row.personId),
      account: row.account,
      refreshToken: this.cipher.open(row.refreshTokenSealed, row.personId),
      busyCalendarIds: [...row.busyCalendarIds],
      writeCalendarId: row.writeCalendarId,
      status: row.status,
      connectedAt: new Date(row.connectedAt),
      lastSyncAt: row.lastSyncAt ? new Date(row.lastSyncAt) : null,
      lastError: row.lastError,
    };
  }
}

/** Consents under way in `calendar_connect_states`; a take deletes the row, so of two takes one gets it. */
@Injectable()
export class MikroOrmConnectStates extends ConnectStates {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async save(state: ConnectState): Promise<void> {
    const now = new Date();
    // The person's consents that ran out are of no more use.
    await this.em.nativeDelete(ConnectStateSchema, { personId: state.personId, expiresAt: { $lt: now } });
    await this.em.insert(ConnectStateSchema, { stateHash: state.stateHash, schoolId: currentSchool(this.em), personId: state.personId, expiresAt: state.expiresAt });
  }

  async take(stateHash: string, personId: UserId): Promise<ConnectState | null> {
    const row = await this.em.findOne(ConnectStateSchema, { stateHash, personId }, NO_MAP);
    if (!row) return null;
    const taken = await this.em.nativeDelete(ConnectStateSchema, { stateHash, personId });
    return taken === 1 ? { stateHash, personId, expiresAt: new Date(row.expiresAt) } : null;
  }
}
