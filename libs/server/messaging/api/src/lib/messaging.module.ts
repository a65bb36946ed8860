import { Module, type DynamicModule, type Type } from '@nestjs/common';
import {
  AttachmentRepository,
  AttachmentStore,
  FlagRepository,
  MESSAGING_USE_CASES,
  MessagePosts,
  MessageRepository,
  MessagingDirectory,
  MessagingEvents,
  MessagingPolicies,
  ReadReceiptRepository,
  ThreadRepository,
  ThreadRetention,
  messagingUseCases,
  type MessagingPorts,
} from '@cadenza/server/messaging/domain';
import { useCaseProviders, type TokenRecord } from '@cadenza/server/platform/http';
import { AuditTrail, Clock, RateLimiter, UnitOfWork } from '@cadenza/shared/kernel';
import { MessagingPolicyController } from './policy.controller.js';
import { SafeguardingTriggers } from './safeguarding-triggers.js';
import { MessagingSweeps } from './sweeps.js';
import { PersonMessagesController } from './person-messages.controller.js';
import { ThreadsController } from './threads.controller.js';

/** The token each port of messaging is injected by: checked against `MessagingPorts`, so a swapped entry does not compile. */
export const MESSAGING_PORT_TOKENS: TokenRecord<MessagingPorts> = {
  threads: ThreadRepository,
  messages: MessageRepository,
  posts: MessagePosts,
  receipts: ReadReceiptRepository,
  flags: FlagRepository,
  attachments: AttachmentRepository,
  files: AttachmentStore,
  policies: MessagingPolicies,
  retention: ThreadRetention,
  directory: MessagingDirectory,
  events: MessagingEvents,
  audit: AuditTrail,
  uow: UnitOfWork,
  clock: Clock,
  limiter: RateLimiter,
};

const useCases = useCaseProviders({ name: 'messaging use cases', ports: MESSAGING_PORT_TOKENS, create: messagingUseCases, types: MESSAGING_USE_CASES });

/**
 * The messaging context: threads, messages (every edit kept) with attachments, read receipts, search,
 * flags, the safeguarding lead's oversight and transcripts (JSON and PDF), the school's messaging
 * policy and the daily retention sweep. The app passes the modules providing its ports, including the
 * MessagingDirectory it builds over identity; the use cases are built by the domain's
 * `messagingUseCases`, as the specs build them. With `background` (the api serving, not a one-off step), it also
 * applies the safeguarding rule again when identity says a date of birth changed (`SafeguardingTriggers`).
 */
@Module({})
export class MessagingModule {
  static register(options: { adapters: Type[]; background?: boolean }): DynamicModule {
    return {
      module: MessagingModule,
      imports: options.adapters,
      controllers: [ThreadsController, PersonMessagesController, MessagingPolicyController],
      providers: [...useCases.providers, MessagingSweeps, ...(options.background ? [SafeguardingTriggers] : [])],
      exports: [...useCases.exports, MessagingSweeps],
    };
  }
}
