import type { StoredEvent } from '@cadenza/shared/integration-events';
import type { SchoolId, UserId } from '@cadenza/shared/kernel';
import type { Delivery, DeliveryPlan, DeliveryState, EmailContent, FeedEntry, NotificationKind, PreferencesState, DeliveryChannel } from './model.js';

/**
 * The in-app feed. Adding is idempotent on (person, source): a retried event or reminder
 * adds nothing the second time. The adapter announces each new entry (with the person's
 * unread count) in the outbox of the same transaction, for the socket.
 */
export abstract class NotificationFeed {
  /** True when the entry was new. */
  abstract add(entry: FeedEntry): Promise<boolean>;
  /** Adds many entries at once (across schools), each at most once per person and source; how many were new. */
  abstract addMany(entries: readonly FeedEntry[]): Promise<number>;
  abstract page(userId: UserId, query: { unread?: boolean; before?: Date; limit: number }): Promise<{ items: FeedEntry[]; unreadCount: number }>;
  /** Of these ids, the ones that are the person's own entries. */
  abstract ownedBy(userId: UserId, ids: readonly string[]): Promise<string[]>;
  /** Marks the given entries (all of the person's when null) read; how many changed. */
  abstract markRead(userId: UserId, ids: readonly string[] | null, at: Date): Promise<number>;
}

export abstract class NotificationPreferenceStore {
  abstract of(userId: UserId): Promise<PreferencesState | null>;
  abstract ofMany(userIds: readonly UserId[]): Promise<PreferencesState[]>;
  /** The largest reminder offset anyone in the school has chosen, in minutes; null when nobody has. */
  abstract largestReminderOffset(): Promise<number | null>;
  abstract save(state: PreferencesState): Promise<void>;
}

export interface DeliveryQuery {
  status?: DeliveryState;
  recipientId?: UserId;
  limit: number;
  /** The entries after this one in the log's order (newest change first, then key, descending; times to the millisecond). */
  before?: { updatedAt: Date; key: string };
}

/**
 * The delivery log: one row per send key. Claims are committed on their own (outside any
 * caller's transaction), so a crash after a claim leaves a row that the lease lets
 * someone else retry. Methods named `AcrossSchools` serve the background workers; the rest
 * are scoped to the school in context.
 */
export abstract class DeliveryLog {
  /** Inserts the plans whose keys are new; returns those it inserted. */
  abstract plan(plans: readonly DeliveryPlan[]): Promise<DeliveryPlan[]>;
  /** The lesson's reminder rows. */
  abstract ofLesson(lessonId: string): Promise<Delivery[]>;
  /**
   * Moves a queued row to a new time and wording, revoking any claim on it (a sender
   * holding the old claim can then no longer record it sent, so it aborts).
   */
  abstract reschedule(key: string, dueAt: Date, plan: Pick<DeliveryPlan, 'status' | 'reason' | 'feed' | 'email'>, at: Date): Promise<void>;
  /** Skips queued rows (revoking claims), with the reason. */
  abstract skip(keys: readonly string[], reason: string, at: Date): Promise<void>;
  /** Takes the row for `leaseMs` if it is queued, due and not claimed by someone else; commits at once. */
  abstract claimAcrossSchools(key: string, now: Date, leaseMs: number): Promise<Delivery | null>;
  /**
   * Claims the row as `claimAcrossSchools` does and, when it is a digest email, in the same committed step and under
   * the same claim, every other digest email of the same person that is queued, due and not under a live claim: the
   * notifications that go out together as one email. In the order they are due, then by key (so a retry of the
   * same digest composes the same email); empty when the key's row cannot be claimed.
   */
  abstract claimWithDigestAcrossSchools(key: string, now: Date, leaseMs: number): Promise<Delivery[]>;
  /**
   * When the person's open digest goes: the due time of a digest email of theirs that is queued, unclaimed and due
   * after `now` (the earliest), or null when none is waiting. Called inside the caller's transaction, it holds the
   * person's digest until that transaction ends, so two notifications planned at once for one person join one window.
   */
  abstract openDigest(recipientId: UserId, now: Date): Promise<Date | null>;
  /**
   * Writes the claimed send as done without committing it yet (null when the claim was lost):
   * the email sender commits it in the same step as it ends the message.
   */
  abstract prepareSent(key: string, claimToken: string, at: Date): Promise<HeldSend | null>;
  /**
   * Writes the sends of one digest as done under one claim, without committing (null unless every key's claim still
   * holds); `reason` is recorded on each (which email carried it).
   */
  abstract prepareSentAll(keys: readonly string[], claimToken: string, at: Date, reason: string | null): Promise<HeldSend | null>;
  /** Gives the claim back after a passing failure, to be retried at `retryAt`. */
  abstract release(key: string, claimToken: string, reason: string, retryAt: Date, at: Date): Promise<void>;
  abstract fail(key: string, claimToken: string, reason: string, at: Date): Promise<void>;
  /** Keys of queued rows due by `until` and not under a live claim, earliest first; only of `channel` when given. */
  abstract dueAcrossSchools(until: Date, now: Date, limit: number, channel?: DeliveryChannel): Promise<{ key: string; dueAt: Date }[]>;
  /**
   * Claims up to `limit` queued rows of `channel` that are due at `now` and not under a live
   * claim, earliest first, for `leaseMs`; commits at once. Racing callers never share a row.
   */
  abstract claimDueAcrossSchools(channel: DeliveryChannel, now: Date, leaseMs: number, limit: number): Promise<Delivery[]>;
  /**
   * Records claimed sends as done, inside the caller's transaction: the keys whose claims still held
   * (a claim is lost when revoked, or taken over after its lease).
   */
  abstract markSentMany(claims: readonly { key: string; claimToken: string }[], at: Date): Promise<string[]>;
  abstract list(query: DeliveryQuery): Promise<Delivery[]>;
}

