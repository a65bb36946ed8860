import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import { type INestApplication, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import express, { type NextFunction, type Request, type Response } from 'express';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '@cadenza/server/platform/config';
import { buildApiDocument, noStoreApiAnswers, securityHeaders } from '@cadenza/server/platform/http';
import { RealtimeIoAdapter } from '@cadenza/server/platform/realtime';
import { appModule } from './app.module.js';
import { InFlightRequests } from './in-flight-requests.js';

export const API_PREFIX = 'api/v1';

/** Each application's requests in flight, for its stop. */
const inFlight = new WeakMap<INestApplication, InFlightRequests>();

/** Builds the HTTP application: the API under /api/v1, docs, health, metrics, and both web apps. */
export async function createHttpApp(config: AppConfig, databaseUrl: string, options: { logs?: boolean } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(appModule(config, databaseUrl), {
    bufferLogs: true,
    abortOnError: false,
    // A stop drops the connections still open (idle keep-alives, sockets) once requests in flight are answered.
    forceCloseConnections: true,
    logger: options.logs === false ? false : undefined,
    // The raw bytes of each JSON body are kept beside the parsed body: Stripe's webhook signature is over them.
    rawBody: true,
  });
  if (options.logs !== false) {
    app.useLogger(app.get(Logger));
  }
  const requests = new InFlightRequests();
  inFlight.set(app, requests);
  app.use(requests.middleware);
  app.set('trust proxy', config.http.trustProxy);
  app.disable('x-powered-by');
  app.use(securityHeaders(config.http.publicUrl));
  app.use(noStoreApiAnswers(API_PREFIX));
  app.use(cookieParser());
  app.useBodyParser('json', { limit: '256kb' });
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
      { path: 'metrics', method: RequestMethod.GET },
    ],
  });
  // socket.io at /ws on the same HTTP server (outside the /api/v1 prefix), through Redis when REDIS_URL is set.
  app.useWebSocketAdapter(new RealtimeIoAdapter(app));

  SwaggerModule.setup('api/docs', app, buildApiDocument(app), {
    jsonDocumentUrl: 'api/docs-json',
    customSiteTitle: 'Cadenza API',
    // Try requests from the page: the token entered under Authorize is kept across reloads. The page opens with its
    // sections closed and a filter by section: drawing every operation of the whole API at once took longer than a
    // reader waits, and a section's operations are drawn when it is opened.
    swaggerOptions: { persistAuthorization: true, tryItOutEnabled: true, displayRequestDuration: true, docExpansion: 'none', filter: true },
  });

  serveWebApps(app, config.http.webDir);
  return app;
}

/**
 * Stops the api in order: it stops taking work (the port is closed, a request on a connection still open is
 * answered 503), lets the requests in flight finish (for up to `drainMs`), then closes the application: the
 * background loops (relay, jobs, counters) stop and are awaited, the sockets and remaining connections are
 * closed, then the database pool. The process's lifecycle bounds the whole by its deadline.
 */
export async function stopHttpApp(app: INestApplication, drainMs: number): Promise<void> {
  const server = app.getHttpServer() as Server;
  server.close();
  inFlight.get(app)?.refuseNew();
  server.closeIdleConnections();
  await inFlight.get(app)?.drained(drainMs);
  await app.close();
}

/** The built Angular apps: the portal at /, the console at /console/, each falling back to its index.html. */
function serveWebApps(app: INestApplication, webDir: string): void {
  const root = resolve(webDir);
  const apps = [
    { mount: '/console', dir: join(root, 'console', 'browser') },
    { mount: '/', dir: join(root, 'portal', 'browser') },
  ].filter((a) => existsSync(join(a.dir, 'index.html')));
  const server = app.getHttpAdapter().getInstance() as express.Express;
  // API traffic must not pay for file lookups: web serving steps aside for it first.
  const isApi = (path: string) => path.startsWith('/api/') || path.startsWith('/health/') || path === '/metrics';
  for (const web of apps) {
    const files = express.static(web.dir, { index: false, maxAge: '1h', fallthrough: true });
    server.use(web.mount, (request: Request, response: Response, next: NextFunction) => {
      const path = request.originalUrl.split('?')[0];
      if ((request.method !== 'GET' && request.method !== 'HEAD') || isApi(path) || (web.mount === '/' && path.startsWith('/console'))) {
        return next();
      }
      files(request, response, () => {
        response.setHeader('Cache-Control', 'no-cache');
        response.sendFile(join(web.dir, 'index.html'));
      });
    });
  }
}
