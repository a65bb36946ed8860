import { Global, type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { HealthController, RedisHealth } from './health.js';
import { HttpMetricsMiddleware, Metrics, MetricsController } from './metrics.js';

@Global()
@Module({
  controllers: [HealthController, MetricsController],
  providers: [Metrics, RedisHealth],
  exports: [Metrics],
})
export class ObservabilityModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('{*path}');
  }
}
