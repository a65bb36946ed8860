import type { Request, Response } from 'express';
import { encodedBody, type CalendarAnswer, type CalendarEncoding } from './calendar-cache.js';

/**
 * The encoding to send: the smallest the client accepts (brotli, then gzip), whatever order it
 * lists them in; otherwise the plain JSON.
 */
export function chooseEncoding(request: Pick<Request, 'acceptsEncodings'>): CalendarEncoding {
  if (request.acceptsEncodings('br') === 'br') return 'br';
  if (request.acceptsEncodings('gzip') === 'gzip') return 'gzip';
  return 'identity';
}

/** Each encoding is its own representation, with its own strong ETag derived from the answer's. */
export function etagFor(answer: Pick<CalendarAnswer, 'etag'>, encoding: CalendarEncoding): string {
  if (encoding === 'identity') return answer.etag;
  return answer.etag.replace(/"$/, encoding === 'gzip' ? '-gz"' : '-br"');
}

/** Whether an If-None-Match header names the ETag (weak comparison, as for GET), or is `*`. */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  return !!header && header.split(',').some((tag) => ['*', etag].includes(tag.trim().replace(/^W\//, '')));
}

/**
 * Sends a stored calendar answer: in the best encoding the client accepts, with that encoding's
 * ETag, and a 304 without a body when the client already holds it.
 */
export function sendCalendarAnswer(request: Request, response: Response, answer: CalendarAnswer): void {
  const encoding = chooseEncoding(request);
  const etag = etagFor(answer, encoding);
  response.setHeader('ETag', etag);
  response.setHeader('Cache-Control', 'private, no-cache');
  response.setHeader('Vary', 'Accept-Encoding');
  if (matchesEtag(request.header('if-none-match'), etag)) {
    response.status(304).end();
    return;
  }
  if (encoding !== 'identity') response.setHeader('Content-Encoding', encoding);
  response.type('application/json').send(encodedBody(answer, encoding));
}
