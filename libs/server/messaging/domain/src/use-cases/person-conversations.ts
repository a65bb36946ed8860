import { DomainError, type Actor, type UserId } from '@cadenza/shared/kernel';
import { forbidden } from '../model/actor.js';
import type { Thread } from '../model/thread.js';
import { FlagRepository, MessagingDirectory, ThreadRepository } from '../ports/index.js';
import { safeguardingLead } from './access.js';

/** One of the person's conversations that the viewer may open: in their own inbox, or in the lead's view. */
export interface PersonConversation {
  thread: Thread;
  /** The names of the people in it, the person included. */
  participants: string[];
  /** Where the viewer opens it: `inbox` when they are in it, `lead` (read as the lead, audited) otherwise. */
  openAs: 'inbox' | 'lead';
  /** Open flags in it: for the safeguarding lead only, else null. */
  openFlags: number | null;
}

export interface PersonMessagesSummary {
  personId: UserId;
  /** Every conversation the person is in now. */
  conversations: number;
  /** The latest message in any of them. */
  lastMessageAt: Date | null;
  /** Open flags in their conversations: for the safeguarding lead only (flags are theirs to read), else null. */
  openFlags: number | null;
  /** The conversations the viewer may open, latest activity first; the others are counted, never described. */
  openable: PersonConversation[];
}

/**
 * A person's messages in summary, for admins (a person's page) and the safeguarding lead (finding a person's
 * conversations without a raw id). Every admin reads how many conversations the person is in and when they last had a
 * message; a conversation's subject and people only where the viewer may open it: one they are in, or, for the
 * safeguarding lead, any of them. Flags are counted for the lead only. Someone of another school (or no one) is 404.
 */
export class PersonConversations {
  constructor(
    private readonly threads: ThreadRepository,
    private readonly flags: FlagRepository,
    private readonly directory: MessagingDirectory,
  ) {}

  async execute(actor: Actor, personId: UserId): Promise<PersonMessagesSummary> {
    if (!actor.roles.includes('admin')) throw forbidden('Only admins can read a person’s messages summary.');
    const person = typeof personId === 'string' && personId.length > 0 ? await this.directory.person(personId) : null;
    if (!person) throw DomainError.notFound('MESSAGING.PERSON_NOT_FOUND', 'The person');
    const lead = (await safeguardingLead(actor, this.directory)) !== null;
    const threads = await this.threads.ofParticipant(person.id);
    const open = lead && threads.length > 0 ? await this.flags.list({ status: 'open' }) : [];
    const flagsIn = (thread: Thread) => open.filter((f) => f.threadId === thread.id).length;
    const visible = threads.filter((t) => lead || t.includes(actor.userId));
    const names = new Map((await this.directory.people([...new Set(visible.flatMap((t) => t.participantIds))])).map((p) => [p.id, p.name]));
    const latest = threads.map((t) => t.lastMessageAt?.getTime() ?? 0).reduce((a, b) => Math.max(a, b), 0);
    return {
      personId: person.id,
      conversations: threads.length,
      lastMessageAt: latest > 0 ? new Date(latest) : null,
      openFlags: lead ? threads.reduce((sum, t) => sum + flagsIn(t), 0) : null,
      openable: visible.map((thread) => ({
        thread,
        participants: thread.participantIds.map((id) => names.get(id) ?? 'Someone').sort((a, b) => a.localeCompare(b)),
        openAs: thread.includes(actor.userId) ? 'inbox' : 'lead',
        openFlags: lead ? flagsIn(thread) : null,
      })),
    };
  }
}
