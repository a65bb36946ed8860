import { copyData, DomainError, newId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import type { FlagId, MessageId, ThreadId } from './ids.js';
import { cleanText, MAX_REASON_LENGTH } from './text.js';

/** Where a flag stands: `open` until the safeguarding lead has reviewed it. */
export type FlagStatus = 'open' | 'reviewed';
export const FLAG_STATUSES: readonly FlagStatus[] = ['open', 'reviewed'];
/** What the lead concluded: nothing of concern, they acted within the school (spoke to someone, changed a thread), or referred it outside it. */
export type FlagOutcome = 'no_concern' | 'action_taken' | 'referred';
export const FLAG_OUTCOMES: readonly FlagOutcome[] = ['no_concern', 'action_taken', 'referred'];

/** The lead's review of a flag: the outcome, a note of what was decided, who and when. */
export interface FlagReview {
  outcome: FlagOutcome;
  note: string;
  reviewedBy: UserId;
  reviewedAt: Date;
}

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
  /** Null while the flag is open. */
  review: FlagReview | null;
}

/** A participant's concern about a message, escalated to the safeguarding lead. */
export class MessageFlag {
  private constructor(private state: MessageFlagState) {}

  static restore(state: MessageFlagState): MessageFlag {
    return new MessageFlag(copyData(state));
  }

  static create(input: Omit<MessageFlagState, 'id' | 'createdAt' | 'reason' | 'review'> & { reason: string; now: Date }): MessageFlag {
    return new MessageFlag({
      id: newId<FlagId>(),
      schoolId: input.schoolId,
      threadId: input.threadId,
      messageId: input.messageId,
      messageVersion: input.messageVersion,
      flaggedBy: input.flaggedBy,
      reason: cleanText(input.reason, 'reason', MAX_REASON_LENGTH),
      createdAt: new Date(input.now.getTime()),
      review: null,
    });
  }

  /**
   * The lead reviews an open flag with an outcome and a note (required: what was looked at and decided). A flag is
   * reviewed once: a second review is a conflict, and nothing changes.
   */
  reviewWith(input: { outcome: unknown; note: unknown; by: UserId; now: Date }): void {
    if (this.state.review) throw new DomainError('MESSAGING.FLAG_ALREADY_REVIEWED', 'conflict', 'This flag has been reviewed already.');
    if (typeof input.outcome !== 'string' || !FLAG_OUTCOMES.includes(input.outcome as FlagOutcome)) {
      throw DomainError.invalid('MESSAGING.INVALID_OUTCOME', 'outcome', `One of ${FLAG_OUTCOMES.join(', ')}.`);
    }
    const note = cleanText(input.note, 'note', MAX_REASON_LENGTH);
    this.state.review = { outcome: input.outcome as FlagOutcome, note, reviewedBy: input.by, reviewedAt: new Date(input.now.getTime()) };
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
  get status(): FlagStatus {
    return this.state.review ? 'reviewed' : 'open';
  }
  get review(): FlagReview | null {
    return this.state.review ? copyData(this.state.review) : null;
  }

  snapshot(): MessageFlagState {
    return copyData(this.state);
  }
}
