import { Injectable } from '@nestjs/common';
import type { ServerToClientEvents } from '@cadenza/shared/contracts';
import { RealtimeGateway } from './realtime.gateway.js';
import { RealtimeRooms } from './rooms.js';

/**
 * Who is connected to this process, read from socket.io's own rooms (no query, no Redis
 * round trip), and emits to this process's sockets only. For pushes that every api
 * instance makes for its own clients, such as the admins' per-minute counters.
 */
@Injectable()
export class RealtimePresence {
  constructor(private readonly gateway: RealtimeGateway) {}

  /** The user ids of the admins with a socket on this process, by school. */
  localAdmins(): Map<string, Set<string>> {
    const found = new Map<string, Set<string>>();
    const server = this.gateway.server;
    if (!server) return found;
    for (const [room, socketIds] of server.sockets.adapter.rooms) {
      const schoolId = RealtimeRooms.schoolOfAdminsRoom(room);
      if (!schoolId) continue;
      const users = new Set<string>();
      for (const socketId of socketIds) {
        const userId = server.sockets.sockets.get(socketId)?.data.principal?.userId;
        if (userId) users.add(userId);
      }
      if (users.size > 0) found.set(schoolId, users);
    }
    return found;
  }

  /**
   * Which of these users have a socket open on any api process (through the adapter: with Redis, one
   * request to the other processes; in process, a look at socket.io's own rooms). For work done only for
   * whoever is listening, such as computing home-page counters; a user who connects later reads theirs
   * on load. Without a running socket server, nobody.
   */
  async connectedUsers(userIds: Iterable<string>): Promise<Set<string>> {
    const found = new Set<string>();
    const server = this.gateway.server;
    const rooms = [...new Set(userIds)].map(RealtimeRooms.user);
    if (!server || rooms.length === 0) return found;
    for (const socket of await server.in(rooms).fetchSockets()) {
      const userId = (socket.data as { principal?: { userId?: string } } | undefined)?.principal?.userId;
      if (userId) found.add(userId);
    }
    return found;
  }

  /** Emits to the rooms' sockets on this process only. */
  emitLocal<E extends keyof ServerToClientEvents>(rooms: string | readonly string[], event: E, ...payload: Parameters<ServerToClientEvents[E]>): void {
    const server = this.gateway.server;
    if (!server) return;
    server.local.to(typeof rooms === 'string' ? rooms : [...rooms]).emit(event, ...payload);
  }
}
