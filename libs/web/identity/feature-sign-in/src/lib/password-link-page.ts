import { computed, Directive, inject, input, signal } from '@angular/core';
import type { ProblemDetails } from '@cadenza/shared/contracts';
import { APP_PROFILE, SIGN_IN_PATH } from '@cadenza/web/shared/data-access-api';
import { MIN_PASSWORD_LENGTH, newPasswordForm, readyToSend } from './new-password';

/**
 * What the pages an emailed link leads to for choosing a password (accepting an invitation,
 * resetting a password) have in common: the link's token, the new-password form and its state.
 */
@Directive()
export abstract class PasswordLinkPage {
  protected readonly profile = inject(APP_PROFILE);
  protected readonly signInPath = SIGN_IN_PATH;
  protected readonly minLength = MIN_PASSWORD_LENGTH;

  /** The link's token (a query parameter, bound by the router). */
  readonly token = input<string | undefined>();
  protected readonly hasToken = computed(() => !!this.token()?.trim());

  protected readonly form = newPasswordForm();
  protected readonly pending = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);

  /**
   * Clears the last problem and checks the form; when it is ready, marks the page pending and
   * returns the token and the password to send, else null (the form then shows why).
   */
  protected beginSending(): { token: string; password: string } | null {
    this.problem.set(null);
    if (!readyToSend(this.form)) return null;
    const token = this.token()?.trim() ?? '';
    const { password } = this.form.getRawValue();
    this.pending.set(true);
    return { token, password };
  }
}
