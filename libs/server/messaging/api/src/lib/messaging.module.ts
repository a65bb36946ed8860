import { Module, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import {
  AddParticipant,
  ApplyRetention,
  AttachmentRepository,
  AttachmentStore,
  DownloadAttachment,
  EditMessage,
  ExportTranscript,
  FlagMessage,
  FlagRepository,
  GetMessagingPolicy,
  ListContacts,
  ListFlags,
  ListMyThreads,
  MarkThreadRead,
  MessageRepository,
  MessagingDirectory,
  MessagingEvents,
  MessagingPolicies,
  PostMessage,
  ReadReceiptRepository,
  ReadThread,
  RemoveParticipant,
  SearchMyMessages,
  StartThread,
  ThreadRepository,
  ThreadRetention,
  UpdateMessagingPolicy,
  UploadAttachment,
} from '@cadenza/server/messaging/domain';
import { AuditTrail, Clock, UnitOfWork } from '@cadenza/shared/kernel';
import { ThreadsController } from './threads.controller.js';
import { MessagingPolicyController } from './policy.controller.js';
import { MessagingSweeps } from './sweeps.js';

/** A domain class built from what it lists, in its constructor's order. */
function build<T>(type: new (...args: never[]) => T, inject: unknown[]): Provider {
  return { provide: type, useFactory: (...deps: never[]) => new type(...deps), inject: inject as Type[] };
}

const [T, M, R, F, D, E] = [ThreadRepository, MessageRepository, ReadReceiptRepository, FlagRepository, MessagingDirectory, MessagingEvents];
const [A, S, P] = [AttachmentRepository, AttachmentStore, MessagingPolicies];

const useCases: Provider[] = [
  build(StartThread, [T, D, AuditTrail, UnitOfWork, Clock]),
  build(AddParticipant, [T, D, AuditTrail, UnitOfWork]),
  build(RemoveParticipant, [T, D, AuditTrail, UnitOfWork]),
  build(PostMessage, [T, M, R, E, AuditTrail, UnitOfWork, Clock, A]),
  build(EditMessage, [T, M, E, AuditTrail, UnitOfWork, Clock]),
  build(MarkThreadRead, [T, R, E, UnitOfWork, Clock]),
  build(ListMyThreads, [T, M, R, D]),
  build(ReadThread, [T, M, R, D, AuditTrail, UnitOfWork, A]),
  build(SearchMyMessages, [T, M]),
  build(FlagMessage, [T, M, F, E, AuditTrail, UnitOfWork, Clock]),
  build(ListFlags, [F, D]),
  build(ExportTranscript, [T, M, F, D, AuditTrail, UnitOfWork, Clock, A]),
  build(UploadAttachment, [T, A, S, P, AuditTrail, UnitOfWork, Clock]),
  build(DownloadAttachment, [T, A, S, D, AuditTrail, UnitOfWork]),
  build(GetMessagingPolicy, [P]),
  build(UpdateMessagingPolicy, [P, AuditTrail, UnitOfWork]),
  build(ApplyRetention, [T, ThreadRetention, A, S, D, P, AuditTrail, UnitOfWork, Clock]),
  build(ListContacts, [T, D]),
];

/**
 * The messaging context: threads, messages (every edit kept) with attachments, read receipts, search,
 * flags, the safeguarding lead's oversight and transcripts (JSON and PDF), the school's messaging
 * policy and the daily retention sweep. The app passes the modules providing its ports, including the
 * MessagingDirectory it builds over identity.
 */
@Module({})
export class MessagingModule {
  static register(options: { adapters: Type[] }): DynamicModule {
    return {
      module: MessagingModule,
      imports: options.adapters,
      controllers: [ThreadsController, MessagingPolicyController],
      providers: [...useCases, MessagingSweeps],
      exports: [...useCases.map((p) => (p as { provide: Type }).provide), MessagingSweeps],
    };
  }
}
