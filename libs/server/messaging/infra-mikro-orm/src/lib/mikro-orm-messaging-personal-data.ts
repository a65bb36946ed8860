import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { acrossSchoolsRows } from '@cadenza/server/platform/db';
import { PersonalData, redactIdentifiers, type DataSubject, type PersonalDataSection } from '@cadenza/shared/kernel';
import { AttachmentSchema, FlagSchema, MessageSchema, MessageVersionSchema, MessagingPolicySchema, ParticipantSchema, ReadReceiptSchema, ThreadSchema, type ThreadRow } from './entities.js';
import { BEGIN_PERSONAL_DATA_ERASURE } from './statements.js';

const NO_MAP = { disableIdentityMap: true } as const;
/** What a message of an erased person says from then on. */
export const ERASED_MESSAGE = 'Message removed when its author’s personal data was erased.';

/**
 * Messaging's part of data-protection requests. The export holds the threads the person takes part in with every
 * message and version (written or received), their attachments' descriptions, the person's flags and read receipts.
 *
 * Threads under safeguarding retention (under the lead's oversight, or holding a flag) are kept exactly as they are
 * until the retention sweep removes them (the school's period after their students leave): the export lists them.
 * In every other thread an erasure replaces the bodies of the person's messages, names their uploads by id, and
 * replaces their name and contacts wherever a subject, a message or a file name holds them. Message versions are
 * append-only; the erasure says so for its own transaction (`cadenza.personal_data_erasure`), which their trigger reads.
 */
@Injectable()
export class MikroOrmMessagingPersonalData extends PersonalData {
  readonly context = 'messaging';

  constructor(private readonly em: EntityManager) {
    super();
  }

  async export(subject: DataSubject): Promise<PersonalDataSection> {
    const person = subject.personId;
    const memberships = await this.em.find(ParticipantSchema, { userId: person }, NO_MAP);
    const authored = await this.em.find(MessageSchema, { authorId: person }, NO_MAP);
    const threadIds = [...new Set([...memberships.map((m) => m.threadId), ...authored.map((m) => m.threadId)])];
    const threads = threadIds.length ? await this.em.find(ThreadSchema, { id: { $in: threadIds } }, { ...NO_MAP, orderBy: { createdAt: 'asc' } }) : [];
    const retained = await this.retainedAmong(threads);
    const participants = threadIds.length ? await this.em.find(ParticipantSchema, { threadId: { $in: threadIds } }, { ...NO_MAP, orderBy: { position: 'asc' } }) : [];
    const messages = threadIds.length ? await this.em.find(MessageSchema, { threadId: { $in: threadIds } }, { ...NO_MAP, orderBy: { seq: 'asc' } }) : [];
    const versions = messages.length ? await this.em.find(MessageVersionSchema, { messageId: { $in: messages.map((m) => m.id) } }, { ...NO_MAP, orderBy: { version: 'asc' } }) : [];
    const attachments = threadIds.length ? await this.em.find(AttachmentSchema, { threadId: { $in: threadIds } }, NO_MAP) : [];
    const flags = await this.em.find(FlagSchema, { flaggedBy: person }, NO_MAP);
    const receipts = await this.em.find(ReadReceiptSchema, { userId: person }, NO_MAP);
    const policy = await this.em.findOne(MessagingPolicySchema, {}, NO_MAP);
    const retentionDays = policy?.retentionDays ?? 730;
    const exported = threads.map((t) => ({
      id: t.id,
      kind: t.kind,
      subject: t.subject,
      createdBy: t.createdBy,
      createdAt: t.createdAt,
      underSafeguardingRetention: retained.has(t.id),
      participants: participants.filter((p) => p.threadId === t.id).map((p) => p.userId),
      messages: messages
        .filter((m) => m.threadId === t.id)
        .map((m) => ({
          id: m.id,
          seq: m.seq,
          authorId: m.authorId,
          writtenByThem: m.authorId === person,
          sentAt: m.sentAt,
          versions: versions.filter((v) => v.messageId === m.id).map((v) => ({ version: v.version, body: v.body, at: v.at })),
          attachments: attachments.filter((a) => a.messageId === m.id).map((a) => ({ id: a.id, name: a.name, contentType: a.contentType, size: a.size, uploadedBy: a.uploadedBy })),
        })),
    }));
    return {
      context: this.context,
      title: 'Messages',
      files: [
        { name: 'threads.json', content: exported },
        { name: 'flags-raised.json', content: flags.map(({ schoolId: _s, reviewNote: _note, ...f }) => f) },
        { name: 'read-receipts.json', content: receipts.map(({ schoolId: _s, ...r }) => r) },
      ],
      summary: [
        `${threads.length} threads, ${messages.length} messages (${authored.length} written by them)`,
        `${flags.length} flags raised by them`,
      ],
      retained: threads
        .filter((t) => retained.has(t.id))
        .map((t) => `Thread ${t.id} is under safeguarding retention: it is kept as it is, the person's messages included, until the school's retention period (${retentionDays} days after its students leave) ends, and then removed.`),
    };
  }

