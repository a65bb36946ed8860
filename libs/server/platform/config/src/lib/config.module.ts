import { type DynamicModule, Global, Module } from '@nestjs/common';
import { AuthConfig, DatabaseConfig, DemoConfig, HttpConfig, JobsConfig, LogConfig, MailConfig, RedisConfig, StorageConfig, StripeConfig, GoogleCalendarConfig, type AppConfig } from './config.js';

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Provides each validated configuration slice as its own injectable class. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    const providers = [
      { provide: APP_CONFIG, useValue: config },
      { provide: HttpConfig, useValue: config.http },
      { provide: DatabaseConfig, useValue: config.database },
      { provide: RedisConfig, useValue: config.redis },
      { provide: AuthConfig, useValue: config.auth },
      { provide: MailConfig, useValue: config.mail },
      { provide: StorageConfig, useValue: config.storage },
      { provide: LogConfig, useValue: config.log },
      { provide: DemoConfig, useValue: config.demo },
      { provide: JobsConfig, useValue: config.jobs },
      { provide: StripeConfig, useValue: config.stripe },
      { provide: GoogleCalendarConfig, useValue: config.googleCalendar },
    ];
    return { module: ConfigModule, providers, exports: providers.map((p) => p.provide) };
  }
}
