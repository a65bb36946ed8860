import { AsyncLocalStorage } from 'node:async_hooks';
import { CoalescingRunner, type CoalescingRunnerOptions } from './coalescing-runner.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A runner whose passes each wait for the test to let them finish (`finish()`), recording when they start. */
function harness(options: Partial<CoalescingRunnerOptions> = {}, answers: (number | null | Error)[] = []) {
  const passes: number[] = [];
  const gates: (() => void)[] = [];
  const warnings: string[] = [];
  const runner = new CoalescingRunner({
    name: 'test loop',
    logger: { warn: (_details, message) => warnings.push(message) },
    pass: async () => {
      passes.push(passes.length + 1);
      await new Promise<void>((resolve) => gates.push(resolve));
      const answer = answers.shift() ?? null;
      if (answer instanceof Error) throw answer;
      return answer;
    },
    ...options,
  });
  const finish = async () => {
    await sleep(1);
    gates.shift()?.();
    await sleep(1);
  };
  return { runner, passes, gates, warnings, finish };
}

describe('CoalescingRunner', () => {
  it('runs a pass when asked, and waits to be asked again', async () => {
    const { runner, passes, finish } = harness();
    runner.start(null);
    await sleep(5);
    expect(passes).toEqual([]);
    runner.request();
    await sleep(1);
    expect(passes).toEqual([1]);
    await finish();
    await sleep(5);
    expect(passes).toEqual([1]);
    expect(runner.busy).toBe(false);
    await runner.stop();
  });

  it('hands requests made during a pass to exactly one more pass after it', async () => {
    const { runner, passes, finish } = harness();
    runner.start(null);
    runner.request();
    await sleep(1);
    runner.request();
    runner.request();
    runner.request();
    expect(passes).toEqual([1]);
    await finish();
    expect(passes).toEqual([1, 2]);
    await finish();
    await sleep(5);
    expect(passes).toEqual([1, 2]);
    await runner.stop();
  });

  it('gathers the requests of a moment into one pass', async () => {
    const { runner, passes, finish } = harness({ gatherMs: 20 });
    runner.start(null);
    runner.request();
    runner.request();
    await sleep(5);
    runner.request();
    expect(passes).toEqual([]);
    await sleep(30);
    expect(passes).toEqual([1]);
    await finish();
    await runner.stop();
  });

  it("follows a pass's own answer: at once after a full batch, then after the poll's delay", async () => {
    const { runner, passes, finish } = harness({}, [0, 40, null]);
    runner.start();
    await sleep(1);
    expect(passes).toEqual([1]);
    await finish();
    expect(passes).toEqual([1, 2]);
    await finish();
    expect(passes).toEqual([1, 2]);
    await sleep(60);
    expect(passes).toEqual([1, 2, 3]);
    await finish();
    await runner.stop();
  });

  it('runs at once when asked while waiting out a poll', async () => {
    const { runner, passes, finish } = harness({}, [10_000]);
    runner.start();
    await finish();
    expect(passes).toEqual([1]);
    runner.request();
    await sleep(1);
    expect(passes).toEqual([1, 2]);
    await finish();
    await runner.stop();
  });

  it('logs a failed pass and goes on after the failure delay', async () => {
    const { runner, passes, warnings, finish } = harness({ afterFailureMs: 20 }, [new Error('database away'), null]);
    runner.start();
    await finish();
    expect(warnings).toEqual(['test loop failed; going on']);
    expect(passes).toEqual([1]);
    await sleep(30);
    expect(passes).toEqual([1, 2]);
    await finish();
    runner.request();
    await sleep(1);
    expect(passes).toEqual([1, 2, 3]);
    await finish();
    await runner.stop();
  });

  it('waits to be asked after a failure when no delay is set, and a request made during the failed pass still runs', async () => {
    const { runner, passes, warnings, finish } = harness({}, [new Error('boom'), null]);
    runner.start();
    await sleep(1);
    runner.request();
    await finish();
    expect(warnings).toHaveLength(1);
    expect(passes).toEqual([1, 2]);
    await finish();
    await runner.stop();
  });

  it('on stop, awaits the running pass, then runs no more, whatever is asked', async () => {
    const { runner, passes, gates, warnings } = harness({}, [0]);
    runner.start();
    await sleep(1);
    runner.request();
    let stopped = false;
    const stopping = runner.stop().then(() => (stopped = true));
    await sleep(5);
    expect(stopped).toBe(false);
    gates.shift()?.();
    await stopping;
    expect(stopped).toBe(true);
    runner.request();
    runner.start();
    await sleep(5);
    expect(passes).toEqual([1]);
    expect(warnings).toEqual([]);
  });

  it('does not log a pass that fails because it was stopped', async () => {
    const { runner, gates, warnings } = harness({}, [new Error('pool closed')]);
    runner.start();
    await sleep(1);
    const stopping = runner.stop();
    gates.shift()?.();
    await stopping;
    expect(warnings).toEqual([]);
  });

  it('keeps a request made before it starts, and runs it when it does', async () => {
    const { runner, passes, finish } = harness();
    runner.request();
    await sleep(5);
    expect(passes).toEqual([]);
    runner.start(null);
    await sleep(1);
    expect(passes).toEqual([1]);
    await finish();
    await runner.stop();
  });

  it('takes a request made as a pass settles into one more pass', async () => {
    const passes: number[] = [];
    const runner = new CoalescingRunner({
      name: 'settling loop',
      logger: { warn: () => undefined },
      pass: async () => {
        passes.push(passes.length + 1);
        // The request comes after the work, as the pass hands back its answer.
        if (passes.length === 1) queueMicrotask(() => queueMicrotask(() => runner.request()));
      },
    });
    runner.start();
    await sleep(10);
    expect(passes).toEqual([1, 2]);
    await runner.stop();
  });

  it("runs its passes in the context it was started in, never in a requester's (a transaction's, say)", async () => {
    const context = new AsyncLocalStorage<string>();
    const seen: (string | undefined)[] = [];
    const runner = new CoalescingRunner({ name: 'context loop', logger: { warn: () => undefined }, gatherMs: 5, pass: async () => void seen.push(context.getStore()) });
    context.run('bootstrap', () => runner.start(null));
    context.run('a transaction', () => runner.request());
    await sleep(20);
    context.run('another transaction', () => runner.request());
    await sleep(20);
    expect(seen).toEqual(['bootstrap', 'bootstrap']);
    await runner.stop();
  });

  it('cancels a pending poll on stop', async () => {
    const { runner, passes, finish } = harness({}, [20]);
    runner.start();
    await finish();
    await runner.stop();
    await sleep(40);
    expect(passes).toEqual([1]);
  });
});
