import { jest } from '@jest/globals';
import { EventEmitter } from 'node:events';
import { ProcessLifecycle, StopRequested, type LifecycleHost } from './process-lifecycle.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A process stand-in: its signals are emitted by the test, its exits recorded. */
function harness(deadlineMs = 1_000) {
  const emitter = new EventEmitter();
  const exits: number[] = [];
  const lines: string[] = [];
  const host: LifecycleHost = {
    on: (signal, listener) => emitter.on(signal, listener),
    listeners: (signal) => emitter.listeners(signal),
    removeListener: (signal, listener) => emitter.removeListener(signal, listener),
    exit: (code) => void exits.push(code),
  };
  const life = new ProcessLifecycle({ name: 'Test', deadlineMs, write: (line) => lines.push(line), host });
  const exited = async () => {
    for (let i = 0; i < 200 && exits.length === 0; i++) await sleep(5);
    return exits;
  };
  return { emitter, exits, lines, life, exited };
}

/** A part that records its stop, taking `ms`. */
const part = (log: string[], name: string, ms = 0) => async () => {
  await sleep(ms);
  log.push(name);
};

describe('ProcessLifecycle', () => {
  it('stops the parts in the reverse order of their start on SIGTERM and exits 0, whatever others had hooked on the signal', async () => {
    const { emitter, life, exited, lines } = harness();
    // A library's exit hook, as the embedded database's, which would exit 143 first.
    const libraryHook = jest.fn();
    emitter.on('SIGTERM', libraryHook);
    life.handleSignals();
    const stopped: string[] = [];
    life.run(async () => {
      life.started('mail capture', part(stopped, 'mail capture'));
      life.started('database', part(stopped, 'database', 20));
      life.started('server', part(stopped, 'server', 10));
    }, jest.fn());
    await sleep(5);
    emitter.emit('SIGTERM');
    expect(await exited()).toEqual([0]);
    expect(stopped).toEqual(['server', 'database', 'mail capture']);
    expect(libraryHook).not.toHaveBeenCalled();
    expect(lines[0]).toBe('Test is stopping (SIGTERM)…');
  });

  it('during start-up, lets the step in progress end, stops what it started in turn, and goes no further', async () => {
    const { emitter, life, exited } = harness();
    life.handleSignals();
    const stopped: string[] = [];
    let reached = false;
    let release: () => void = () => undefined;
    life.run(async () => {
      life.started('database', part(stopped, 'database'));
      await new Promise<void>((resolve) => (release = resolve));
      life.started('server', part(stopped, 'server'));
      life.checkpoint();
      reached = true;
    }, jest.fn());
    await sleep(5);
    emitter.emit('SIGINT');
    await sleep(20);
    expect(stopped).toEqual([]);
    release();
    expect(await exited()).toEqual([0]);
    expect(stopped).toEqual(['server', 'database']);
    expect(reached).toBe(false);
  });

  it('stops what started even if the start-up step in progress never ends, within the deadline', async () => {
    const { emitter, life, exited } = harness(200);
    life.handleSignals();
    const stopped: string[] = [];
    life.run(async () => {
      life.started('database', part(stopped, 'database'));
      await new Promise<void>(() => undefined);
    }, jest.fn());
    await sleep(5);
    emitter.emit('SIGTERM');
    expect(await exited()).toEqual([0]);
    expect(stopped).toEqual(['database']);
  });

  it('exits 1 at the deadline when a part does not stop, and the parts after it are still not awaited forever', async () => {
    const { emitter, life, exited, lines } = harness(100);
    life.handleSignals();
    life.run(async () => life.started('stuck pool', () => new Promise<void>(() => undefined)), jest.fn());
    await sleep(5);
    const signalled = Date.now();
    emitter.emit('SIGTERM');
    expect(await exited()).toEqual([1]);
    expect(Date.now() - signalled).toBeLessThan(1_000);
    expect(lines).toContain('Test did not stop within 0 s; exiting anyway.');
  });

  it('exits at once on a second signal', async () => {
    const { emitter, life, exited } = harness(10_000);
    life.handleSignals();
    life.run(async () => life.started('slow', async () => void (await sleep(5_000))), jest.fn());
    await sleep(5);
    emitter.emit('SIGTERM');
    await sleep(5);
    emitter.emit('SIGTERM');
    expect(await exited()).toEqual([1]);
  });

  it('stops the other parts when one fails to stop, and exits 1', async () => {
    const { emitter, life, exited, lines } = harness();
    life.handleSignals();
    const stopped: string[] = [];
    life.run(async () => {
      life.started('database', part(stopped, 'database'));
      life.started('server', async () => {
        throw new Error('pool busy');
      });
    }, jest.fn());
    await sleep(5);
    emitter.emit('SIGTERM');
    expect(await exited()).toEqual([1]);
    expect(stopped).toEqual(['database']);
    expect(lines).toContain('Test: stopping server failed: pool busy');
  });

  it('reports a failed start-up, stops what had started and exits 1', async () => {
    const { life, exited } = harness();
    life.handleSignals();
    const stopped: string[] = [];
    const failure = jest.fn();
    life.run(async () => {
      life.started('database', part(stopped, 'database'));
      throw new Error('port taken');
    }, failure);
    expect(await exited()).toEqual([1]);
    expect(failure).toHaveBeenCalledWith(new Error('port taken'));
    expect(stopped).toEqual(['database']);
  });

  it('does not report what start-up throws on its way out of a stop', async () => {
    const { emitter, life, exited } = harness();
    life.handleSignals();
    const failure = jest.fn();
    let release: () => void = () => undefined;
    life.run(async () => {
      await new Promise<void>((resolve) => (release = resolve));
      throw new Error('the child was stopped');
    }, failure);
    await sleep(5);
    emitter.emit('SIGTERM');
    release();
    expect(await exited()).toEqual([0]);
    expect(failure).not.toHaveBeenCalled();
    expect(() => life.checkpoint()).toThrow(StopRequested);
  });
});
