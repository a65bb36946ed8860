import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { PersonalData, type DataSubject, type PersonalDataSection } from '@cadenza/shared/kernel';
import { BusyBlockSchema, BusySyncSchema, CalendarFeedSchema, ConnectStateSchema, GoogleConnectionSchema } from './entities.js';

const NO_MAP = { disableIdentityMap: true } as const;

/**
 * Calendar sync's part of data-protection requests. The export says whether the person has a calendar feed and since
 * when (never its token's digest) and lists the busy times read from their outside calendars. An erasure deletes the
 * feed (its address stops working), the busy blocks and where each calendar was synced to: nothing of it is kept.
 * Running it again finds nothing more.
 */
@Injectable()
export class MikroOrmCalendarSyncPersonalData extends PersonalData {
  readonly context = 'calendar-sync';

  constructor(private readonly em: EntityManager) {
    super();
  }

  async export(subject: DataSubject): Promise<PersonalDataSection> {
    const feed = await this.em.findOne(CalendarFeedSchema, { personId: subject.personId }, NO_MAP);
    const blocks = await this.em.find(BusyBlockSchema, { personId: subject.personId }, { ...NO_MAP, orderBy: { startAt: 'asc', eventId: 'asc' } });
    const syncs = await this.em.find(BusySyncSchema, { personId: subject.personId }, { ...NO_MAP, orderBy: { calendarId: 'asc' } });
    const google = await this.em.findOne(GoogleConnectionSchema, { personId: subject.personId }, NO_MAP);
    return {
      context: this.context,
      title: 'Calendar feed and busy times',
      files: [
        { name: 'calendar-feed.json', content: { personId: subject.personId, exists: feed !== null, createdAt: feed?.createdAt ?? null } },
        { name: 'busy-times.json', content: blocks.map((b) => ({ personId: b.personId, calendarId: b.calendarId, eventId: b.eventId, start: b.startAt, end: b.endAt })) },
        { name: 'synced-calendars.json', content: syncs.map((s) => ({ calendarId: s.calendarId, syncedAt: s.syncedAt })) },
        {
          name: 'google-connection.json',
          content: google
            ? { account: google.account, busyCalendarIds: google.busyCalendarIds, writeCalendarId: google.writeCalendarId, status: google.status, connectedAt: google.connectedAt, lastSyncAt: google.lastSyncAt }
            : null,
        },
      ],
      summary: [feed ? `A calendar feed made ${new Date(feed.createdAt).toISOString().slice(0, 10)}` : 'No calendar feed', `${blocks.length} busy times from ${syncs.length} outside calendars`],
      retained: [],
    };
  }

  async erase(subject: DataSubject): Promise<void> {
    await this.em.nativeDelete(CalendarFeedSchema, { personId: subject.personId });
    await this.em.nativeDelete(BusyBlockSchema, { personId: subject.personId });
    await this.em.nativeDelete(BusySyncSchema, { personId: subject.personId });
    await this.em.nativeDelete(GoogleConnectionSchema, { personId: subject.personId });
    await this.em.nativeDelete(ConnectStateSchema, { personId: subject.personId });
  }
}
