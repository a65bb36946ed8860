import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Params } from 'nestjs-pino';
import { type DestinationStream, pino } from 'pino';
import type { LogConfig } from '@cadenza/server/platform/config';

type Caller = IncomingMessage & { user?: { userId: string; schoolId: string } };

/** A request's completion line with who called (the user and school ids, once the guard has put them on the request). */
function withCaller(request: IncomingMessage, line: Record<string, unknown>): Record<string, unknown> {
  const user = (request as Caller).user;
  return user ? { userId: user.userId, schoolId: user.schoolId, ...line } : line;
}

/**
 * Structured logs with a request id (honouring an incoming `x-request-id`), and
 * no personal data: no headers, cookies, bodies or query strings are logged.
 * `stream`: where the lines go (standard output, buffered, unless given).
 */
export function loggerParams(config: LogConfig, stream?: DestinationStream): Params {
  return {
    pinoHttp: {
      level: config.level,
      // Buffered, asynchronous writes: a synchronous write per request line cost a seventh of the CPU
      // under load. pino flushes the buffer when the process exits.
      stream: stream ?? pino.destination({ dest: 1, sync: false, minLength: 4096 }),
      genReqId: (request: IncomingMessage) => {
        const given = request.headers['x-request-id'];
        return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
      },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
        res: (res: { statusCode: number }) => ({ status: res.statusCode }),
      },
      // The caller is added to the completion line itself, not bound through `customProps`: that made two
      // more child loggers for every request (an empty one when it began, the caller's when it ended).
      customSuccessObject: (request: IncomingMessage, _response: unknown, line: Record<string, unknown>) => withCaller(request, line),
      customErrorObject: (request: IncomingMessage, _response: unknown, _error: unknown, line: Record<string, unknown>) => withCaller(request, line),
      // A server failure is an error line; anything else, a client's mistake included, is information.
      customLogLevel: (_request: IncomingMessage, response: { statusCode: number }, error?: unknown) => (error || response.statusCode >= 500 ? 'error' : 'info'),
      autoLogging: { ignore: (request: IncomingMessage) => request.url === '/health/live' || request.url === '/metrics' },
    },
  };
}
