import type { NextFunction, Request, Response } from 'express';
import { RequestContext } from './request-context.js';

/** Opens the request's context (id, address, user agent) for logs and the audit trail. */
export function requestContextMiddleware(request: Request, response: Response, next: NextFunction): void {
  const id = (request as Request & { id?: unknown }).id;
  if (id) response.setHeader('x-request-id', String(id));
  RequestContext.run(
    {
      requestId: typeof id === 'string' ? id : String(id ?? ''),
      ip: request.ip ?? null,
      userAgent: request.header('user-agent')?.slice(0, 500) ?? null,
      principal: null,
    },
    next,
  );
}
