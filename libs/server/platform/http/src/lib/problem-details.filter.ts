import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ConnectionException } from '@mikro-orm/core';
import { DomainError, type ErrorKind } from '@cadenza/shared/kernel';
import { PROBLEM_CONTENT_TYPE, type ProblemDetails } from '@cadenza/shared/contracts';

const STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  rate_limited: 429,
  unavailable: 503,
};

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload too large',
  415: 'Unsupported media type',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

export function problemType(code: string): string {
  return `https://cadenza.school/problems/${code.toLowerCase().replaceAll('_', '-')}`;
}

/** Renders a domain error as RFC 9457 problem details. */
export function toProblem(error: DomainError, instance?: string): ProblemDetails {
  const status = STATUS[error.kind];
  const { fields, ...extensions } = error.details;
  return {
    type: problemType(error.code),
    title: TITLES[status] ?? 'Error',
    status,
    detail: error.message,
    code: error.code,
    ...(fields ? { errors: fields.map((f) => ({ field: f.field, message: f.message })) } : {}),
    ...extensions,
    ...(instance ? { instance } : {}),
  };
}

/**
 * The one exception filter: domain errors by their kind, framework HTTP errors by
 * their status, anything else as a 500 that reveals nothing.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problems');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = this.problemFor(exception, request.originalUrl);
    if (problem.status >= 500) {
      this.logger.error({ err: exception, code: problem.code }, 'request failed');
    }
    if ((problem.status === 429 || problem.status === 503) && typeof problem['retryAfterSeconds'] === 'number') {
      response.setHeader('Retry-After', String(problem['retryAfterSeconds']));
    }
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  private problemFor(exception: unknown, instance: string): ProblemDetails {
    if (exception instanceof DomainError) {
      return toProblem(exception, instance);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const detail = typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? exception.message);
      // Cadenza's own validation throws domain errors; a framework 400 or 413 comes from reading the body.
      const code =
        status === HttpStatus.NOT_FOUND
          ? 'HTTP.NOT_FOUND'
          : status === HttpStatus.BAD_REQUEST
            ? 'HTTP.MALFORMED_BODY'
            : status === HttpStatus.PAYLOAD_TOO_LARGE
              ? 'HTTP.PAYLOAD_TOO_LARGE'
              : `HTTP.${status}`;
      return { type: problemType(code), title: TITLES[status] ?? 'Error', status, detail: Array.isArray(detail) ? detail.join('; ') : String(detail), code, instance };
    }
    if (isDatabaseUnavailable(exception)) {
      return {
        type: problemType('PLATFORM.DATABASE_UNAVAILABLE'),
        title: TITLES[503],
        status: 503,
        detail: 'Cadenza cannot reach its database just now. Try again in a moment.',
        code: 'PLATFORM.DATABASE_UNAVAILABLE',
        retryAfterSeconds: 5,
        instance,
      };
    }
    const status = (exception as { status?: unknown; type?: unknown })?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      // body-parser errors (malformed JSON, too large) carry a status of their own.
      const code = (exception as { type?: string }).type === 'entity.too.large' ? 'HTTP.PAYLOAD_TOO_LARGE' : 'HTTP.MALFORMED_BODY';
      return { type: problemType(code), title: TITLES[status] ?? 'Bad request', status, detail: 'The request body could not be read as JSON.', code, instance };
    }
    return { type: problemType('INTERNAL'), title: TITLES[500], status: 500, detail: 'Something went wrong on our side. It has been logged.', code: 'INTERNAL', instance };
  }
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'EPIPE', '57P01', '57P03', '08000', '08001', '08003', '08006']);

/** The database cannot be reached (refused, dropped, shutting down): a 503, not a 500. */
function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof ConnectionException) return true;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && UNREACHABLE.has(code)) return true;
    if (e instanceof Error && /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect/i.test(e.message)) return true;
  }
  return false;
}
