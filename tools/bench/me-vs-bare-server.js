// The server side of `me-vs-bare`, run as a child process by me-vs-bare.js (not meant to be run by hand).
//
// ONE node process holding two Nest applications:
//   - the real Cadenza app (createHttpApp: helmet, cookie-parser, pino request logs, global access guard,
//     request context, MikroORM unit of work…) on DATABASE_URL, with the demo school seeded;
//   - a minimal Nest app (NestFactory, express adapter, one controller returning a constant JSON, no logger).
// Both listen on ephemeral ports on 127.0.0.1; the ports are sent to the parent over IPC. The parent decides
// where stdout goes: the bench sends it to /dev/null, so pino's `info` request logs are written and discarded.
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { serveUntilStopped } from './lib/server-child.js';
import { dist } from './lib/util.js';

const { environmentFromProcess } = await dist('libs/server/platform/config/src/index.js');
const { createHttpApp } = await dist('apps/api/src/http-app.js');
const { seedDemoSchool } = await dist('libs/server/demo/src/index.js');
const { resolveRuntime } = await dist('apps/api/src/runtime.js');

// Plain JS has no decorator syntax: apply Nest's decorators by hand.
class BareController {
  get() {
    return { status: 'ok' };
  }
}
Controller('bare')(BareController);
Get()(BareController.prototype, 'get', Object.getOwnPropertyDescriptor(BareController.prototype, 'get'));
class BareModule {}
Module({ controllers: [BareController] })(BareModule);

const HOST = '127.0.0.1';
const closers = [];

async function main() {
  // DATABASE_URL, AUTH_SECRET, SMTP_URL and LOG_LEVEL come from the parent; the rest are the defaults.
  const runtime = await resolveRuntime(environmentFromProcess({ HOST, PORT: '0' }), { printMail: false });
  closers.push(() => runtime.stop());
  const app = await createHttpApp(runtime.config, runtime.databaseUrl);
  closers.unshift(() => app.close());
  await seedDemoSchool(app);
  await app.listen(0, HOST);

  const bare = await NestFactory.create(BareModule, { logger: false });
  closers.unshift(() => bare.close());
  await bare.listen(0, HOST);

  process.send({
    ready: true,
    mePort: app.getHttpServer().address().port,
    barePort: bare.getHttpServer().address().port,
    logLevel: runtime.config.log.level,
  });
}

serveUntilStopped('me-vs-bare server', closers, main);