  async erase(subject: DataSubject): Promise<void> {
    await acrossSchoolsRows(this.em, BEGIN_PERSONAL_DATA_ERASURE, []);
    const person = subject.personId;
    const memberships = await this.em.find(ParticipantSchema, { userId: person }, NO_MAP);
    const authored = await this.em.find(MessageSchema, { authorId: person }, NO_MAP);
    const mentioned = await this.versionsMentioning(subject.identifiers);
    const mentionedMessages = mentioned.length ? await this.em.find(MessageSchema, { id: { $in: [...new Set(mentioned.map((v) => v.messageId))] } }, NO_MAP) : [];
    const threadIds = [...new Set([...memberships, ...authored, ...mentionedMessages].map((m) => m.threadId))];
    const threads = threadIds.length ? await this.em.find(ThreadSchema, { id: { $in: threadIds } }, NO_MAP) : [];
    const retained = await this.retainedAmong(threads);
    const erasable = (threadId: string) => !retained.has(threadId);

    for (const thread of threads.filter((t) => erasable(t.id))) {
      const text = redactIdentifiers(thread.subject, subject);
      if (text.changed) await this.em.nativeUpdate(ThreadSchema, { id: thread.id }, { subject: text.value as string });
    }
    const own = authored.filter((m) => erasable(m.threadId)).map((m) => m.id);
    if (own.length) await this.em.nativeUpdate(MessageVersionSchema, { messageId: { $in: own }, body: { $ne: ERASED_MESSAGE } }, { body: ERASED_MESSAGE });
    const threadOf = new Map(mentionedMessages.map((m) => [m.id, m.threadId]));
    for (const version of mentioned) {
      const thread = threadOf.get(version.messageId);
      if (!thread || !erasable(thread) || own.includes(version.messageId)) continue;
      const body = redactIdentifiers(version.body, subject).value as string;
      await this.em.nativeUpdate(MessageVersionSchema, { messageId: version.messageId, version: version.version }, { body });
    }
    const files = threadIds.length ? await this.em.find(AttachmentSchema, { threadId: { $in: threadIds.filter(erasable) } }, NO_MAP) : [];
    for (const file of files) {
      const name = file.uploadedBy === person ? `attachment-${file.id.slice(0, 8)}${extensionOf(file.name)}` : (redactIdentifiers(file.name, subject).value as string);
      if (name !== file.name) await this.em.nativeUpdate(AttachmentSchema, { id: file.id }, { name });
    }
  }

  /** The threads kept whole until retention ends: under the lead's oversight, or holding a flag. */
  private async retainedAmong(threads: readonly ThreadRow[]): Promise<Set<string>> {
    if (threads.length === 0) return new Set();
    const flagged = await this.em.find(FlagSchema, { threadId: { $in: threads.map((t) => t.id) } }, { ...NO_MAP, fields: ['threadId'] });
    return new Set([...threads.filter((t) => t.leadOversight).map((t) => t.id), ...flagged.map((f) => f.threadId)]);
  }

  private async versionsMentioning(identifiers: readonly string[]) {
    const found = [];
    for (const identifier of identifiers) found.push(...(await this.em.find(MessageVersionSchema, { body: { $ilike: `%${likePattern(identifier)}%` } }, NO_MAP)));
    return found;
  }
}

function extensionOf(name: string): string {
  const match = /\.[A-Za-z0-9]{1,8}$/.exec(name);
  return match ? match[0] : '';
}

/** A text matched literally by `ilike`: its wildcards escaped. */
export function likePattern(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
