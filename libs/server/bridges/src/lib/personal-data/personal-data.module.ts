import { Module } from '@nestjs/common';
import { MikroOrmAttendancePersonalData } from '@cadenza/server/attendance/infra-mikro-orm';
import { MikroOrmAuditPersonalData } from '@cadenza/server/audit/infra-mikro-orm';
import { MikroOrmCalendarSyncPersonalData } from '@cadenza/server/calendar-sync/infra-mikro-orm';
import { IdentityMikroOrmModule, MikroOrmIdentityPersonalData } from '@cadenza/server/identity/infra-mikro-orm';
import { MikroOrmMessagingPersonalData, MikroOrmNotificationsPersonalData } from '@cadenza/server/messaging/infra-mikro-orm';
import { MikroOrmSchedulingPersonalData } from '@cadenza/server/scheduling/infra-mikro-orm';
import { PersonalDataHolders, type PersonalData } from '@cadenza/shared/kernel';

/** The contexts' personal data in the order an erasure runs them. */
export class ListedPersonalDataHolders extends PersonalDataHolders {
  private readonly holders: readonly PersonalData[];
  constructor(...holders: PersonalData[]) {
    super();
    this.holders = holders;
  }
  all(): readonly PersonalData[] {
    return this.holders;
  }
}

/**
 * Every context's `PersonalData` for identity's data-protection use cases: scheduling, messaging, notifications, the
 * audit trail and, last, identity itself (it holds the names and contacts the others search for); attendance's and
 * calendar sync's before the audit trail's. Billing adds its here, before identity's.
 */
@Module({
  imports: [IdentityMikroOrmModule],
  providers: [
    MikroOrmSchedulingPersonalData,
    MikroOrmMessagingPersonalData,
    MikroOrmNotificationsPersonalData,
    MikroOrmAttendancePersonalData,
    MikroOrmCalendarSyncPersonalData,
    MikroOrmAuditPersonalData,
    MikroOrmIdentityPersonalData,
    {
      provide: PersonalDataHolders,
      useFactory: (...holders: PersonalData[]) => new ListedPersonalDataHolders(...holders),
      inject: [MikroOrmSchedulingPersonalData, MikroOrmMessagingPersonalData, MikroOrmNotificationsPersonalData, MikroOrmAttendancePersonalData, MikroOrmCalendarSyncPersonalData, MikroOrmAuditPersonalData, MikroOrmIdentityPersonalData],
    },
  ],
  exports: [PersonalDataHolders],
})
export class PersonalDataModule {}
