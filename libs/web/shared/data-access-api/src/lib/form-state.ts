import { computed, signal } from '@angular/core';
import type { Observable } from 'rxjs';
import type { ProblemDetails } from '@cadenza/shared/contracts';
import { fieldErrors, toProblem } from './problem';

/**
 * The state a form shows while it loads and saves: whether it has loaded, the server's problem and its field
 * errors (each shown under the field it names), whether a save is under way, and the status line once saved.
 * One home for the load and save flow of every settings and account form.
 */
export class FormState {
  readonly loaded = signal(false);
  readonly problem = signal<ProblemDetails | null>(null);
  readonly errors = computed(() => fieldErrors(this.problem()));
  readonly saving = signal(false);
  readonly status = signal('');

  /** Reads the record and shows it; a refusal becomes the problem. */
  load<T>(request: Observable<T>, show: (record: T) => void): void {
    request.subscribe({
      next: (record) => {
        show(record);
        this.loaded.set(true);
      },
      error: (e: unknown) => this.problem.set(toProblem(e)),
    });
  }

  /**
   * Saves, shows what the server kept and says `saved` (a text, or one made from the record); a refusal becomes
   * the problem, naming its fields.
   */
  save<T>(request: Observable<T>, show: (record: T) => void, saved: string | ((record: T) => string)): void {
    this.saving.set(true);
    this.status.set('');
    this.problem.set(null);
    request.subscribe({
      next: (record) => {
        this.saving.set(false);
        show(record);
        this.status.set(typeof saved === 'string' ? saved : saved(record));
      },
      error: (e: unknown) => {
        this.saving.set(false);
        this.problem.set(toProblem(e));
      },
    });
  }
}
