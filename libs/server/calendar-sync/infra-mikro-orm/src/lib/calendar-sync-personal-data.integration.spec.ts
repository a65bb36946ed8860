import { MikroOrmUnitOfWork, enterSchool } from '@cadenza/server/platform/db';
import { contextSpecParts, freshSchool, useSpecDatabase } from '@cadenza/server/spec-database';
import { withClient } from '@cadenza/server/testing';
import type { DataSubject } from '@cadenza/shared/kernel';
import { calendarSyncPersistence } from './calendar-sync-persistence.module.js';
import { MikroOrmBusyBlocks, MikroOrmBusySyncStates } from './mikro-orm-busy-blocks.js';
import { MikroOrmCalendarFeeds } from './mikro-orm-calendar-feeds.js';
import { MikroOrmCalendarSyncPersonalData } from './mikro-orm-calendar-sync-personal-data.js';

describe('calendar sync’s personal data on PostgreSQL', () => {
  const db = useSpecDatabase(contextSpecParts(calendarSyncPersistence));

  it('exports the feed (never its digest) and the busy times, and an erasure deletes them for the person alone, twice without harm', async () => {
    const { em, schoolId, userIds } = await freshSchool(db.orm, 2);
    const [ana, ben] = userIds;
    const subject = (personId: typeof ana): DataSubject => ({ schoolId, personId, identifiers: ['Someone'], pseudonym: 'Former teacher 1', pseudonymEmail: `erased-${personId}@erased.invalid` });
    const feeds = new MikroOrmCalendarFeeds(em);
    const blocks = new MikroOrmBusyBlocks(em);
    const states = new MikroOrmBusySyncStates(em);
    for (const person of [ana, ben]) {
      await feeds.replace({ personId: person, tokenHash: `digest-of-a-secret-token-${person}`, createdAt: new Date('2027-01-01T10:00:00Z') });
      await blocks.merge(person, 'primary', [{ personId: person, calendarId: 'primary', eventId: 'dentist1', start: new Date('2027-01-04T09:00:00Z'), end: new Date('2027-01-04T10:00:00Z') }], []);
      await states.save(person, 'primary', { syncToken: 'token', syncedAt: new Date('2027-01-01T10:00:00Z') });
    }
    const scoped = db.orm.em.fork({ useContext: true });
    enterSchool(scoped, schoolId);
    const holder = new MikroOrmCalendarSyncPersonalData(scoped);

    const section = await holder.export(subject(ana));
    expect(section.context).toBe('calendar-sync');
    expect(section.summary).toEqual(['A calendar feed made 2027-01-01', '1 busy times from 1 outside calendars']);
    expect(JSON.stringify(section.files)).toContain(ana);
    expect(JSON.stringify(section.files)).not.toContain('digest-of-a-secret-token');
    expect(JSON.stringify(section.files)).not.toContain(ben);

    const uow = new MikroOrmUnitOfWork(scoped);
    await uow.run(() => holder.erase(subject(ana)));
    await uow.run(() => holder.erase(subject(ana)));
    const counts = await withClient(db.url, async (client) =>
      (await client.query<{ person_id: string; n: string }>(
        `select person_id, count(*) as n from (select person_id from calendar_feeds union all select person_id from calendar_busy_blocks union all select person_id from calendar_busy_syncs) t where person_id = any($1) group by person_id`,
        [[ana, ben]],
      )).rows,
    );
    expect(counts).toEqual([{ person_id: ben, n: '3' }]);
    expect((await holder.export(subject(ana))).summary).toEqual(['No calendar feed', '0 busy times from 0 outside calendars']);
  });
});
