/** Thrown by `checkpoint()` once a stop was asked for: start-up goes no further. */
export class StopRequested extends Error {
  constructor() {
    super('A stop was asked for during start-up.');
    this.name = 'StopRequested';
  }
}

/** What a lifecycle needs of the process: its signals and its exit (the real process in the apps, a stand-in in specs). */
export interface LifecycleHost {
  on(signal: NodeJS.Signals, listener: () => void): unknown;
  listeners(signal: NodeJS.Signals): readonly unknown[];
  removeListener(signal: NodeJS.Signals, listener: (...args: unknown[]) => void): unknown;
  exit(code: number): void;
}

export interface ProcessLifecycleOptions {
  /** Names the process in what it prints ("Cadenza", "Cadenza worker"). */
  name: string;
  /** How long a stop may take, from the signal to the exit; past it the process exits anyway (with 1). */
  deadlineMs: number;
  /** Where the stop's progress is printed (a line each). */
  write: (line: string) => void;
  host?: LifecycleHost;
}

/** The signals that stop the process. */
export const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT', 'SIGHUP'];

interface Part {
  name: string;
  stop: () => Promise<void>;
}

/**
 * How a process starts and stops. Start-up registers each part once it has started (`started`), with how to
 * stop it; a stop stops them in the reverse order (the server's HTTP and jobs, then its database, then its mail
 * capture), each awaited, under one deadline after which the process exits anyway. The first SIGTERM, SIGINT
 * or SIGHUP starts the stop; a second one exits at once. A stop during start-up lets the step in progress end
 * (a part it starts is stopped at once) and start-up goes no further (`checkpoint`). A clean stop exits 0; a part
 * that failed to stop, or the deadline, exits 1.
 *
 * The lifecycle owns the process's stop signals: handlers that libraries installed (the embedded database's
 * exit hook exits 143 on SIGTERM, racing the orderly stop) are removed when it takes them.
 */
export class ProcessLifecycle {
  private readonly parts: Part[] = [];
  private readonly host: LifecycleHost;
  private startup: Promise<unknown> = Promise.resolve();
  private stopping: Promise<number> | null = null;
  /** Stops of parts that started after the stop had begun. */
  private readonly late: Promise<boolean>[] = [];
  private exited = false;
  /** The parts are being stopped: one that starts now is stopped at once. */
  private partsStopping = false;

  constructor(private readonly options: ProcessLifecycleOptions) {
    this.host = options.host ?? process;
  }

  /** Takes the stop signals: the first stops in order, a second exits at once. */
  handleSignals(signals: readonly NodeJS.Signals[] = STOP_SIGNALS): this {
    for (const signal of signals) {
      for (const listener of this.host.listeners(signal)) this.host.removeListener(signal, listener as (...args: unknown[]) => void);
      this.host.on(signal, () => {
        if (this.stopping) {
          this.options.write(`${this.options.name}: ${signal} again; exiting now.`);
          this.exit(1);
          return;
        }
        void this.stop(signal);
      });
    }
    return this;
  }

  /** Whether a stop was asked for. */
  get stopRequested(): boolean {
    return this.stopping !== null;
  }

  /**
   * Runs start-up. Should it fail other than by a stop, `onFailure` reports it and the parts started so far are
   * stopped before the process exits with 1.
   */
  run(startup: () => Promise<void>, onFailure: (error: unknown) => void): void {
    const settled = startup().then(
      () => ({ failed: false as const }),
      (error: unknown) => ({ failed: true as const, error }),
    );
    this.startup = settled;
    void settled.then(async (outcome) => {
      // A stop asked for during start-up decides how the process ends; what start-up threw on its way out is moot.
      if (!outcome.failed || this.stopping || outcome.error instanceof StopRequested) return;
      onFailure(outcome.error);
      const code = await this.stop(null);
      this.exit(Math.max(code, 1));
    });
  }

  /**
   * A part that has started, and how to stop it. One that starts during a stop, before the parts are stopped (the
   * stop waits for start-up's step in progress), is stopped in its turn; one that starts after is stopped at once.
   */
  started(name: string, stop: () => Promise<void>): void {
    const part = { name, stop };
    if (this.partsStopping) this.late.push(this.stopPart(part));
    else this.parts.push(part);
  }

  /** Between start-up steps: throws `StopRequested` once a stop was asked for. */
  checkpoint(): void {
    if (this.stopping) throw new StopRequested();
  }

  /**
   * Stops every part, the last started first, under the deadline; resolves the exit code (0 clean, 1 otherwise).
   * With a signal, the process then exits with it; at the deadline it exits with 1 whatever is still running.
   */
  stop(signal: NodeJS.Signals | null): Promise<number> {
    if (this.stopping) return this.stopping;
    const started = Date.now();
    if (signal) this.options.write(`${this.options.name} is stopping (${signal})…`);
    const deadline = setTimeout(() => {
      this.options.write(`${this.options.name} did not stop within ${Math.round(this.options.deadlineMs / 1000)} s; exiting anyway.`);
      this.exit(1);
    }, this.options.deadlineMs);
    this.stopping = (async () => {
      // The step of start-up in progress ends first (what it started is stopped in its turn), unless it hangs:
      // half the deadline at most. Start-up goes no further than its next checkpoint.
      let waited: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([this.startup, new Promise<void>((resolve) => (waited = setTimeout(resolve, this.options.deadlineMs / 2)))]);
      clearTimeout(waited);
      this.partsStopping = true;
      let clean = true;
      for (const part of this.parts.splice(0).reverse()) clean = (await this.stopPart(part)) && clean;
      for (const stopped of await Promise.all(this.late.splice(0))) clean = stopped && clean;
      clearTimeout(deadline);
      return clean ? 0 : 1;
    })();
    if (signal) {
      void this.stopping.then((code) => {
        this.options.write(`${this.options.name} stopped${code === 0 ? '' : ' (not cleanly)'} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
        this.exit(code);
      });
    }
    return this.stopping;
  }

  private async stopPart(part: Part): Promise<boolean> {
    try {
      await part.stop();
      return true;
    } catch (error) {
      this.options.write(`${this.options.name}: stopping ${part.name} failed: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
  }

  private exit(code: number): void {
    if (this.exited) return;
    this.exited = true;
    this.host.exit(code);
  }
}
