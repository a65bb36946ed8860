import { Module } from '@nestjs/common';
import { IdentityMikroOrmModule } from '@cadenza/server/identity/infra-mikro-orm';
import { AccountVisibility, BillingAccounts, BillingDirectory } from '@cadenza/server/billing/domain';
import { BillingMikroOrmModule } from '@cadenza/server/billing/infra-mikro-orm';
import { MessagingMikroOrmModule } from '@cadenza/server/messaging/infra-mikro-orm';
import { RealtimeRouter } from '@cadenza/server/platform/realtime';
import { LessonAudience, SchoolDirectory } from '@cadenza/server/scheduling/domain';
import { computeDashboardCounters } from '../reporting/compute-dashboard-counters.provider.js';
import { DashboardReadModelModule } from '../reporting/dashboard-read-model.module.js';
import { SchoolDirectoryModule } from '../scheduling/school-directory.module.js';
import { BillingDirectoryModule } from '../billing/billing-directory.module.js';
import { AppRealtimeRouter } from './app-realtime-router.js';
import { BillingAudienceRouter } from './billing-audience-router.js';
import { CountersAudienceRouter } from './counters-audience-router.js';
import { CountersInBackground } from './counters-in-background.js';
import { LessonAudienceRouter } from './lesson-audience-router.js';
import { MessagingAudienceRouter } from './messaging-audience-router.js';
import { NotificationAudienceRouter } from './notification-audience-router.js';
import { RegisterAudienceRouter } from './register-audience-router.js';

/**
 * Who hears of what on the socket: lesson changes go to everyone who may read the lesson (scheduling's `LessonAudience`);
 * messages and reads to the thread's participants; flags to whoever receives them (messaging's `safeguardingRecipients`); a new
 * notification to its person; a register's change to its teacher, accompanist and the admins; a billing run's progress to
 * the admins and an invoice's payments to whoever may read it (billing's `AccountVisibility`); and everyone whose home-page counters an event changed gets
 * their new counters.
 */
@Module({
  imports: [IdentityMikroOrmModule, MessagingMikroOrmModule, DashboardReadModelModule, SchoolDirectoryModule, BillingMikroOrmModule, BillingDirectoryModule],
  providers: [
    { provide: LessonAudience, useFactory: (directory: SchoolDirectory) => new LessonAudience(directory), inject: [SchoolDirectory] },
    LessonAudienceRouter,
    MessagingAudienceRouter,
    NotificationAudienceRouter,
    RegisterAudienceRouter,
    { provide: AccountVisibility, useFactory: (accounts: BillingAccounts, directory: BillingDirectory) => new AccountVisibility(accounts, directory), inject: [BillingAccounts, BillingDirectory] },
    BillingAudienceRouter,
    CountersAudienceRouter,
    CountersInBackground,
    computeDashboardCounters,
    { provide: RealtimeRouter, useClass: AppRealtimeRouter },
  ],
  exports: [RealtimeRouter],
})
export class RealtimeRoutingModule {}
