import type { AbstractControl, FormGroup } from '@angular/forms';
import type { ProblemDetails } from '@cadenza/shared/contracts';
import { fieldErrors } from '@cadenza/web/shared/data-access-api';

/** The message under an email field, or null. */
export function emailError(control: AbstractControl): string | null {
  const errors = control.errors;
  if (!errors) return null;
  if (typeof errors['server'] === 'string') return errors['server'];
  if (errors['required']) return 'Enter your email address.';
  if (errors['email']) return 'Enter a valid email address.';
  return null;
}

/**
 * Puts the problem's errors about `fields` under those fields (as a `server` error, touched).
 * Returns the problem to show above the form when it names nothing placed, or more than was
 * placed; otherwise null.
 */
export function placeFieldErrors(form: FormGroup, problem: ProblemDetails, fields: readonly string[]): ProblemDetails | null {
  const byField = fieldErrors(problem);
  let placed = 0;
  for (const field of fields) {
    const message = byField[field];
    const control = form.controls[field];
    if (!message || !control) continue;
    control.setErrors({ server: message });
    control.markAsTouched();
    placed++;
  }
  return placed === 0 || Object.keys(byField).length > placed ? problem : null;
}
