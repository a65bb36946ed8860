import { signal } from '@angular/core';
import type { ProblemDetails } from '@cadenza/shared/contracts';
import type { Observable } from 'rxjs';
import { fieldErrors, toProblem } from './problem';

/**
 * What a form or an action shows while it asks the server: `busy` while a call is out, then the server's refusal,
 * either as messages per field (`errors`, a 400 naming them) or as one `problem` otherwise. Each `run` clears the last.
 */
export class CallState {
  readonly busy = signal(false);
  readonly problem = signal<ProblemDetails | null>(null);
  readonly errors = signal<Record<string, string>>({});

  /** Sends the call; `done` gets its answer, a refusal lands in `errors` or `problem` and then calls `failed`. */
  run<T>(call: Observable<T>, done: (value: T) => void, failed?: () => void): void {
    this.busy.set(true);
    this.clear();
    call.subscribe({
      next: (value) => {
        this.busy.set(false);
        done(value);
      },
      error: (e: unknown) => {
        this.busy.set(false);
        const problem = toProblem(e);
        const fields = fieldErrors(problem);
        if (Object.keys(fields).length > 0) this.errors.set(fields);
        else this.problem.set(problem);
        failed?.();
      },
    });
  }

  /** Forgets the last refusal. */
  clear(): void {
    this.problem.set(null);
    this.errors.set({});
  }
}
