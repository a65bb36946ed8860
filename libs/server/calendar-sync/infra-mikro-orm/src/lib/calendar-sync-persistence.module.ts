import { Module } from '@nestjs/common';
import { BusyBlocks, BusySyncStates, CalendarFeeds, ConnectStates, FeedLessons, GoogleConnections, SchoolContext } from '@cadenza/server/calendar-sync/domain';
import { calendarSyncEntities } from './entities.js';
import { Migration20261210000600_calendar_feeds } from './migrations/Migration20261210000600_calendar_feeds.js';
import { Migration20261210000601_busy_blocks } from './migrations/Migration20261210000601_busy_blocks.js';
import { Migration20261211000800_google_connections } from './migrations/Migration20261211000800_google_connections.js';
import { MikroOrmConnectStates, MikroOrmGoogleConnections } from './mikro-orm-google-connections.js';
import { TokenCipher } from './token-cipher.js';
import { MikroOrmBusyBlocks, MikroOrmBusySyncStates } from './mikro-orm-busy-blocks.js';
import { MikroOrmCalendarFeeds } from './mikro-orm-calendar-feeds.js';
import { MikroOrmFeedLessons } from './mikro-orm-feed-lessons.js';
import { OrmSchoolContext } from './orm-school-context.js';

export const calendarSyncPersistence = { entities: calendarSyncEntities, migrations: [Migration20261210000600_calendar_feeds, Migration20261210000601_busy_blocks, Migration20261211000800_google_connections] };

const providers = [
  { provide: FeedLessons, useClass: MikroOrmFeedLessons },
  { provide: CalendarFeeds, useClass: MikroOrmCalendarFeeds },
  { provide: SchoolContext, useClass: OrmSchoolContext },
  { provide: BusyBlocks, useClass: MikroOrmBusyBlocks },
  { provide: BusySyncStates, useClass: MikroOrmBusySyncStates },
  { provide: GoogleConnections, useClass: MikroOrmGoogleConnections },
  { provide: ConnectStates, useClass: MikroOrmConnectStates },
];

/** Calendar sync's own ports on PostgreSQL through MikroORM (its directory of other contexts and its secrets are in bridges). */
@Module({ providers: [TokenCipher, ...providers], exports: providers.map((p) => p.provide) })
export class CalendarSyncMikroOrmModule {}
