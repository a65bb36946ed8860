import { type DynamicModule, Global, Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { RateLimiter, UnitOfWork } from '@cadenza/shared/kernel';
import { DatabaseHealth } from './db-health.js';
import { ormOptions, type PersistenceParts } from './orm-config.js';
import { OutboxWriter } from './outbox.js';
import { OutboxSignal } from './outbox-signal.js';
import { PostgresRateLimiter } from './postgres-rate-limiter.js';
import { MikroOrmUnitOfWork } from './unit-of-work.js';

/** The database for a process: MikroORM on the given URL, the unit of work, the shared rate limiter, and its health check. */
@Global()
@Module({})
export class DbModule {
  static forRoot(url: string, parts: PersistenceParts, poolMax = 20): DynamicModule {
    return {
      module: DbModule,
      imports: [MikroOrmModule.forRoot({ ...ormOptions(url, parts, poolMax), registerRequestContext: true })],
      providers: [
        DatabaseHealth,
        OutboxWriter,
        { provide: OutboxSignal, useFactory: () => new OutboxSignal(url) },
        { provide: UnitOfWork, useClass: MikroOrmUnitOfWork },
        { provide: RateLimiter, useClass: PostgresRateLimiter },
      ],
      exports: [DatabaseHealth, OutboxWriter, OutboxSignal, UnitOfWork, RateLimiter],
    };
  }
}
