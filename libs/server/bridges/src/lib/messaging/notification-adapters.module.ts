import { Module } from '@nestjs/common';
import { IdentityMikroOrmModule } from '@cadenza/server/identity/infra-mikro-orm';
import { EmailSender, NotificationDirectory, NotificationLinks } from '@cadenza/server/messaging/domain';
import { SmtpEmailSender } from '@cadenza/server/messaging/infra-mail';
import { MessagingMikroOrmModule } from '@cadenza/server/messaging/infra-mikro-orm';
import { HttpConfig } from '@cadenza/server/platform/config';
import { SchedulingMikroOrmModule } from '@cadenza/server/scheduling/infra-mikro-orm';
import { AppNotificationDirectory } from './app-notification-directory.js';

/**
 * The ports of notifications, for the api and the worker alike: PostgreSQL for the feed,
 * preferences and delivery log (messaging's adapter), the directory over identity and
 * scheduling, and SMTP with the held end of DATA. The queue is the app's `DeliveryQueueModule` (global):
 * Bull with Redis, or nothing, and the sweep.
 */
@Module({
  imports: [IdentityMikroOrmModule, SchedulingMikroOrmModule, MessagingMikroOrmModule],
  providers: [
    { provide: NotificationDirectory, useClass: AppNotificationDirectory },
    { provide: EmailSender, useClass: SmtpEmailSender },
    { provide: NotificationLinks, useFactory: (http: HttpConfig) => new NotificationLinks(http.publicUrl), inject: [HttpConfig] },
  ],
  exports: [MessagingMikroOrmModule, IdentityMikroOrmModule, NotificationDirectory, EmailSender, NotificationLinks],
})
export class NotificationAdaptersModule {}
