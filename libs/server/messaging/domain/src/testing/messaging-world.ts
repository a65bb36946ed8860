import { newId, type SchoolId, type UserId, type Actor } from '@cadenza/shared/kernel';
import { messagingUseCases } from '../messaging-use-cases.js';
import {
  InMemoryAttachments,
  InMemoryAttachmentStore,
  InMemoryFlags,
  InMemoryMessagePosts,
  InMemoryMessages,
  InMemoryMessagingDirectory,
  InMemoryMessagingPolicies,
  InMemoryThreadRetention,
  InMemoryReadReceipts,
  InMemoryThreads,
  RecordingMessagingEvents,
} from './in-memory.js';
import { FixedClock, InMemoryRateLimiter, RecordingAuditTrail, SnapshotUnitOfWork } from '@cadenza/shared/kernel/testing';

/** Every messaging use case wired to in-memory ports, with a cast of people: for specs. */
export function messagingWorld(options: { now?: string; policy?: 'require_guardian' | 'visible_to_lead' } = {}) {
  const schoolId = newId<SchoolId>();
  const clock = new FixedClock(options.now ?? '2026-03-02T09:00:00Z');
  const threads = new InMemoryThreads();
  const messages = new InMemoryMessages();
  const receipts = new InMemoryReadReceipts();
  const flags = new InMemoryFlags();
  const policies = new InMemoryMessagingPolicies();
  const directory = new InMemoryMessagingDirectory(policies);
  if (options.policy) directory.policy = { minorThreads: options.policy };
  const events = new RecordingMessagingEvents();
  const audit = new RecordingAuditTrail();
  const attachments = new InMemoryAttachments();
  const files = new InMemoryAttachmentStore();
  const retention = new InMemoryThreadRetention({ threads, messages, receipts, flags, attachments });
  const posts = new InMemoryMessagePosts({ threads, messages, receipts, events });
  const limiter = new InMemoryRateLimiter();
  const uow = new SnapshotUnitOfWork([threads, messages, receipts, flags, attachments, policies, audit, events]);

  const person = (roles: string[], name: string, extra: { minor?: boolean | null; safeguardingLead?: boolean } = {}): Actor => {
    const userId = newId<UserId>();
    directory.addPerson({ id: userId, name, roles, minor: extra.minor === undefined ? false : extra.minor, safeguardingLead: extra.safeguardingLead ?? false });
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
    /** Adds someone to the school's directory (a date of birth not recorded: `minor: null`). */
    person,
    clock,
    people,
    stores: { limiter, threads, messages, receipts, flags, attachments, files, policies, directory, events, audit, uow },
    useCases: messagingUseCases({ threads, messages, posts, receipts, flags, attachments, files, policies, retention, directory, events, audit, uow, clock, limiter }),
  };
}

export type MessagingWorld = ReturnType<typeof messagingWorld>;
