import { Module } from '@nestjs/common';
import {
  AttachmentRepository,
  DeliveryLog,
  FlagRepository,
  MessagePosts,
  MessageRepository,
  MessagingEvents,
  MessagingPolicies,
  NotificationFeed,
  NotificationPreferenceStore,
  ReadReceiptRepository,
  SchoolNotificationSettings,
  ThreadRepository,
  ThreadRetention,
} from '@cadenza/server/messaging/domain';
import { messagingEntities } from './entities.js';
import { Migration20261123000500_messaging } from './migrations/Migration20261123000500_messaging.js';
import { Migration20261123001100_messaging_attachments_policy_retention } from './migrations/Migration20261123001100_messaging_attachments_policy_retention.js';
import { Migration20261123001010_notifications } from './migrations/Migration20261123001010_notifications.js';
import { Migration20261208000100_notification_digests } from './migrations/Migration20261208000100_notification_digests.js';
import { Migration20261208000420_personal_data_erasure } from './migrations/Migration20261208000420_personal_data_erasure.js';
import { Migration20261209000310_attendance_notification_types } from './migrations/Migration20261209000310_attendance_notification_types.js';
import { Migration20261211000100_flag_reviews } from './migrations/Migration20261211000100_flag_reviews.js';
import { PgDeliveryLog } from './pg-delivery-log.js';
import { PgNotificationFeed } from './pg-notification-feed.js';
import { PgNotificationPreferences } from './pg-notification-preferences.js';
import { PgNotificationSettings } from './pg-notification-settings.js';
import { MikroOrmAttachmentRepository } from './mikro-orm-attachment-repository.js';
import { MikroOrmFlagRepository } from './mikro-orm-flag-repository.js';
import { MikroOrmMessagePosts } from './mikro-orm-message-posts.js';
import { MikroOrmMessageRepository } from './mikro-orm-message-repository.js';
import { MikroOrmMessagingPolicies } from './mikro-orm-messaging-policies.js';
import { MikroOrmReadReceiptRepository } from './mikro-orm-read-receipt-repository.js';
import { MikroOrmThreadRepository } from './mikro-orm-thread-repository.js';
import { MikroOrmThreadRetention } from './mikro-orm-thread-retention.js';
import { OutboxMessagingEvents } from './outbox-messaging-events.js';

export const messagingPersistence = { entities: messagingEntities, migrations: [Migration20261123000500_messaging, Migration20261123001010_notifications, Migration20261123001100_messaging_attachments_policy_retention, Migration20261208000100_notification_digests, Migration20261208000420_personal_data_erasure, Migration20261209000310_attendance_notification_types, Migration20261211000100_flag_reviews] };

const providers = [
  { provide: ThreadRepository, useClass: MikroOrmThreadRepository },
  { provide: MessageRepository, useClass: MikroOrmMessageRepository },
  { provide: MessagePosts, useClass: MikroOrmMessagePosts },
  { provide: ReadReceiptRepository, useClass: MikroOrmReadReceiptRepository },
  { provide: FlagRepository, useClass: MikroOrmFlagRepository },
  { provide: MessagingEvents, useClass: OutboxMessagingEvents },
  { provide: MikroOrmMessagingPolicies, useClass: MikroOrmMessagingPolicies },
  { provide: MessagingPolicies, useExisting: MikroOrmMessagingPolicies },
  { provide: AttachmentRepository, useClass: MikroOrmAttachmentRepository },
  { provide: ThreadRetention, useClass: MikroOrmThreadRetention },
  { provide: NotificationFeed, useClass: PgNotificationFeed },
  { provide: NotificationPreferenceStore, useClass: PgNotificationPreferences },
  { provide: DeliveryLog, useClass: PgDeliveryLog },
  { provide: PgNotificationSettings, useClass: PgNotificationSettings },
  { provide: SchoolNotificationSettings, useExisting: PgNotificationSettings },
];

/** The messaging context's ports (notifications included) on PostgreSQL through MikroORM, events to the outbox. */
@Module({ providers, exports: providers.map((p) => p.provide) })
export class MessagingMikroOrmModule {}
