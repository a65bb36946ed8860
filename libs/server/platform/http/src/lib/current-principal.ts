import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Principal } from './request-context.js';

/** The signed-in caller, as the access guard established them. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<Request & { user?: Principal }>().user;
  if (!principal) {
    throw new Error('CurrentPrincipal used on a route without an authenticated caller.');
  }
  return principal;
});

export function clientIp(request: Request): string {
  return request.ip ?? request.socket.remoteAddress ?? 'unknown';
}
