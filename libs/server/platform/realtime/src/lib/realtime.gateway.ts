import { Logger } from '@nestjs/common';
import { type OnGatewayConnection, type OnGatewayInit, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { AccessTokens, toProblem } from '@cadenza/server/platform/http';
import { REALTIME_EVENTS, REALTIME_PATH, type RealtimeConnectError } from '@cadenza/shared/contracts';
import { Clock, DomainError } from '@cadenza/shared/kernel';
import { RealtimeRooms } from './rooms.js';
import type { RealtimeServer, RealtimeSocket } from './types.js';

/**
 * socket.io at `/ws` on the api's own HTTP server. The handshake carries the REST access
 * token (`auth: { token }`, or an `Authorization: Bearer` header) and is refused with a
 * problem-details `connect_error` unless it verifies. A connected socket is in its user's
 * room (and its school's admins' room for an admin) and nothing else, and is disconnected
 * when its token expires: the client refreshes the token and connects again. Clients only
 * listen: a socket that asks to join a room (a forged thread id, say) or sends any other event
 * is refused with a 403 problem (through its acknowledgement, or `error.v1`) and joins nothing.
 */
@WebSocketGateway({ path: REALTIME_PATH, serveClient: false })
export class RealtimeGateway implements OnGatewayInit<RealtimeServer>, OnGatewayConnection<RealtimeSocket> {
  private readonly logger = new Logger('Realtime');

  @WebSocketServer()
  server!: RealtimeServer;

  constructor(
    private readonly tokens: AccessTokens,
    private readonly clock: Clock,
  ) {}

  afterInit(server: RealtimeServer): void {
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
    const rooms = [RealtimeRooms.user(principal.userId)];
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
}

function tokenOf(socket: RealtimeSocket): string | null {
  const auth: unknown = socket.handshake.auth?.['token'];
  if (typeof auth === 'string' && auth) return auth;
  const header = socket.handshake.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match ? match[1] : null;
}
