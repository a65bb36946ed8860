import { inject } from '@angular/core';
import { NonNullableFormBuilder, Validators, type AbstractControl, type FormGroup, type ValidationErrors, type ValidatorFn } from '@angular/forms';
import type { ProblemDetails } from '@cadenza/shared/contracts';
import { fieldErrors } from '@cadenza/web/shared/data-access-api';
import { placeFieldErrors } from './field-errors';

/** The API's rule for new passwords (see the contracts). */
export const MIN_PASSWORD_LENGTH = 10;

/**
 * On the confirmation control: it must repeat its sibling `password`. Re-run it (updateValueAndValidity)
 * before submitting, as the password may have changed since the confirmation was typed.
 */
export const matchesPassword: ValidatorFn = (control: AbstractControl): ValidationErrors | null => {
  const password = control.parent?.get('password')?.value as string | undefined;
  return control.value && password !== control.value ? { mismatch: true } : null;
};

/** The message to show under a new-password field, or null. */
export function newPasswordError(control: AbstractControl, field: 'password' | 'confirm'): string | null {
  const errors = control.errors;
  if (!errors) return null;
  if (typeof errors['server'] === 'string') return errors['server'];
  if (errors['required']) return field === 'password' ? 'Enter a new password.' : 'Enter the new password again.';
  if (errors['minlength']) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (errors['mismatch']) return 'The passwords do not match.';
  return null;
}

/**
 * Puts a server error about the password next to the password field. Returns the problem to
 * show above the form instead (a link that cannot be used, or anything else), or null when everything was placed.
 */
export function placePasswordProblem(form: FormGroup, problem: ProblemDetails, forBadLink: (status: number) => ProblemDetails): ProblemDetails | null {
  if (problem.status === 404 || problem.status === 410) return forBadLink(problem.status);
  if (fieldErrors(problem)['token']) return forBadLink(404);
  return placeFieldErrors(form, problem, ['password']);
}

/** The problem shown for a link that cannot be used (unknown, used or expired token). */
export function linkProblem(status: number, title: string): ProblemDetails {
  return { type: 'about:blank', status, code: 'CLIENT.LINK_INVALID', title };
}

/** A new password and its confirmation, as the emailed-link pages ask for them (call in an injection context). */
export function newPasswordForm() {
  return inject(NonNullableFormBuilder).group({
    password: ['', [Validators.required, Validators.minLength(MIN_PASSWORD_LENGTH)]],
    confirm: ['', [Validators.required, matchesPassword]],
  });
}

/** Checks the confirmation again (the password may have changed since) and says whether the form may be sent, touching every field if not. */
export function readyToSend(form: ReturnType<typeof newPasswordForm>): boolean {
  form.controls.confirm.updateValueAndValidity();
  if (form.valid) return true;
  form.markAllAsTouched();
  return false;
}
