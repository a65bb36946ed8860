import { signal } from '@angular/core';
import type { FormGroup } from '@angular/forms';
import type { ProblemDetails } from '@cadenza/shared/contracts';
import { toProblem } from '@cadenza/web/shared/data-access-api';
import { finalize, type Observable } from 'rxjs';
import { placeFieldErrors } from './field-errors';

/**
 * How a card form (sign in, forgot password) is sent: once at a time, only when valid (else every field is touched
 * to show why), with `pending` while under way; the server's errors about `fields` go under those fields and
 * anything else is the problem shown above the form.
 */
export class FormSend {
  readonly pending = signal(false);
  readonly problem = signal<ProblemDetails | null>(null);

  constructor(
    private readonly form: FormGroup,
    private readonly fields: readonly string[],
  ) {}

  send<T>(request: () => Observable<T>, sent: (reply: T) => void): void {
    if (this.pending()) return;
    this.problem.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.pending.set(true);
    request()
      .pipe(finalize(() => this.pending.set(false)))
      .subscribe({
        next: sent,
        error: (error: unknown) => this.problem.set(placeFieldErrors(this.form, toProblem(error), this.fields)),
      });
  }
}
