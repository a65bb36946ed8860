import type { FlagStatus, MessageFlag } from '../model/flag.js';
import type { ThreadId } from '../model/ids.js';
import { FlagRepository, MessagingDirectory } from '../ports/index.js';
import { requireLead } from './access.js';
import type { Actor } from '@cadenza/shared/kernel';

/** The safeguarding lead's queue: every flag, newest first, or one thread's; open ones or reviewed ones only when asked. */
export class ListFlags {
  constructor(
    private readonly flags: FlagRepository,
    private readonly directory: MessagingDirectory,
  ) {}

  async execute(actor: Actor, input: { threadId?: ThreadId; status?: FlagStatus } = {}): Promise<MessageFlag[]> {
    await requireLead(actor, this.directory);
    return this.flags.list({ ...(input.threadId ? { threadId: input.threadId } : {}), ...(input.status ? { status: input.status } : {}) });
  }
}