/** The school's own notification settings (the school in context). */
export abstract class SchoolNotificationSettings {
  abstract reminderOffsets(): Promise<number[]>;
  abstract saveReminderOffsets(schoolId: SchoolId, offsets: readonly number[]): Promise<void>;
}

export interface Recipient {
  id: UserId;
  /** Null for someone without an email (a young student the school recorded): they are told in the app only. */
  email: string | null;
  timeZone: string;
  minor: boolean;
  /** Works in the staff console (an admin, teacher or accompanist): the links in their emails open it. */
  staff: boolean;
}

/** What the notifications need to know of a lesson, from scheduling. */
export interface LessonFacts {
  id: string;
  schoolId: SchoolId;
  teacherId: UserId;
  accompanistId: UserId | null;
  studentIds: UserId[];
  start: Date;
  end: Date;
  cancelled: boolean;
}

/**
 * People and lessons, as the notifications see them; implemented by the app over identity
 * and scheduling. Called with a school in context.
 */
export abstract class NotificationDirectory {
  abstract recipients(ids: readonly UserId[]): Promise<Recipient[]>;
  /** Guardians with access to the child. */
  abstract guardiansOf(studentId: UserId): Promise<UserId[]>;
  /** The school's safeguarding lead(s); its admins when none is designated. */
  abstract safeguardingLeads(): Promise<UserId[]>;
  /** The school's admins (those who have not left). */
  abstract admins(): Promise<UserId[]>;
  abstract lesson(id: string): Promise<LessonFacts | null>;
  /** Scheduled lessons starting in [from, to). */
  abstract lessonsStarting(from: Date, to: Date): Promise<LessonFacts[]>;
  /** The school's default reminder offsets, in minutes. */
  abstract schoolReminderOffsets(): Promise<number[]>;
  /** The school's IANA time zone, for wording lesson times. */
  abstract schoolTimeZone(): Promise<string>;
}

/** Why an email could not go; permanent failures (the server refused the address) are not retried. */
export class EmailFailure extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'EmailFailure';
  }
}

/** A send written in the log but not yet committed. */
export interface HeldSend {
  /** Starts the commit before returning (so it can leave together with the end of the message); resolves whether it committed. */
  commit(): Promise<boolean>;
}

/**
 * Sends one email whose identity is its key (a deterministic Message-ID). `prepare` is called
 * once the server has the whole message but its end: it writes the send to the log without
 * committing. The sender then starts that commit and ends the message in one step. When
 * `prepare` answers null (the claim was lost) or throws, the sender abandons the transaction,
 * and the server discards the message.
 */
export abstract class EmailSender {
  /** Resolves 'sent', or 'abandoned' when `prepare` answered null. Throws EmailFailure. */
  abstract send(key: string, mail: EmailContent, prepare: () => Promise<HeldSend | null>): Promise<'sent' | 'abandoned'>;
}

/** Triggers deliveries on time. Adding a key already queued for the same time does nothing. */
export abstract class DeliveryQueue {
  abstract enqueue(jobs: readonly { key: string; dueAt: Date }[]): Promise<void>;
}

/** An outbox event as the notifications read it: typed, its type and version known. */
export type IncomingEvent = StoredEvent;

export type { NotificationKind };
