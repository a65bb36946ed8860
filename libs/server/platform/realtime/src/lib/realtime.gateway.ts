import { Logger } from '@nestjs/common';
import type { OnModuleDestroy } from '@nestjs/common';
import { type OnGatewayConnection, type OnGatewayInit, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { RedisConfig } from '@cadenza/server/platform/config';
import { AccessTokens, RevokedSessions, toProblem, type EndedFrom, type EndedSession } from '@cadenza/server/platform/http';
import { REALTIME_EVENTS, REALTIME_PATH, type RealtimeConnectError } from '@cadenza/shared/contracts';
import { Clock, DomainError } from '@cadenza/shared/kernel';
import { RealtimeRooms } from './rooms.js';
import type { RealtimeServer, RealtimeSocket } from './types.js';

/**
 * socket.io at `/ws` on the api's own HTTP server. The handshake carries the REST access
 * token (`auth: { token }`, or an `Authorization: Bearer` header) and is refused with a
 * problem-details `connect_error` unless it verifies. A connected socket is in its user's
 * room (and its school's admins' room for an admin) and nothing else, and is disconnected
 * when its token expires: the client refreshes the token and connects again. When its session
 * ends (sign-out, a reused refresh token, a password reset) its sockets get `error.v1` with
 * `ACCESS.SESSION_ENDED` and are disconnected at once, on every api process: through the Redis
 * adapter when there is one (which also tells the other processes' `RevokedSessions`), else by
 * each process when its poll of the database sees the session ended. Clients only
 * listen: a socket that asks to join a room (a forged thread id, say) or sends any other event
 * is refused with a 403 problem (through its acknowledgement, or `error.v1`) and joins nothing.
 */
@WebSocketGateway({ path: REALTIME_PATH, serveClient: false })
export class RealtimeGateway implements OnGatewayInit<RealtimeServer>, OnGatewayConnection<RealtimeSocket>, OnModuleDestroy {
  private readonly logger = new Logger('Realtime');
  private stopListening: (() => void) | null = null;

  @WebSocketServer()
  server!: RealtimeServer;

  constructor(
    private readonly tokens: AccessTokens,
    private readonly clock: Clock,
    private readonly revoked: RevokedSessions,
    private readonly redis: RedisConfig,
  ) {}

  afterInit(server: RealtimeServer): void {
    this.stopListening = this.revoked.onEnded((sessions, from) => this.endSessions(sessions, from));
    if (this.redis.url) {
      server.on('sessions.ended', (sessions) => this.revoked.record(sessions.map((s) => ({ sessionId: s.sessionId, at: new Date(s.at) })), 'elsewhere'));
    }
    server.use((socket, next) => {
      const verified = this.tokens.verify(tokenOf(socket) ?? '');
      if (!verified) {
        const problem = toProblem(
          new DomainError('ACCESS.UNAUTHENTICATED', 'unauthenticated', 'Sign in to continue: the access token is missing, invalid or expired.'),
          REALTIME_PATH,
        );
        next(Object.assign(new Error(problem.detail), { data: problem satisfies RealtimeConnectError }));
        return;
      }
      socket.data.principal = verified.principal;
      socket.data.expiresAt = verified.expiresAt;
      next();
    });
  }

  handleConnection(socket: RealtimeSocket): void {
    const { principal, expiresAt } = socket.data;
    if (!principal) {
      socket.disconnect(true);
      return;
    }
    const rooms = [RealtimeRooms.user(principal.userId), RealtimeRooms.session(principal.sessionId)];
    if (principal.roles.includes('admin')) rooms.push(RealtimeRooms.schoolAdmins(principal.schoolId));
    void socket.join(rooms);
    socket.onAny((event: string, ...args: unknown[]) => {
      const problem = toProblem(
        new DomainError('REALTIME.CLIENT_EVENT_REFUSED', 'forbidden', `Sockets only listen: "${String(event).slice(0, 60)}" is refused. Each socket is in the rooms its user may read, and joins nothing else.`),
        REALTIME_PATH,
      );
      const ack = args.at(-1);
      if (typeof ack === 'function') (ack as (reply: unknown) => void)(problem);
      else socket.emit(REALTIME_EVENTS.error, problem);
    });
    const expiry = setTimeout(
      () => {
        socket.emit(
          REALTIME_EVENTS.error,
          toProblem(new DomainError('ACCESS.TOKEN_EXPIRED', 'unauthenticated', 'The access token expired: refresh it and connect again.'), REALTIME_PATH),
        );
        socket.disconnect(true);
      },
      Math.max(0, expiresAt.getTime() - this.clock.now().getTime()),
    );
    expiry.unref();
    socket.once('disconnect', () => clearTimeout(expiry));
    this.logger.debug({ userId: principal.userId, socketId: socket.id }, 'socket connected');
  }

  onModuleDestroy(): void {
    this.stopListening?.();
  }

  /**
   * Disconnects the sockets of ended sessions. Sessions ended here reach every process through the
   * adapter (and the others' `RevokedSessions` through a server-side event); sessions heard of
   * elsewhere are ended on this process's own sockets.
   */
  private endSessions(sessions: EndedSession[], from: EndedFrom): void {
    const rooms = sessions.map((s) => RealtimeRooms.session(s.sessionId));
    const problem = toProblem(new DomainError('ACCESS.SESSION_ENDED', 'unauthenticated', 'This session has ended: sign in again.'), REALTIME_PATH);
    const target = from === 'here' ? this.server.in(rooms) : this.server.local.in(rooms);
    target.emit(REALTIME_EVENTS.error, problem);
    target.disconnectSockets(true);
    if (from === 'here' && this.redis.url) {
      this.server.serverSideEmit('sessions.ended', sessions.map((s) => ({ sessionId: s.sessionId, at: s.at.toISOString() })));
    }
  }
}

function tokenOf(socket: RealtimeSocket): string | null {
  const auth: unknown = socket.handshake.auth?.['token'];
  if (typeof auth === 'string' && auth) return auth;
  const header = socket.handshake.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match ? match[1] : null;
}
