import { Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { AccessGuard } from './access.guard.js';
import { AccessTokens } from './access-tokens.js';
import { JwtStrategy } from './jwt.strategy.js';
import { ProblemDetailsFilter } from './problem-details.filter.js';
import { RevokedSessions } from './revoked-sessions.js';

/** The HTTP edge shared by every context: authentication, access rules, problem details. */
@Global()
@Module({
  imports: [PassportModule],
  providers: [JwtStrategy, AccessTokens, RevokedSessions, { provide: APP_GUARD, useClass: AccessGuard }, { provide: APP_FILTER, useClass: ProblemDetailsFilter }],
  exports: [AccessTokens, RevokedSessions],
})
export class HttpPlatformModule {}
