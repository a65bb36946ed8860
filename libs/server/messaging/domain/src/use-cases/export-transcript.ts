import { AuditTrail, Clock, UnitOfWork, type UserId, type Actor } from '@cadenza/shared/kernel';
import type { ThreadId } from '../model/ids.js';
import { buildTranscript, type Transcript } from '../model/transcript.js';
import { AttachmentRepository, FlagRepository, MessageRepository, MessagingDirectory, ThreadRepository } from '../ports/index.js';
import { loadThread, requireLead } from './access.js';

/** The safeguarding lead exports a thread's full transcript (every version, every flag); the export is audited. */
export class ExportTranscript {
  constructor(
    private readonly threads: ThreadRepository,
    private readonly messages: MessageRepository,
    private readonly flags: FlagRepository,
    private readonly directory: MessagingDirectory,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly attachments: AttachmentRepository,
  ) {}

  async execute(actor: Actor, input: { threadId: ThreadId; format?: 'json' | 'pdf' }): Promise<Transcript> {
    await requireLead(actor, this.directory);
    const thread = await loadThread(this.threads, input.threadId);
    const messages = await this.messages.ofThread(thread.id);
    const flags = await this.flags.list({ threadId: thread.id });
    const attachments = await this.attachments.ofMessages(messages.map((m) => m.id));
    const ids = new Set<UserId>([actor.userId, ...thread.participantIds, ...messages.map((m) => m.authorId), ...flags.map((f) => f.flaggedBy)]);
    const names = new Map<UserId, string>();
    for (const id of ids) {
      const person = await this.directory.person(id);
      if (person) names.set(id, person.name);
    }
    const transcript = buildTranscript({ thread, messages, flags, attachments, names, generatedBy: actor.userId, generatedAt: this.clock.now() });
    await this.uow.run(() =>
      this.audit.record({
        schoolId: actor.schoolId,
        actorId: actor.userId,
        action: 'messaging.thread.transcript_exported',
        entityType: 'thread',
        entityId: thread.id,
        after: { messages: messages.length, flags: flags.length, attachments: attachments.length, format: input.format ?? 'json' },
      }),
    );
    return transcript;
  }
}
