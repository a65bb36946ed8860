import { Module } from '@nestjs/common';
import {
  AttachmentRepository,
  DeliveryLog,
  FlagRepository,
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
import { PgDeliveryLog, PgNotificationFeed, PgNotificationPreferences, PgNotificationSettings } from './notifications.js';
import {
  MikroOrmAttachmentRepository,
  MikroOrmFlagRepository,
  MikroOrmMessageRepository,
  MikroOrmMessagingPolicies,
  MikroOrmReadReceiptRepository,
  MikroOrmThreadRepository,
  MikroOrmThreadRetention,
  OutboxMessagingEvents,
} from './repositories.js';

export const messagingPersistence = { entities: messagingEntities, migrations: [Migration20261123000500_messaging, Migration20261123001010_notifications, Migration20261123001100_messaging_attachments_policy_retention] };

const providers = [
  { provide: ThreadRepository, useClass: MikroOrmThreadRepository },
  { provide: MessageRepository, useClass: MikroOrmMessageRepository },
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
