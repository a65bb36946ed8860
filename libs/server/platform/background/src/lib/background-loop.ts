import { CoalescingRunner, type CoalescingRunnerOptions, type RunnerLogger } from './coalescing-runner.js';

/**
 * A part of the api or the worker that owns one background loop (a `CoalescingRunner` over its `pass`): the loop
 * starts when the application has started and stops, awaiting the pass in flight, when it stops. Nest calls
 * `onApplicationBootstrap` and `onModuleDestroy` by name, so this base needs no framework.
 */
export abstract class BackgroundLoop<Logger extends RunnerLogger = RunnerLogger> {
  protected readonly loop: CoalescingRunner;
  /** The loop's logger, for the subclass's own lines too. */
  protected readonly logger: Logger;

  protected constructor(options: Omit<CoalescingRunnerOptions, 'pass' | 'logger'> & { logger: Logger }) {
    this.logger = options.logger;
    this.loop = new CoalescingRunner({ ...options, pass: () => this.pass() });
  }

  /** One pass of the work; its answer says when the next one runs by itself (see `CoalescingRunnerOptions.pass`). */
  protected abstract pass(): Promise<number | null | void>;

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.loop.stop();
  }
}
