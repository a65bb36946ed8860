import { Module } from '@nestjs/common';
import { IdentityMikroOrmModule } from '@cadenza/server/identity/infra-mikro-orm';
import { DeliveryQueue, EmailSender, NotificationDirectory, NotificationLinks } from '@cadenza/server/messaging/domain';
import { BullDeliveries, BullDeliveryQueue } from '@cadenza/server/messaging/infra-bull';
import { SmtpEmailSender } from '@cadenza/server/messaging/infra-mail';
import { MessagingMikroOrmModule } from '@cadenza/server/messaging/infra-mikro-orm';
import { HttpConfig } from '@cadenza/server/platform/config';
import { SchedulingMikroOrmModule } from '@cadenza/server/scheduling/infra-mikro-orm';
import { AppNotificationDirectory } from './app-notification-directory.js';

/**
 * The ports of notifications, for the api and the worker alike: PostgreSQL for the feed,
 * preferences and delivery log (messaging's adapter), the directory over identity and
 * scheduling, SMTP with the held end of DATA, and Bull (or nothing, and the sweep) as the queue.
 */
@Module({
  imports: [IdentityMikroOrmModule, SchedulingMikroOrmModule, MessagingMikroOrmModule],
  providers: [
    { provide: NotificationDirectory, useClass: AppNotificationDirectory },
    { provide: EmailSender, useClass: SmtpEmailSender },
    BullDeliveries,
    { provide: DeliveryQueue, useClass: BullDeliveryQueue },
    { provide: NotificationLinks, useFactory: (http: HttpConfig) => new NotificationLinks(http.publicUrl), inject: [HttpConfig] },
  ],
  exports: [MessagingMikroOrmModule, IdentityMikroOrmModule, NotificationDirectory, EmailSender, BullDeliveries, DeliveryQueue, NotificationLinks],
})
export class NotificationAdaptersModule {}
