import { copyData, DomainError, newId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import type { MessageId, ThreadId } from './ids.js';
import { cleanBody } from './text.js';

/** One wording of a message. Version 1 is what was sent; every edit adds the next; none is ever removed. */
export interface MessageVersion {
  version: number;
  body: string;
  at: Date;
}

export interface MessageState {
  id: MessageId;
  schoolId: SchoolId;
  threadId: ThreadId;
  authorId: UserId;
  /** Its place in the thread, from 1. */
  seq: number;
  sentAt: Date;
  versions: MessageVersion[];
}

export class Message {
  private constructor(private state: MessageState) {}

  static restore(state: MessageState): Message {
    if (state.versions.length === 0) throw new Error(`Message ${state.id} has no versions.`);
    return new Message(copyData(state));
  }

  static create(input: { schoolId: SchoolId; threadId: ThreadId; authorId: UserId; seq: number; body: string; now: Date }): Message {
    const body = cleanBody(input.body);
    const at = new Date(input.now.getTime());
    return new Message({
      id: newId<MessageId>(),
      schoolId: input.schoolId,
      threadId: input.threadId,
      authorId: input.authorId,
      seq: input.seq,
      sentAt: at,
      versions: [{ version: 1, body, at: new Date(at.getTime()) }],
    });
  }

  get id(): MessageId {
    return this.state.id;
  }
  get schoolId(): SchoolId {
    return this.state.schoolId;
  }
  get threadId(): ThreadId {
    return this.state.threadId;
  }
  get authorId(): UserId {
    return this.state.authorId;
  }
  get seq(): number {
    return this.state.seq;
  }
  get sentAt(): Date {
    return new Date(this.state.sentAt.getTime());
  }
  private get latest(): MessageVersion {
    return this.state.versions[this.state.versions.length - 1];
  }
  /** The current wording. */
  get body(): string {
    return this.latest.body;
  }
  get version(): number {
    return this.latest.version;
  }
  get edited(): boolean {
    return this.state.versions.length > 1;
  }
  get editedAt(): Date | null {
    return this.edited ? new Date(this.latest.at.getTime()) : null;
  }
  get versions(): readonly MessageVersion[] {
    return copyData(this.state.versions);
  }

  /** Only the author may edit. Returns the new version, or null when the wording did not change. */
  edit(by: UserId, body: string, now: Date): MessageVersion | null {
    if (by !== this.state.authorId) throw new DomainError('MESSAGING.NOT_AUTHOR', 'forbidden', 'Only the author can edit a message.');
    const text = cleanBody(body);
    if (text === this.body) return null;
    const version: MessageVersion = { version: this.latest.version + 1, body: text, at: new Date(now.getTime()) };
    this.state.versions.push(version);
    return copyData(version);
  }

  snapshot(): MessageState {
    return copyData(this.state);
  }
}
