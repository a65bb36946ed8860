import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { currentSchool } from '@cadenza/server/platform/db';
import { BusyBlocks, BusySyncStates, type BusyBlock } from '@cadenza/server/calendar-sync/domain';
import { asId, type UserId } from '@cadenza/shared/kernel';
import { BusyBlockSchema, BusySyncSchema, type BusyBlockRow } from './entities.js';

const NO_MAP = { disableIdentityMap: true } as const;
const BY_START = { orderBy: { startAt: 'asc', eventId: 'asc' } } as const;

const toBlock = (row: BusyBlockRow): BusyBlock => ({ personId: asId<UserId>(row.personId), calendarId: row.calendarId, eventId: row.eventId, start: new Date(row.startAt), end: new Date(row.endAt) });

/** Busy blocks in `calendar_busy_blocks`, one row a (person, calendar, event). */
@Injectable()
export class MikroOrmBusyBlocks extends BusyBlocks {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async ofCalendar(personId: UserId, calendarId: string): Promise<BusyBlock[]> {
    return (await this.em.find(BusyBlockSchema, { personId, calendarId }, { ...NO_MAP, ...BY_START })).map(toBlock);
  }

  async merge(personId: UserId, calendarId: string, blocks: readonly BusyBlock[], removedEventIds: readonly string[]): Promise<void> {
    if (removedEventIds.length > 0) await this.em.nativeDelete(BusyBlockSchema, { personId, calendarId, eventId: { $in: [...removedEventIds] } });
    await this.upsert(blocks);
  }

  async replaceCalendar(personId: UserId, calendarId: string, blocks: readonly BusyBlock[]): Promise<void> {
    const kept = blocks.map((b) => b.eventId);
    await this.em.nativeDelete(BusyBlockSchema, { personId, calendarId, ...(kept.length > 0 ? { eventId: { $nin: kept } } : {}) });
    await this.upsert(blocks);
  }

  async overlapping(people: readonly UserId[], from: Date, to: Date): Promise<BusyBlock[]> {
    if (people.length === 0) return [];
    return (await this.em.find(BusyBlockSchema, { personId: { $in: [...people] }, startAt: { $lt: to }, endAt: { $gt: from } }, { ...NO_MAP, ...BY_START })).map(toBlock);
  }

  private async upsert(blocks: readonly BusyBlock[]): Promise<void> {
    if (blocks.length === 0) return;
    const schoolId = currentSchool(this.em);
    await this.em.upsertMany(
      BusyBlockSchema,
      blocks.map((b) => ({ schoolId, personId: b.personId, calendarId: b.calendarId, eventId: b.eventId, startAt: b.start, endAt: b.end })),
      NO_MAP,
    );
  }
}

/** Each outside calendar's sync token in `calendar_busy_syncs`. */
@Injectable()
export class MikroOrmBusySyncStates extends BusySyncStates {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async get(personId: UserId, calendarId: string): Promise<{ syncToken: string | null; syncedAt: Date } | null> {
    const row = await this.em.findOne(BusySyncSchema, { personId, calendarId }, NO_MAP);
    return row ? { syncToken: row.syncToken, syncedAt: new Date(row.syncedAt) } : null;
  }

  async save(personId: UserId, calendarId: string, state: { syncToken: string; syncedAt: Date }): Promise<void> {
    await this.em.upsert(BusySyncSchema, { schoolId: currentSchool(this.em), personId, calendarId, syncToken: state.syncToken, syncedAt: state.syncedAt }, NO_MAP);
  }

  async forget(personId: UserId, calendarId: string): Promise<void> {
    await this.em.nativeDelete(BusySyncSchema, { personId, calendarId });
  }
}
