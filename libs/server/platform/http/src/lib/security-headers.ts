import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

const YEAR_IN_SECONDS = 365 * 24 * 60 * 60;

/**
 * The security headers of every answer, for the app served at `publicUrl`: a content
 * security policy whose WebSockets go to the app's own origin only, and HSTS only when the
 * app is served over https (over plain http it would tell browsers nothing true).
 */
export function securityHeaders(publicUrl: string): RequestHandler {
  const url = new URL(publicUrl);
  const https = url.protocol === 'https:';
  const ownWebSocketOrigin = `${https ? 'wss' : 'ws'}://${url.host}`;
  return helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        // blob: for the inbox's image previews, fetched with the access token and shown from a blob URL.
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        // 'self' covers ws: and wss: to the page's own origin in current browsers; the public origin is named for older ones.
        connectSrc: ["'self'", ownWebSocketOrigin],
        upgradeInsecureRequests: https ? [] : null,
      },
    },
    strictTransportSecurity: https ? { maxAge: YEAR_IN_SECONDS, includeSubDomains: true } : false,
  });
}

/**
 * API answers carry people's data and tokens: no browser or proxy may store them. A handler
 * that allows revalidated caching (the week calendar's ETag) sets its own header over this one.
 */
export function noStoreApiAnswers(apiPrefix: string): RequestHandler {
  const prefix = `/${apiPrefix.replace(/^\/|\/$/g, '')}/`;
  return (request: Request, response: Response, next: NextFunction) => {
    if (request.path.startsWith(prefix)) response.setHeader('Cache-Control', 'no-store');
    next();
  };
}
