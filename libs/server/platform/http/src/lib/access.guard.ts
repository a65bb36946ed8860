import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Request } from 'express';
import { enterSchool } from '@cadenza/server/platform/db';
import { DomainError } from '@cadenza/shared/kernel';
import { ACCESS_METADATA, type AccessRule } from './access.js';
import { RequestContext, type Principal } from './request-context.js';

/**
 * The one guard, global: reads the route's access declaration, authenticates the
 * bearer token through passport, checks the role, and puts the caller's school in
 * force for every query of the request. A route without a declaration is refused.
 */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly em: EntityManager,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, [context.getHandler(), context.getClass()]);
    if (!rule) {
      throw new DomainError('ACCESS.UNDECLARED', 'forbidden', 'This route declares no access rule, so nobody may call it.');
    }
    if (rule.kind === 'public') {
      return true;
    }
    await super.canActivate(context);
    const request = context.switchToHttp().getRequest<Request & { user?: Principal }>();
    const principal = request.user;
    if (!principal) {
      throw new DomainError('ACCESS.UNAUTHENTICATED', 'unauthenticated', 'Sign in to continue.');
    }
    if (!rule.roles.some((role) => principal.roles.includes(role))) {
      throw new DomainError('ACCESS.FORBIDDEN', 'forbidden', 'You do not have permission to do this.');
    }
    enterSchool(this.em, principal.schoolId);
    const meta = RequestContext.current();
    if (meta) {
      meta.principal = principal;
    }
    return true;
  }

  override handleRequest<T>(error: unknown, user: T): T {
    if (error || !user) {
      throw new DomainError('ACCESS.UNAUTHENTICATED', 'unauthenticated', 'Sign in to continue: the access token is missing, invalid or expired.');
    }
    return user;
  }
}
