import { Module } from '@nestjs/common';
import { CalendarDirectory, FeedSecrets } from '@cadenza/server/calendar-sync/domain';
import { IdentityMikroOrmModule } from '@cadenza/server/identity/infra-mikro-orm';
import { IdentitySecurityModule } from '@cadenza/server/identity/infra-security';
import { SchedulingMikroOrmModule } from '@cadenza/server/scheduling/infra-mikro-orm';
import { AppCalendarDirectory, IdentityFeedSecrets } from './app-calendar-directory.js';

/** Calendar sync's directory of the school's people and rooms, and its feed tokens, over identity's and scheduling's adapters. */
@Module({
  imports: [IdentityMikroOrmModule, IdentitySecurityModule, SchedulingMikroOrmModule],
  providers: [
    { provide: CalendarDirectory, useClass: AppCalendarDirectory },
    { provide: FeedSecrets, useClass: IdentityFeedSecrets },
  ],
  exports: [CalendarDirectory, FeedSecrets],
})
export class CalendarDirectoryModule {}
