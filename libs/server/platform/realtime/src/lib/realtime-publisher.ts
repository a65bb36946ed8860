import { Injectable } from '@nestjs/common';
import type { ServerToClientEvents } from '@cadenza/shared/contracts';
import { RealtimeGateway } from './realtime.gateway.js';
import type { RealtimeDelivery } from './realtime-router.js';

/**
 * Emits typed events to rooms. With the Redis adapter installed, an emit on any api
 * instance reaches the sockets connected to every instance.
 */
@Injectable()
export class RealtimePublisher {
  constructor(private readonly gateway: RealtimeGateway) {}

  emitTo<E extends keyof ServerToClientEvents>(rooms: string | readonly string[], event: E, ...payload: Parameters<ServerToClientEvents[E]>): void {
    const server = this.gateway.server;
    if (!server) {
      throw new Error('The realtime server is not initialised yet.');
    }
    server.to(typeof rooms === 'string' ? rooms : [...rooms]).emit(event, ...payload);
  }

  deliver(delivery: RealtimeDelivery): void {
    if (delivery.rooms.length === 0) return;
    // The union pairs each event with its own payload; TypeScript cannot correlate them through emitTo's generic.
    this.emitTo(delivery.rooms, delivery.event as keyof ServerToClientEvents, delivery.payload as never);
  }
}
