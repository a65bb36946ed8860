import type { AuditTrail, Clock, RateLimiter, UnitOfWork } from '@cadenza/shared/kernel';
import type {
  AttachmentRepository,
  AttachmentStore,
  FlagRepository,
  MessagePosts,
  MessageRepository,
  MessagingDirectory,
  MessagingEvents,
  MessagingPolicies,
  ReadReceiptRepository,
  ThreadRepository,
  ThreadRetention,
} from './ports/index.js';
import { AddParticipant } from './use-cases/add-participant.js';
import { ApplyRetention } from './use-cases/apply-retention.js';
import { DownloadAttachment, UploadAttachment } from './use-cases/attachments.js';
import { EditMessage } from './use-cases/edit-message.js';
import { ExportTranscript } from './use-cases/export-transcript.js';
import { FlagMessage } from './use-cases/flag-message.js';
import { ListContacts } from './use-cases/list-contacts.js';
import { ListFlags } from './use-cases/list-flags.js';
import { ListMyThreads } from './use-cases/list-my-threads.js';
import { PersonConversations } from './use-cases/person-conversations.js';
import { ReviewFlag } from './use-cases/review-flag.js';
import { MarkThreadRead } from './use-cases/mark-thread-read.js';
import { GetMessagingPolicy, UpdateMessagingPolicy } from './use-cases/messaging-policy.js';
import { PostMessage } from './use-cases/post-message.js';
import { ReapplySafeguarding } from './use-cases/reapply-safeguarding.js';
import { ReadThread } from './use-cases/read-thread.js';
import { RemoveParticipant } from './use-cases/remove-participant.js';
import { SearchMyMessages } from './use-cases/search-my-messages.js';
import { StartThread } from './use-cases/start-thread.js';

/** Every port messaging's use cases (threads, messages, attachments, policy, retention) are built from. */
export interface MessagingPorts {
  threads: ThreadRepository;
  messages: MessageRepository;
  posts: MessagePosts;
  receipts: ReadReceiptRepository;
  flags: FlagRepository;
  attachments: AttachmentRepository;
  files: AttachmentStore;
  policies: MessagingPolicies;
  retention: ThreadRetention;
  directory: MessagingDirectory;
  events: MessagingEvents;
  audit: AuditTrail;
  uow: UnitOfWork;
  clock: Clock;
  limiter: RateLimiter;
}

/** Messaging's use cases by name, each with its class: what `messagingUseCases` returns, and the tokens an app provides them under. */
export const MESSAGING_USE_CASES = {
  startThread: StartThread,
  addParticipant: AddParticipant,
  removeParticipant: RemoveParticipant,
  postMessage: PostMessage,
  editMessage: EditMessage,
  markThreadRead: MarkThreadRead,
  listMyThreads: ListMyThreads,
  readThread: ReadThread,
  searchMyMessages: SearchMyMessages,
  flagMessage: FlagMessage,
  listFlags: ListFlags,
  reviewFlag: ReviewFlag,
  personConversations: PersonConversations,
  exportTranscript: ExportTranscript,
  uploadAttachment: UploadAttachment,
  downloadAttachment: DownloadAttachment,
  getMessagingPolicy: GetMessagingPolicy,
  updateMessagingPolicy: UpdateMessagingPolicy,
  applyRetention: ApplyRetention,
  listContacts: ListContacts,
  reapplySafeguarding: ReapplySafeguarding,
} as const;

export type MessagingUseCases = { [K in keyof typeof MESSAGING_USE_CASES]: InstanceType<(typeof MESSAGING_USE_CASES)[K]> };

/**
 * Builds every messaging use case from its ports: the one place they are wired, used by the Nest
 * module (with the adapters) and by the specs' world (with the in-memory fakes).
 */
export function messagingUseCases(p: MessagingPorts): MessagingUseCases {
  const { threads, messages, posts, receipts, flags, attachments, files, policies, retention, directory, events, audit, uow, clock, limiter } = p;
  const reapplySafeguarding = new ReapplySafeguarding(threads, retention, directory, events, audit, uow, clock);
  return {
    startThread: new StartThread(threads, directory, audit, uow, clock),
    addParticipant: new AddParticipant(threads, directory, audit, uow),
    removeParticipant: new RemoveParticipant(threads, directory, audit, uow),
    postMessage: new PostMessage(threads, messages, posts, audit, uow, clock, attachments, directory),
    editMessage: new EditMessage(threads, messages, events, audit, uow, clock, directory),
    markThreadRead: new MarkThreadRead(threads, receipts, events, uow, clock),
    listMyThreads: new ListMyThreads(threads, messages, receipts, directory),
    readThread: new ReadThread(threads, messages, receipts, directory, audit, uow, attachments),
    searchMyMessages: new SearchMyMessages(threads, messages),
    flagMessage: new FlagMessage(threads, messages, flags, events, audit, uow, clock, limiter),
    listFlags: new ListFlags(flags, directory),
    reviewFlag: new ReviewFlag(flags, directory, audit, uow, clock),
    personConversations: new PersonConversations(threads, flags, directory),
    exportTranscript: new ExportTranscript(threads, messages, flags, directory, audit, uow, clock, attachments),
    uploadAttachment: new UploadAttachment(threads, attachments, files, policies, audit, uow, clock),
    downloadAttachment: new DownloadAttachment(threads, attachments, files, directory, audit, uow),
    getMessagingPolicy: new GetMessagingPolicy(policies),
    updateMessagingPolicy: new UpdateMessagingPolicy(policies, audit, uow, reapplySafeguarding),
    applyRetention: new ApplyRetention(threads, retention, attachments, files, directory, policies, audit, uow, clock),
    listContacts: new ListContacts(threads, directory),
    reapplySafeguarding,
  };
}
