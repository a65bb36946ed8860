import { AsyncResource } from 'node:async_hooks';

/** Where a runner reports a failed pass: a Nest `Logger` fits. */
export interface RunnerLogger {
  warn(details: object, message: string): void;
}

export interface CoalescingRunnerOptions {
  /** Names the work in the log. */
  name: string;
  /**
   * One pass of the work. Its answer says when the next pass runs by itself: after that many milliseconds
   * (0: at once, as when a batch came back full), or, with null or nothing, only when asked (`request`).
   */
  pass: () => Promise<number | null | void>;
  /** When to try again after a failed pass, in milliseconds (or a function that says so); null: only when asked. */
  afterFailureMs?: number | null | (() => number | null);
  /** How long a request waits before its pass begins, so that what arrives meanwhile is taken in the same pass. */
  gatherMs?: number;
  logger: RunnerLogger;
}

/**
 * A background loop that runs one pass at a time: `request()` runs a pass soon, or, when one is running, once
 * more right after it (however many requests arrived meanwhile); a pass may ask for the next one itself after a
 * delay (a poll); a failed pass is logged and the loop goes on; `stop()` runs no more passes and awaits the one
 * running. The outbox relay, the notification jobs' outbox consumer, reminder sweep and in-app pump, the counters
 * computed after the relay's batches and the admins' counters ticker all run on it.
 */
export class CoalescingRunner {
  private readonly gatherMs: number;
  private started = false;
  private stopped = false;
  private running: Promise<void> | null = null;
  /** Asked for while a pass was running: run once more after it. */
  private again = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** The pending timer is a request's (due within `gatherMs`), not a poll's. */
  private timerIsRequest = false;
  /**
   * The async context passes run in: the one `start` was called in (a bootstrap, outside any request or transaction),
   * never a requester's, so a pass asked for from inside a transaction does not run in it.
   */
  private scope = new AsyncResource('CoalescingRunner');

  constructor(private readonly options: CoalescingRunnerOptions) {
    this.gatherMs = options.gatherMs ?? 0;
  }

  /** Starts the loop: the first pass after `firstDelayMs` (0: at once), or, with null, when first asked (or at once if asked already). */
  start(firstDelayMs: number | null = 0): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.scope = new AsyncResource('CoalescingRunner');
    if (firstDelayMs !== null) this.schedule(firstDelayMs, false);
    else if (this.again) this.schedule(this.gatherMs, true);
  }

  /** Runs a pass soon (after `gatherMs`), or once more after the one running; one asked for before start runs when it starts. Ignored after stop. */
  request(): void {
    if (this.stopped) return;
    if (!this.started) {
      this.again = true;
      return;
    }
    if (this.running) {
      this.again = true;
      return;
    }
    // A request's pass is already due: it will take this one too.
    if (this.timer && this.timerIsRequest) return;
    this.schedule(this.gatherMs, true);
  }

  /** Runs no more passes; resolves when the running one (if any) has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clearTimer();
    await this.running;
  }

  /** Whether a pass is running now. */
  get busy(): boolean {
    return this.running !== null;
  }

  private schedule(delayMs: number, isRequest: boolean): void {
    this.clearTimer();
    if (this.stopped) return;
    this.scope.runInAsyncScope(() => {
      if (delayMs <= 0) {
        this.run();
        return;
      }
      this.timerIsRequest = isRequest;
      this.timer = setTimeout(() => {
        this.timer = null;
        this.run();
      }, delayMs);
      this.timer.unref?.();
    });
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private run(): void {
    if (this.stopped || this.running) return;
    this.again = false;
    this.running = (async () => {
      // Never inside the caller's stack: a request made from within other work returns before the pass begins.
      await Promise.resolve();
      const outcome = await this.pass();
      // What comes next is decided only once the pass no longer counts as running, so no request falls between the two.
      this.running = null;
      if (!outcome || this.stopped) return;
      const { next, failed } = outcome;
      // Asked for meanwhile: go again as soon as a request would, unless the pass asked for sooner (or failed and set its own delay).
      if (this.again && (next === null || (!failed && next > this.gatherMs))) this.schedule(this.gatherMs, true);
      else if (next !== null) this.schedule(next, false);
    })();
  }

  /** One pass, its failure logged; when it asks the next one to run (null: when asked). Null when stopped meanwhile. */
  private async pass(): Promise<{ next: number | null; failed: boolean } | null> {
    try {
      return { next: (await this.options.pass()) ?? null, failed: false };
    } catch (error) {
      if (this.stopped) return null;
      this.options.logger.warn({ err: error }, `${this.options.name} failed; going on`);
      const after = this.options.afterFailureMs ?? null;
      return { next: typeof after === 'function' ? after() : after, failed: true };
    }
  }
}
