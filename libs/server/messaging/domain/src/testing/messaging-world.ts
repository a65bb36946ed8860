import { FixedClock, newId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import type { Actor } from '../model/actor.js';
import { AddParticipant } from '../use-cases/add-participant.js';
import { ApplyRetention } from '../use-cases/apply-retention.js';
import { DownloadAttachment, UploadAttachment } from '../use-cases/attachments.js';
import { GetMessagingPolicy, UpdateMessagingPolicy } from '../use-cases/messaging-policy.js';
import { EditMessage } from '../use-cases/edit-message.js';
import { ExportTranscript } from '../use-cases/export-transcript.js';
import { FlagMessage } from '../use-cases/flag-message.js';
import { ListContacts } from '../use-cases/list-contacts.js';
import { ListFlags } from '../use-cases/list-flags.js';
import { ListMyThreads } from '../use-cases/list-my-threads.js';
import { MarkThreadRead } from '../use-cases/mark-thread-read.js';
import { PostMessage } from '../use-cases/post-message.js';
import { ReadThread } from '../use-cases/read-thread.js';
import { RemoveParticipant } from '../use-cases/remove-participant.js';
import { SearchMyMessages } from '../use-cases/search-my-messages.js';
import { StartThread } from '../use-cases/start-thread.js';
import {
  InMemoryAttachments,
  InMemoryAttachmentStore,
  InMemoryFlags,
  InMemoryMessages,
  InMemoryMessagingDirectory,
  InMemoryMessagingPolicies,
  InMemoryThreadRetention,
  InMemoryReadReceipts,
  InMemoryThreads,
  RecordingAuditTrail,
  RecordingMessagingEvents,
  SnapshotUnitOfWork,
} from './in-memory.js';

/** Every messaging use case wired to in-memory ports, with a cast of people: for specs. */
export function messagingWorld(options: { now?: string; policy?: 'require_guardian' | 'visible_to_lead' } = {}) {
  const schoolId = newId<SchoolId>();
  const clock = new FixedClock(options.now ?? '2026-03-02T09:00:00Z');
  const threads = new InMemoryThreads();
  const messages = new InMemoryMessages();
  const receipts = new InMemoryReadReceipts();
  const flags = new InMemoryFlags();
  const directory = new InMemoryMessagingDirectory();
  directory.policy = { minorThreads: options.policy ?? 'require_guardian' };
  const events = new RecordingMessagingEvents();
  const audit = new RecordingAuditTrail();
  const attachments = new InMemoryAttachments();
  const files = new InMemoryAttachmentStore();
  const policies = new InMemoryMessagingPolicies();
  const retention = new InMemoryThreadRetention({ threads, messages, receipts, flags, attachments });
  const uow = new SnapshotUnitOfWork([threads, messages, receipts, flags, attachments, policies, audit, events]);

  const person = (roles: string[], name: string, extra: { minor?: boolean; safeguardingLead?: boolean } = {}): Actor => {
    const userId = newId<UserId>();
    directory.addPerson({ id: userId, name, roles, minor: extra.minor ?? false, safeguardingLead: extra.safeguardingLead ?? false });
    return { userId, schoolId, roles };
  };
  const people = {
    lead: person(['admin'], 'Lena Lead', { safeguardingLead: true }),
    admin: person(['admin'], 'Adam Admin'),
    teacher: person(['teacher'], 'Tess Teacher'),
    otherTeacher: person(['teacher'], 'Otto Teacher'),
    parent: person(['parent'], 'Pat Parent'),
    minor: person(['student'], 'Mia Minor', { minor: true }),
    otherParent: person(['parent'], 'Quinn Parent'),
    otherMinor: person(['student'], 'Ned Minor', { minor: true }),
    adultStudent: person(['student'], 'Ada Adult'),
  };
  directory.link(people.parent.userId, people.minor.userId);
  directory.link(people.otherParent.userId, people.otherMinor.userId);

  return {
    schoolId,
    clock,
    people,
    stores: { threads, messages, receipts, flags, attachments, files, policies, directory, events, audit, uow },
    useCases: {
      startThread: new StartThread(threads, directory, audit, uow, clock),
      addParticipant: new AddParticipant(threads, directory, audit, uow),
      removeParticipant: new RemoveParticipant(threads, directory, audit, uow),
      postMessage: new PostMessage(threads, messages, receipts, events, audit, uow, clock, attachments),
      editMessage: new EditMessage(threads, messages, events, audit, uow, clock),
      markThreadRead: new MarkThreadRead(threads, receipts, events, uow, clock),
      listMyThreads: new ListMyThreads(threads, messages, receipts, directory),
      readThread: new ReadThread(threads, messages, receipts, directory, audit, uow, attachments),
      searchMyMessages: new SearchMyMessages(threads, messages),
      flagMessage: new FlagMessage(threads, messages, flags, events, audit, uow, clock),
      listFlags: new ListFlags(flags, directory),
      exportTranscript: new ExportTranscript(threads, messages, flags, directory, audit, uow, clock, attachments),
      uploadAttachment: new UploadAttachment(threads, attachments, files, policies, audit, uow, clock),
      downloadAttachment: new DownloadAttachment(threads, attachments, files, directory, audit, uow),
      getMessagingPolicy: new GetMessagingPolicy(policies),
      updateMessagingPolicy: new UpdateMessagingPolicy(policies, audit, uow),
      applyRetention: new ApplyRetention(threads, retention, attachments, files, directory, policies, audit, uow, clock),
      listContacts: new ListContacts(threads, directory),
    },
  };
}

export type MessagingWorld = ReturnType<typeof messagingWorld>;
