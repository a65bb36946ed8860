import { type DynamicModule, Module, type ModuleMetadata } from '@nestjs/common';
import { OutboxRelay } from './outbox-relay.js';
import { RealtimeGateway } from './realtime.gateway.js';
import { RealtimePresence } from './realtime-presence.js';
import { RealtimePublisher } from './realtime-publisher.js';

/**
 * socket.io at `/ws` (the gateway), the typed publisher for every context, and the outbox
 * relay. `routing` must provide a `RealtimeRouter`: the app's decision of who hears what.
 * Install `RealtimeIoAdapter` on the application for the Redis adapter.
 */
@Module({})
export class RealtimeModule {
  static register(options: { routing: NonNullable<ModuleMetadata['imports']> }): DynamicModule {
    return {
      module: RealtimeModule,
      global: true,
      imports: [...options.routing],
      providers: [RealtimeGateway, RealtimePublisher, RealtimePresence, OutboxRelay],
      exports: [RealtimePublisher, RealtimePresence],
    };
  }
}
