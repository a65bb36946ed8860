import { Module, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import {
  AddParticipant,
  EditMessage,
  ExportTranscript,
  FlagMessage,
  FlagRepository,
  ListFlags,
  ListMyThreads,
  MarkThreadRead,
  MessageRepository,
  MessagingDirectory,
  MessagingEvents,
  PostMessage,
  ReadReceiptRepository,
  ReadThread,
  RemoveParticipant,
  SearchMyMessages,
  StartThread,
  ThreadRepository,
} from '@cadenza/server/messaging/domain';
import { AuditTrail, Clock, UnitOfWork } from '@cadenza/shared/kernel';
import { ThreadsController } from './controllers.js';

/** A domain class built from what it lists, in its constructor's order. */
function build<T>(type: new (...args: never[]) => T, inject: unknown[]): Provider {
  return { provide: type, useFactory: (...deps: never[]) => new type(...deps), inject: inject as Type[] };
}

const [T, M, R, F, D, E] = [ThreadRepository, MessageRepository, ReadReceiptRepository, FlagRepository, MessagingDirectory, MessagingEvents];

const useCases: Provider[] = [
  build(StartThread, [T, D, AuditTrail, UnitOfWork, Clock]),
  build(AddParticipant, [T, D, AuditTrail, UnitOfWork]),
  build(RemoveParticipant, [T, D, AuditTrail, UnitOfWork]),
  build(PostMessage, [T, M, R, E, AuditTrail, UnitOfWork, Clock]),
  build(EditMessage, [T, M, E, AuditTrail, UnitOfWork, Clock]),
  build(MarkThreadRead, [T, R, E, UnitOfWork, Clock]),
  build(ListMyThreads, [T, M, R, D]),
  build(ReadThread, [T, M, R, D, AuditTrail, UnitOfWork]),
  build(SearchMyMessages, [T, M]),
  build(FlagMessage, [T, M, F, E, AuditTrail, UnitOfWork, Clock]),
  build(ListFlags, [F, D]),
  build(ExportTranscript, [T, M, F, D, AuditTrail, UnitOfWork, Clock]),
];

/**
 * The messaging context: threads, messages (every edit kept), read receipts, search, flags and the
 * safeguarding lead's oversight. The app passes the modules providing its ports, including the
 * MessagingDirectory it builds over identity.
 */
@Module({})
export class MessagingModule {
  static register(options: { adapters: Type[] }): DynamicModule {
    return {
      module: MessagingModule,
      imports: options.adapters,
      controllers: [ThreadsController],
      providers: useCases,
      exports: useCases.map((p) => (p as { provide: Type }).provide),
    };
  }
}
