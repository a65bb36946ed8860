/**
 * The realtime protocol: socket.io at path `/ws`, authenticated at the handshake with
 * the same access token as REST (`io(url, { path: '/ws', auth: { token } })`). Plain
 * types and constants only (no zod), so a browser bundle pays nothing for them.
 *
 * Event names carry their version (`.v1`): a payload that changes incompatibly gets a
 * new name, and the server may emit both while clients move over.
 */
import type { ProblemDetails } from './problem.js';

/** The socket.io path, beside the REST API rather than under its prefix. */
export const REALTIME_PATH = '/ws';

export const REALTIME_EVENTS = {
  /** A lesson the receiver may read was scheduled, moved or cancelled. */
  lessonChanged: 'lesson.changed.v1',
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

/** Server → client events. */
export interface ServerToClientEvents {
  'lesson.changed.v1': (event: LessonChangedEvent) => void;
  'error.v1': (problem: ProblemDetails) => void;
}

/** Client → server events: none yet (clients only listen). */
export type ClientToServerEvents = Record<never, never>;

/**
 * Why a handshake was refused: the client's `connect_error` carries it as `error.data`
 * (and `error.message` is its `detail`).
 */
export type RealtimeConnectError = ProblemDetails;
