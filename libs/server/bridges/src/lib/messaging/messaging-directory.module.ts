import { Module } from '@nestjs/common';
import { IdentityMikroOrmModule } from '@cadenza/server/identity/infra-mikro-orm';
import { MessagingDirectory } from '@cadenza/server/messaging/domain';
import { MessagingMikroOrmModule } from '@cadenza/server/messaging/infra-mikro-orm';
import { SchedulingMikroOrmModule } from '@cadenza/server/scheduling/infra-mikro-orm';
import { IdentityMessagingDirectory } from './identity-messaging-directory.js';

/** Messaging's view of the school's people (minors, guardians, the lead, who teaches whom), answered by identity's and scheduling's repositories. */
@Module({
  imports: [IdentityMikroOrmModule, MessagingMikroOrmModule, SchedulingMikroOrmModule],
  providers: [{ provide: MessagingDirectory, useClass: IdentityMessagingDirectory }],
  exports: [MessagingDirectory],
})
export class MessagingDirectoryModule {}
