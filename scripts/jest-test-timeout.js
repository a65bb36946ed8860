// Sets each server test project's default test timeout from its `globals.testTimeoutMs`
// (jest.server.config.js): Jest honours `testTimeout` only for the whole run, and the
// layers need different ones (argon2 sign-ins and real databases take seconds on a busy machine).
import { jest } from '@jest/globals';

if (typeof globalThis.testTimeoutMs === 'number') jest.setTimeout(globalThis.testTimeoutMs);
