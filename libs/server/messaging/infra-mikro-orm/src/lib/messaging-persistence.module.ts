import { Module } from '@nestjs/common';
import { FlagRepository, MessageRepository, MessagingEvents, ReadReceiptRepository, ThreadRepository } from '@cadenza/server/messaging/domain';
import { messagingEntities } from './entities.js';
import { Migration20261123000500_messaging } from './migrations/Migration20261123000500_messaging.js';
import {
  MikroOrmFlagRepository,
  MikroOrmMessageRepository,
  MikroOrmMessagingPolicies,
  MikroOrmReadReceiptRepository,
  MikroOrmThreadRepository,
  OutboxMessagingEvents,
} from './repositories.js';

export const messagingPersistence = { entities: messagingEntities, migrations: [Migration20261123000500_messaging] };

const providers = [
  { provide: ThreadRepository, useClass: MikroOrmThreadRepository },
  { provide: MessageRepository, useClass: MikroOrmMessageRepository },
  { provide: ReadReceiptRepository, useClass: MikroOrmReadReceiptRepository },
  { provide: FlagRepository, useClass: MikroOrmFlagRepository },
  { provide: MessagingEvents, useClass: OutboxMessagingEvents },
  { provide: MikroOrmMessagingPolicies, useClass: MikroOrmMessagingPolicies },
];

/** The messaging context's ports on PostgreSQL through MikroORM, events to the outbox. */
@Module({ providers, exports: providers.map((p) => p.provide) })
export class MessagingMikroOrmModule {}
