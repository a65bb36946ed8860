import type { Server, Socket } from 'socket.io';
import type { Principal } from '@cadenza/server/platform/http';
import type { ClientToServerEvents, ServerToClientEvents } from '@cadenza/shared/contracts';

/** Per-socket state, set at the handshake. */
export interface RealtimeSocketData {
  principal: Principal;
  expiresAt: Date;
}

/** What api processes tell each other through the Redis adapter: sessions ended on one of them, as ISO instants. */
export interface InterServerEvents {
  'sessions.ended': (sessions: { sessionId: string; at: string }[]) => void;
}

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, RealtimeSocketData>;
export type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, RealtimeSocketData>;
