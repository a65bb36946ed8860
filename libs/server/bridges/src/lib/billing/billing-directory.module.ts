import { Module } from '@nestjs/common';
import { BillingDirectory } from '@cadenza/server/billing/domain';
import { IdentityMikroOrmModule } from '@cadenza/server/identity/infra-mikro-orm';
import { SchedulingMikroOrmModule } from '@cadenza/server/scheduling/infra-mikro-orm';
import { AppBillingDirectory } from './app-billing-directory.js';

/** Billing's directory of the school (currency) and its lesson types, over identity's and scheduling's repositories. */
@Module({
  imports: [IdentityMikroOrmModule, SchedulingMikroOrmModule],
  providers: [{ provide: BillingDirectory, useClass: AppBillingDirectory }],
  exports: [BillingDirectory],
})
export class BillingDirectoryModule {}
