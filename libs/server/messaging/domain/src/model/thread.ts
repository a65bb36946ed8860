import { copyData, DomainError, newId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import type { ThreadId } from './ids.js';
import { optionalSubject } from './text.js';

/** One-to-one, a family and their teacher(s), a group or ensemble, or staff only. */
export type ThreadKind = 'direct' | 'family' | 'group' | 'staff';
export const THREAD_KINDS: readonly ThreadKind[] = ['direct', 'family', 'group', 'staff'];
export const MAX_PARTICIPANTS = 60;

export interface ThreadState {
  id: ThreadId;
  schoolId: SchoolId;
  kind: ThreadKind;
  subject: string | null;
  participantIds: UserId[];
  createdBy: UserId;
  createdAt: Date;
  /** The sequence number of the latest message (0 before the first); messages are numbered 1, 2, … per thread. */
  lastSeq: number;
  lastMessageAt: Date | null;
  /**
   * The safeguarding lead oversees this thread: it brings a minor together with an adult who is not
   * their guardian under the `visible_to_lead` policy, or one of its messages was flagged. Never cleared.
   */
  leadOversight: boolean;
}

function conflict(code: string, message: string): DomainError {
  return new DomainError(code, 'conflict', message);
}

/** A conversation between people of one school. Participants change; messages hang off it by `seq`. */
export class Thread {
  private constructor(private state: ThreadState) {}

  static restore(state: ThreadState): Thread {
    return new Thread(copyData(state));
  }

  static create(input: { schoolId: SchoolId; kind: ThreadKind; subject?: string | null; createdBy: UserId; participantIds: readonly UserId[]; now: Date }): Thread {
    if (!THREAD_KINDS.includes(input.kind)) throw DomainError.invalid('MESSAGING.INVALID_KIND', 'kind', `A thread is one of: ${THREAD_KINDS.join(', ')}.`);
    const participantIds = [...new Set([input.createdBy, ...input.participantIds])];
    if (input.kind === 'direct' && participantIds.length !== 2) {
      throw DomainError.invalid('MESSAGING.DIRECT_NEEDS_TWO', 'participantIds', 'A private thread is between you and exactly one other person.');
    }
    if (participantIds.length < 2) throw DomainError.invalid('MESSAGING.TOO_FEW_PARTICIPANTS', 'participantIds', 'Add at least one other person.');
    if (participantIds.length > MAX_PARTICIPANTS) throw DomainError.invalid('MESSAGING.TOO_MANY_PARTICIPANTS', 'participantIds', `A thread has at most ${MAX_PARTICIPANTS} people.`);
    return new Thread({
      id: newId<ThreadId>(),
      schoolId: input.schoolId,
      kind: input.kind,
      subject: optionalSubject(input.subject),
      participantIds,
      createdBy: input.createdBy,
      createdAt: new Date(input.now.getTime()),
      lastSeq: 0,
      lastMessageAt: null,
      leadOversight: false,
    });
  }

  get id(): ThreadId {
    return this.state.id;
  }
  get schoolId(): SchoolId {
    return this.state.schoolId;
  }
  get kind(): ThreadKind {
    return this.state.kind;
  }
  get subject(): string | null {
    return this.state.subject;
  }
  get participantIds(): readonly UserId[] {
    return this.state.participantIds;
  }
  get createdBy(): UserId {
    return this.state.createdBy;
  }
  get createdAt(): Date {
    return new Date(this.state.createdAt.getTime());
  }
  get lastSeq(): number {
    return this.state.lastSeq;
  }
  get lastMessageAt(): Date | null {
    return this.state.lastMessageAt ? new Date(this.state.lastMessageAt.getTime()) : null;
  }
  get leadOversight(): boolean {
    return this.state.leadOversight;
  }

  includes(userId: UserId): boolean {
    return this.state.participantIds.includes(userId);
  }

  /** The participants there would be after adding someone (the thread is unchanged). */
  withAdded(userId: UserId): UserId[] {
    if (this.state.kind === 'direct') throw conflict('MESSAGING.DIRECT_THREAD_FIXED', 'A private thread stays between its two people; start a group thread instead.');
    if (this.includes(userId)) throw conflict('MESSAGING.ALREADY_PARTICIPANT', 'This person is already in the thread.');
    if (this.state.participantIds.length >= MAX_PARTICIPANTS) throw conflict('MESSAGING.TOO_MANY_PARTICIPANTS', `A thread has at most ${MAX_PARTICIPANTS} people.`);
    return [...this.state.participantIds, userId];
  }

  /** The participants there would be after removing someone (the thread is unchanged). */
  withRemoved(userId: UserId): UserId[] {
    if (this.state.kind === 'direct') throw conflict('MESSAGING.DIRECT_THREAD_FIXED', 'A private thread stays between its two people.');
    if (!this.includes(userId)) throw DomainError.notFound('MESSAGING.NOT_A_PARTICIPANT', 'The participant');
    const rest = this.state.participantIds.filter((id) => id !== userId);
    if (rest.length < 2) throw conflict('MESSAGING.TOO_FEW_PARTICIPANTS', 'A thread needs at least two people.');
    return rest;
  }

  add(userId: UserId): void {
    this.state.participantIds = this.withAdded(userId);
  }

  remove(userId: UserId): void {
    this.state.participantIds = this.withRemoved(userId);
  }

  /** Takes the next message number and moves the thread's activity time. */
  nextSeq(now: Date): number {
    this.state.lastSeq += 1;
    this.state.lastMessageAt = new Date(now.getTime());
    return this.state.lastSeq;
  }

  placeUnderOversight(): void {
    this.state.leadOversight = true;
  }

  snapshot(): ThreadState {
    return copyData(this.state);
  }
}
