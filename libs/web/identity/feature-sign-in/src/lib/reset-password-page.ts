import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { SIGN_IN_PATH, toProblem } from '@cadenza/web/shared/data-access-api';
import { CardPage, ProblemAlert } from '@cadenza/web/shared/ui';
import { finalize } from 'rxjs';
import { AccountApi } from '@cadenza/web/identity/data-access';
import { linkProblem, placePasswordProblem } from './new-password';
import { PasswordLinkPage } from './password-link-page';
import { SubmitButton } from './submit-button';
import { NewPasswordFields } from './new-password-fields';

export const RESET_LINK_NOT_VALID = 'This reset link is not valid, was already used or has expired; ask for a new one.';

/** The query parameter that makes the sign-in page say the password was changed. */
export const PASSWORD_CHANGED_PARAM = 'passwordChanged';

/** Where a password-reset email leads: choose a new password, then sign in with it. */
@Component({
  selector: 'cz-reset-password-page',
  imports: [ReactiveFormsModule, RouterLink, CardPage, ProblemAlert, SubmitButton, NewPasswordFields],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './card-form.scss',
  template: `
    <cz-card-page [product]="profile.product">
      <h1>Choose a new password</h1>

      @if (!hasToken()) {
        <p class="lead">This reset link is incomplete. Open the link from your email again, or ask for a new one.</p>
      } @else {
        <p class="lead">It must be at least {{ minLength }} characters long.</p>

        <cz-problem-alert class="problem" [problem]="problem()" />

        <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
          <cz-new-password-fields [password]="form.controls.password" [confirm]="form.controls.confirm" />

          <cz-submit-button label="Set new password" pendingLabel="Saving…" [pending]="pending()" />
        </form>
      }
      <p class="links">
        <a routerLink="/forgot-password">Ask for a new link</a>
        ·
        <a [routerLink]="signInPath">Back to sign in</a>
      </p>
    </cz-card-page>
  `,
})
export class ResetPasswordPage extends PasswordLinkPage {
  private readonly api = inject(AccountApi);
  private readonly router = inject(Router);

  protected submit(): void {
    if (this.pending()) return;
    const sending = this.beginSending();
    if (!sending) return;
    this.api
      .confirmPasswordReset(sending)
      .pipe(finalize(() => this.pending.set(false)))
      .subscribe({
        next: () => void this.router.navigate([SIGN_IN_PATH], { queryParams: { [PASSWORD_CHANGED_PARAM]: '1' } }),
        error: (error: unknown) =>
          this.problem.set(placePasswordProblem(this.form, toProblem(error), (status) => linkProblem(status, RESET_LINK_NOT_VALID))),
      });
  }
}
