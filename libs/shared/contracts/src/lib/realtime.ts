/**
 * The realtime protocol: socket.io at path `/ws`, authenticated at the handshake with
 * the same access token as REST (`io(url, { path: '/ws', auth: { token } })`). Plain
 * types and constants only (no zod), so a browser bundle pays nothing for them.
 *
 * Event names carry their version (`.v1`): a payload that changes incompatibly gets a
 * new name, and the server may emit both while clients move over.
 */
import type { DashboardCounters, NotificationType } from './notifications.js';
import type { ProblemDetails } from './problem.js';

/** The socket.io path, beside the REST API rather than under its prefix. */
export const REALTIME_PATH = '/ws';

export const REALTIME_EVENTS = {
  /** A lesson the receiver may read was scheduled, moved or cancelled. */
  lessonChanged: 'lesson.changed.v1',
  /** A message was posted in a thread the receiver is in. */
  messageCreated: 'message.created.v1',
  /** A message in a thread the receiver is in was edited. */
  messageUpdated: 'message.updated.v1',
  /** Someone in a thread the receiver is in read it up to `lastReadSeq`. */
  threadRead: 'thread.read.v1',
  /** A message was flagged (to the school's safeguarding lead). */
  messageFlagged: 'message.flagged.v1',
  /** A notification for the receiver was written (carries the new unread count). */
  notificationCreated: 'notification.created.v1',
  /** A register the receiver keeps (teacher, accompanist, admins) was marked, or its lesson started or ended. */
  registerChanged: 'register.changed.v1',
  /** A batch of the school's billing run was billed (to the school's admins): the run's progress as it now stands. */
  billingRunProgressed: 'billing_run.progressed.v1',
  /** A payment towards an invoice the receiver may read arrived, was recorded or refunded: its status and amounts now. */
  invoiceSettled: 'invoice.settled.v1',
  /** The receiver's dashboard counters changed: re-read `GET /api/v1/me/counters`, or use the payload. */
  countersUpdated: 'counters.updated.v1',
  /** Something went wrong for this socket (e.g. its access token expired, just before it is disconnected). */
  error: 'error.v1',
} as const;

export type LessonChange = 'scheduled' | 'moved' | 'cancelled';

/** ISO 8601 instants (UTC). Re-read the lesson over REST for anything more. */
export interface LessonChangedEvent {
  lessonId: string;
  change: LessonChange;
  start: string;
  end: string;
  /** For a move: where the lesson was before. */
  previous?: { start: string; end: string };
}

/** Ids and counts only: re-read `GET /api/v1/attendance/lessons/:lessonId` for the entries. */
export interface RegisterChangedEvent {
  lessonId: string;
  students: number;
  marked: number;
  startedAt: string | null;
  endedAt: string | null;
}

/** How far a billing run has got, as `GET /api/v1/billing/runs/:period` answers it: counts only. */
export interface BillingRunProgressedEvent {
  runId: string;
  /** The run's month, its first day (`YYYY-MM-DD`). */
  periodFrom: string;
  accounts: number;
  accountsDone: number;
  batches: number;
  batchesDone: number;
  invoices: number;
  finished: boolean;
}

/** An invoice's paid amount and status after a payment or refund; re-read `GET /api/v1/invoices/:invoiceId` for the rest. */
export interface InvoiceSettledEvent {
  invoiceId: string;
  status: 'issued' | 'partially_paid' | 'paid' | 'overdue';
  /** Minor units of the invoice's currency. */
  paidMinor: number;
  openMinor: number;
}

/**
 * Messaging events carry ids only, never message text: re-read the thread over REST
 * (`GET /api/v1/threads/:threadId`) for the words.
 */
export interface MessageChangedEvent {
  threadId: string;
  messageId: string;
  seq: number;
}

export interface ThreadReadEvent {
  threadId: string;
  /** Who read. */
  userId: string;
  lastReadSeq: number;
}

export interface MessageFlaggedEvent {
  threadId: string;
  messageId: string;
  flagId: string;
}

export interface NotificationCreatedEvent {
  notificationId: string;
  type: NotificationType;
  unreadCount: number;
}

/** Server → client events. */
export interface ServerToClientEvents {
  'lesson.changed.v1': (event: LessonChangedEvent) => void;
  'message.created.v1': (event: MessageChangedEvent) => void;
  'message.updated.v1': (event: MessageChangedEvent) => void;
  'thread.read.v1': (event: ThreadReadEvent) => void;
  'message.flagged.v1': (event: MessageFlaggedEvent) => void;
  'notification.created.v1': (event: NotificationCreatedEvent) => void;
  'register.changed.v1': (event: RegisterChangedEvent) => void;
  'billing_run.progressed.v1': (event: BillingRunProgressedEvent) => void;
  'invoice.settled.v1': (event: InvoiceSettledEvent) => void;
  'counters.updated.v1': (event: DashboardCounters) => void;
  'error.v1': (problem: ProblemDetails) => void;
}

/** Client → server events: none yet (clients only listen). */
export type ClientToServerEvents = Record<never, never>;

/**
 * Why a handshake was refused: the client's `connect_error` carries it as `error.data`
 * (and `error.message` is its `detail`).
 */
export type RealtimeConnectError = ProblemDetails;
