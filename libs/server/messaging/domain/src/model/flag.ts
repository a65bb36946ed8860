import { copyData, newId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import type { FlagId, MessageId, ThreadId } from './ids.js';
import { cleanText, MAX_REASON_LENGTH } from './text.js';

export interface MessageFlagState {
  id: FlagId;
  schoolId: SchoolId;
  threadId: ThreadId;
  messageId: MessageId;
  /** The version of the message the person saw when they flagged it. */
  messageVersion: number;
  flaggedBy: UserId;
  reason: string;
  createdAt: Date;
}

/** A participant's concern about a message, escalated to the safeguarding lead. */
export class MessageFlag {
  private constructor(private state: MessageFlagState) {}

  static restore(state: MessageFlagState): MessageFlag {
    return new MessageFlag(copyData(state));
  }

  static create(input: Omit<MessageFlagState, 'id' | 'createdAt' | 'reason'> & { reason: string; now: Date }): MessageFlag {
    return new MessageFlag({
      id: newId<FlagId>(),
      schoolId: input.schoolId,
      threadId: input.threadId,
      messageId: input.messageId,
      messageVersion: input.messageVersion,
      flaggedBy: input.flaggedBy,
      reason: cleanText(input.reason, 'reason', MAX_REASON_LENGTH),
      createdAt: new Date(input.now.getTime()),
    });
  }

  get id(): FlagId {
    return this.state.id;
  }
  get threadId(): ThreadId {
    return this.state.threadId;
  }
  get messageId(): MessageId {
    return this.state.messageId;
  }
  get messageVersion(): number {
    return this.state.messageVersion;
  }
  get flaggedBy(): UserId {
    return this.state.flaggedBy;
  }
  get reason(): string {
    return this.state.reason;
  }
  get createdAt(): Date {
    return new Date(this.state.createdAt.getTime());
  }

  snapshot(): MessageFlagState {
    return copyData(this.state);
  }
}
